import { describe, expect, it } from "vitest";
import { RRF_K, reciprocalRankFusion } from "@/lib/rank-fusion";

describe("reciprocal rank fusion", () => {
  it("sums 1 / (60 + rank) over the lists that hold a memory, best first", () => {
    const fused = reciprocalRankFusion([
      [10, 20, 30],
      [30, 40],
    ]);
    expect(RRF_K).toBe(60);
    expect(fused.map((f) => f.id)).toEqual([30, 10, 20, 40]);
    expect(fused[0]).toEqual({ id: 30, score: 1 / 63 + 1 / 61, ranks: [3, 1] });
    expect(fused[1]).toEqual({ id: 10, score: 1 / 61, ranks: [1, null] });
    expect(fused[3]).toEqual({ id: 40, score: 1 / 62, ranks: [null, 2] });
  });

  it("orders equal scores by the better best rank, then the smaller id; a repeated id keeps its first rank", () => {
    // 5 and 6 are each 1st in one list and 2nd in the other: equal scores, equal best ranks.
    const tie = reciprocalRankFusion([
      [5, 6],
      [6, 5],
    ]);
    expect(tie.map((f) => f.id)).toEqual([5, 6]);
    expect(tie[0]!.score).toBe(tie[1]!.score);
    const repeated = reciprocalRankFusion([[1, 2, 1]]);
    expect(repeated).toEqual([
      { id: 1, score: 1 / 61, ranks: [1] },
      { id: 2, score: 1 / 62, ranks: [2] },
    ]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});
