import type { SearchHit } from "@/db/queries/search";

/** A search result as shown: the best-ranked hit of a text, and the other hits with the same text. */
export type HitGroup = { hit: SearchHit; copies: SearchHit[] };

/**
 * Collapses hits with identical text (the same textDigest) into one group at the place of the
 * best-ranked one; the order of the rest is kept. Hits without text are never collapsed.
 */
export function groupIdenticalHits(hits: readonly SearchHit[]): HitGroup[] {
  const groups: HitGroup[] = [];
  const byDigest = new Map<string, HitGroup>();
  for (const hit of hits) {
    const same = hit.textDigest === null ? undefined : byDigest.get(hit.textDigest);
    if (same) {
      same.copies.push(hit);
      continue;
    }
    const group = { hit, copies: [] };
    groups.push(group);
    if (hit.textDigest !== null) byDigest.set(hit.textDigest, group);
  }
  return groups;
}
