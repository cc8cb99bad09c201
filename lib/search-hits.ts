/** A search result as shown: the best-ranked hit of a text, and the other hits with the same text. */
export type HitGroup<H> = { hit: H; copies: H[] };

/**
 * Collapses hits with identical text (the same textDigest) into one group at the place of the
 * best-ranked one; the order of the rest is kept. Hits without text are never collapsed.
 */
export function groupIdenticalHits<H extends { textDigest: string | null }>(hits: readonly H[]): HitGroup<H>[] {
  const groups: HitGroup<H>[] = [];
  const byDigest = new Map<string, HitGroup<H>>();
  for (const hit of hits) {
    const same = hit.textDigest === null ? undefined : byDigest.get(hit.textDigest);
    if (same) {
      same.copies.push(hit);
      continue;
    }
    const group: HitGroup<H> = { hit, copies: [] };
    groups.push(group);
    if (hit.textDigest !== null) byDigest.set(hit.textDigest, group);
  }
  return groups;
}
