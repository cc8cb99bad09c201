/**
 * Reciprocal Rank Fusion (Cormack, Clarke and Büttcher, 2009): a memory's fused score is the sum,
 * over the ranked lists that hold it, of 1 / (RRF_K + its rank there). Ranks alone count, so a
 * keyword score and a distance, which share no scale, need no weighting against each other.
 */
export const RRF_K = 60;

export type FusedRank = {
  id: number;
  score: number;
  /** Its rank in each list, in the order the lists were given; null where a list lacks it. */
  ranks: (number | null)[];
};

/**
 * Fuses lists of ids, each best first, into one: highest fused score first; on equal scores the
 * better best rank, then the smaller id, so the order is the same on every run.
 */
export function reciprocalRankFusion(lists: readonly (readonly number[])[], k: number = RRF_K): FusedRank[] {
  const byId = new Map<number, FusedRank>();
  lists.forEach((list, l) => {
    list.forEach((id, i) => {
      let fused = byId.get(id);
      if (!fused) {
        fused = { id, score: 0, ranks: lists.map(() => null) };
        byId.set(id, fused);
      }
      if (fused.ranks[l] !== null) return; // a list names each id once; a repeat keeps its better rank
      fused.ranks[l] = i + 1;
      fused.score += 1 / (k + i + 1);
    });
  });
  const best = (f: FusedRank) => Math.min(...f.ranks.map((r) => r ?? Number.POSITIVE_INFINITY));
  return [...byId.values()].sort((a, b) => b.score - a.score || best(a) - best(b) || a.id - b.id);
}
