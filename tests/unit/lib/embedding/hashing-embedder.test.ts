import { describe, expect, it } from "vitest";
import { assertEmbedding } from "@/lib/embedding";
import { createHashingEmbedder, hashingEmbedding } from "@/lib/embedding/hashing-embedder";

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
const l2 = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));

describe("the offline hashing embedder", () => {
  it("turns any text into 768 finite numbers of unit length", async () => {
    const texts = ["Prefers window seats", "ÜBER café naïve — 東京 2026!", "?!", "a", "x".repeat(20_000)];
    const vectors = await createHashingEmbedder().embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(() => assertEmbedding(v)).not.toThrow();
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 9);
    }
  });

  it("is deterministic", () => {
    expect(hashingEmbedding("Password reset emails arrive late")).toEqual(
      hashingEmbedding("Password reset emails arrive late"),
    );
  });

  it("puts texts that share words nearer than unrelated ones", () => {
    const query = hashingEmbedding("password reset email is late");
    const related = hashingEmbedding("Password reset emails arrive 10 minutes late for this user");
    const unrelated = hashingEmbedding("Prefers window seats on long flights to Kyoto");
    expect(l2(query, related)).toBeLessThan(l2(query, unrelated));
    expect(dot(query, related)).toBeGreaterThan(dot(query, unrelated) + 0.2);
  });

  it("ignores case and is not fooled by shared stop words", () => {
    expect(hashingEmbedding("Dark Mode")).toEqual(hashingEmbedding("dark mode"));
    const a = hashingEmbedding("the user of the app and the team");
    const b = hashingEmbedding("the flight of the week and the hotel");
    expect(dot(a, b)).toBeLessThan(0.3);
  });

  it("refuses an empty text", () => {
    expect(() => hashingEmbedding("   ")).toThrow(/empty/);
  });
});
