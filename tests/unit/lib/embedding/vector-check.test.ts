import { describe, expect, it } from "vitest";
import { assertEmbedding, InvalidEmbeddingError } from "@/lib/embedding";

describe("assertEmbedding", () => {
  it("accepts exactly 768 finite numbers", () => {
    expect(() => assertEmbedding(new Array(768).fill(-0.5))).not.toThrow();
  });

  it.each([
    [null, /array of 768 numbers, got null/],
    ["[1,2,3]", /array of 768 numbers, got the string/],
    [[], /768 dimensions, got 0/],
    [Object.assign(new Array(768).fill(1), { 3: "1" }), /index 3 is not a finite number \(the string "1"\)/],
    [Object.assign(new Array(768).fill(1), { 767: Number.NEGATIVE_INFINITY }), /index 767 .*-Infinity/],
  ])("refuses %j with a clear message", (value, message) => {
    expect(() => assertEmbedding(value)).toThrow(InvalidEmbeddingError);
    expect(() => assertEmbedding(value)).toThrow(message);
  });
});
