import { describe, expect, it } from "vitest";
import { embeddingStats } from "@/lib/embedding-stats";

describe("embeddingStats", () => {
  it("describes a vector: dimensions, norm, extremes, mean and bucket means", () => {
    const vector = Array.from({ length: 768 }, (_, i) => (i < 384 ? 0.03 : -0.01));
    const stats = embeddingStats(vector, 96);
    expect(stats.dimensions).toBe(768);
    expect(stats.norm).toBeCloseTo(Math.sqrt(384 * 0.0009 + 384 * 0.0001), 10);
    expect(stats.min).toBe(-0.01);
    expect(stats.max).toBe(0.03);
    expect(stats.mean).toBeCloseTo(0.01, 10);
    expect(stats.buckets).toHaveLength(96);
    expect(stats.buckets[0]).toBeCloseTo(0.03, 10);
    expect(stats.buckets[95]).toBeCloseTo(-0.01, 10);
  });
});
