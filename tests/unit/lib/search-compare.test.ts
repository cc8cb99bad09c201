import { describe, expect, it } from "vitest";
import { comparisonSides, rankChanges } from "@/lib/search-compare";

describe("comparing two searches", () => {
  it("reads each side's whole search link from a and b", () => {
    const sides = comparisonSides(new URLSearchParams({ a: "q=reset+password&tag=bug&tag=ui", b: "similar=4" }));
    expect(sides.a.get("q")).toBe("reset password");
    expect(sides.a.getAll("tag")).toEqual(["bug", "ui"]);
    expect(sides.b.get("similar")).toBe("4");
    expect(comparisonSides({}).a.toString()).toBe("");
  });

  it("says where the other search ranks each result, and how many places higher it is here", () => {
    const a = [
      { id: 7, rank: 1 },
      { id: 8, rank: 2 },
      { id: 9, rank: 3 },
    ];
    const b = [
      { id: 9, rank: 1 },
      { id: 7, rank: 4 },
    ];
    expect(Object.fromEntries(rankChanges(a, b))).toEqual({
      7: { otherRank: 4, moved: 3 },
      8: { otherRank: null, moved: null },
      9: { otherRank: 1, moved: -2 },
    });
    expect(Object.fromEntries(rankChanges(b, a))).toEqual({
      9: { otherRank: 3, moved: 2 },
      7: { otherRank: 1, moved: -3 },
    });
  });
});
