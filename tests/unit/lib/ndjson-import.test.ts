import { describe, expect, it } from "vitest";
import { parseNdjsonImport, previewImport } from "@/lib/ndjson-import";

const vector = (value = 0.1) => new Array(768).fill(value);
const line = (fields: Record<string, unknown>) => JSON.stringify(fields);
const preview = (lines: string[]) => previewImport(parseNdjsonImport(lines.join("\n")));

describe("the import preview", () => {
  it("counts lines, memories and embeddings, skipping blank lines", () => {
    const result = preview([
      line({
        raw_data: { content: "first", tags: ["a", "b"] },
        embedding: vector(),
        created_at: "2025-06-01T10:00:00.000001",
      }),
      "",
      line({ raw_data: { content: "second" }, embedding: null }),
      "   ",
      line({ raw_data: { text: "third" }, embedding: vector(0.2) }),
    ]);
    expect(result).toMatchObject({ lineCount: 3, memories: 3, withEmbedding: 2, problemCount: 0, problems: [] });
  });

  it("shows the first five rows with their line numbers, text, tags, timestamp and embedding", () => {
    const lines = [
      "",
      ...Array.from({ length: 8 }, (_, i) => line({ raw_data: { content: `memory ${i}`, tags: [`t${i}`] } })),
    ];
    lines[1] = line({
      raw_data: { content: "with all", tags: ["x", 7] },
      embedding: vector(),
      created_at: "2025-06-01T10:00:00.000001",
    });
    const { samples } = preview(lines);
    expect(samples).toHaveLength(5);
    expect(samples[0]).toEqual({
      line: 2,
      text: "with all",
      tags: ["x", "7"],
      rawData: '{"content":"with all","tags":["x",7]}',
      hasEmbedding: true,
      createdAt: "2025-06-01T10:00:00.000001",
    });
    expect(samples.map((s) => s.line)).toEqual([2, 3, 4, 5, 6]);
    expect(samples[1]).toMatchObject({ text: "memory 1", hasEmbedding: false, createdAt: null });
  });

  it("keeps raw_data's text as written, digits included, and cuts long text without splitting a character", () => {
    const long = `${"a".repeat(199)}🙂 and more`;
    const [sample] = preview([`{"raw_data":{"n":12345678901234567890,"content":${JSON.stringify(long)}}}`]).samples;
    expect(sample!.rawData.startsWith('{"n":12345678901234567890,')).toBe(true);
    expect(sample!.text).toBe(`${"a".repeat(199)}…`);
    expect(sample!.rawData.length).toBeLessThanOrEqual(201);
  });

  it("shows raw_data when there is no text to show", () => {
    const [sample] = preview([line({ raw_data: { kind: "event" } })]).samples;
    expect(sample).toMatchObject({ text: null, rawData: '{"kind":"event"}' });
  });

  it("names every bad line by its number and counts only the good ones as memories", () => {
    const result = preview([
      line({ raw_data: { content: "good" } }),
      "{broken",
      "",
      line({ raw_data: { content: "short" }, embedding: [1, 2, 3] }),
      line({ content: "no raw_data" }),
    ]);
    expect(result.lineCount).toBe(4);
    expect(result.memories).toBe(1);
    expect(result.problemCount).toBe(3);
    expect(result.problems).toEqual([
      { line: 2, reason: expect.stringMatching(/^not valid JSON/) },
      { line: 4, reason: "embedding must have 768 dimensions, got 3" },
      { line: 5, reason: "raw_data is missing" },
    ]);
    expect(result.samples.map((s) => s.line)).toEqual([1]);
  });

  it("reports at most 100 problems but counts them all", () => {
    const result = preview(Array.from({ length: 150 }, () => "[1]"));
    expect(result.problemCount).toBe(150);
    expect(result.problems).toHaveLength(100);
    expect(result.memories).toBe(0);
  });
});
