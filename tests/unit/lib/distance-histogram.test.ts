import { describe, expect, it } from "vitest";
import { distanceHistogram } from "@/lib/distance-histogram";

describe("the distance histogram", () => {
  it("counts distances in bars of equal width, the largest in the last bar", () => {
    const bins = distanceHistogram([0, 0.1, 0.26, 0.5, 0.74, 1], 4);
    expect(bins.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 0.25, 2],
      [0.25, 0.5, 1],
      [0.5, 0.75, 2],
      [0.75, 1, 1],
    ]);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(6);
  });

  it("makes one bar of equal distances, and none of no distances", () => {
    expect(distanceHistogram([0.3, 0.3, 0.3])).toEqual([{ from: 0.3, to: 0.3, count: 3 }]);
    expect(distanceHistogram([])).toEqual([]);
  });
});
