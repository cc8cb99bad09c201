import { describe, expect, it } from "vitest";
import type { SearchHit } from "@/db/queries/search";
import { groupIdenticalHits } from "@/lib/search-hits";

const hit = (id: number, rank: number, textDigest: string | null): SearchHit => ({
  id,
  rank,
  textDigest,
  distance: rank / 10,
  score: 1 - rank / 10,
  createdAt: null,
  updatedAt: null,
  preview: textDigest,
  tags: [],
  tagCount: 0,
  component: null,
  hasEmbedding: true,
  size: 10,
});

describe("groupIdenticalHits", () => {
  it("collapses hits with the same text into the best-ranked one, keeping the order", () => {
    const groups = groupIdenticalHits([hit(7, 1, "a"), hit(3, 2, "b"), hit(9, 3, "a"), hit(4, 4, "c"), hit(5, 5, "a")]);
    expect(groups.map((g) => [g.hit.id, g.copies.map((c) => c.id)])).toEqual([
      [7, [9, 5]],
      [3, []],
      [4, []],
    ]);
  });

  it("never collapses hits without text", () => {
    const groups = groupIdenticalHits([hit(1, 1, null), hit(2, 2, null)]);
    expect(groups.map((g) => g.hit.id)).toEqual([1, 2]);
    expect(groups.every((g) => g.copies.length === 0)).toBe(true);
  });

  it("gives nothing for no hits", () => {
    expect(groupIdenticalHits([])).toEqual([]);
  });
});
