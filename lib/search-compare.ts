import { type SearchParamsInput, toSearchParams } from "./next-search-params";

/** The two sides of a comparison: each a whole search link's parameters, held in `a` and `b`. */
export const COMPARE_SIDES = ["a", "b"] as const;
export type CompareSide = (typeof COMPARE_SIDES)[number];

/** Each side's search parameters, read from a comparison link (`?a=q%3D…&b=q%3D…`). */
export function comparisonSides(input: SearchParamsInput): Record<CompareSide, URLSearchParams> {
  const params = toSearchParams(input);
  return { a: new URLSearchParams(params.get("a") ?? ""), b: new URLSearchParams(params.get("b") ?? "") };
}

/** Where a result of one side stands on the other: its rank there (null: not among them) and how far it moved. */
export type RankChange = { otherRank: number | null; moved: number | null };

/**
 * For each result of `side`, its rank among `other`'s results and how many places it rose (a
 * positive number) or fell going from `other` to `side`; ranks are the searches' own.
 */
export function rankChanges(
  side: readonly { id: number; rank: number }[],
  other: readonly { id: number; rank: number }[],
): Map<number, RankChange> {
  const rankThere = new Map(other.map((h) => [h.id, h.rank]));
  return new Map(
    side.map((h) => {
      const otherRank = rankThere.get(h.id) ?? null;
      return [h.id, { otherRank, moved: otherRank === null ? null : otherRank - h.rank }];
    }),
  );
}
