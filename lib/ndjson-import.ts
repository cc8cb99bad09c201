import { getNodeValue } from "jsonc-parser";
import { AppError } from "@/db/app-error";
import type { ImportRow } from "@/db/queries/import";
import type { RawData } from "@/db/schema";
import { assertEmbedding, InvalidEmbeddingError } from "@/db/vector-check";
import { type JsonNode, members, nodeText, parseJsonText } from "./json-text";
import { checkRawDataText, rawDataFields } from "./raw-data";
import { isTimestampText } from "./timestamp-text";

export const IMPORT_LIMITS = { maxBytes: 50 * 1024 * 1024, maxLines: 100_000, maxReportedErrors: 100 } as const;

export type ImportProblem = { line: number; reason: string };
export type ParsedImport = {
  rows: ImportRow[];
  /** The file's line number of each row. */
  rowLines: number[];
  /** Lines that are not blank. */
  lineCount: number;
  problems: ImportProblem[];
  problemCount: number;
};

/**
 * Reads an NDJSON export (one memory per line: raw_data, optional embedding of 768 finite
 * numbers, optional created_at and updated_at) and checks every line before anything is written.
 * Blank lines are skipped; ids, user_id and project_id in the file are ignored (the tenant is the
 * one imported into).
 */
export function parseNdjsonImport(text: string): ParsedImport {
  const rows: ImportRow[] = [];
  const rowLines: number[] = [];
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  let lineCount = 0;
  const lines = text.split("\n");
  if (lines.length > IMPORT_LIMITS.maxLines + 1) {
    return {
      rows: [],
      rowLines: [],
      lineCount: lines.length,
      problems: [
        { line: 0, reason: `The file has more than ${IMPORT_LIMITS.maxLines.toLocaleString("en-US")} lines.` },
      ],
      problemCount: 1,
    };
  }
  // Each line is read on its own; a problem ends that line only.
  const readLine = (raw: string, index: number) => {
    const line = raw.replace(/\r$/, "");
    if (!line.trim()) return;
    lineCount++;
    const problem = (reason: string) => {
      problemCount++;
      if (problems.length < IMPORT_LIMITS.maxReportedErrors) problems.push({ line: index + 1, reason });
    };
    const parsed = parseJsonText(line);
    if (!parsed.ok) return problem(parsed.message);
    if (parsed.root.type !== "object") return problem("not a JSON object");
    // raw_data is taken as its own text (numbers keep every digit); the other fields as values.
    const fields = new Map<string, JsonNode>();
    for (const [key, node] of members(parsed.root)) {
      if (fields.has(key)) return problem(`${key} is written twice`);
      fields.set(key, node);
    }
    const record = (key: string): unknown => {
      const node = fields.get(key);
      return node === undefined ? undefined : getNodeValue(node);
    };
    const rawDataNode = fields.get("raw_data");
    if (!rawDataNode) return problem("raw_data is missing");
    let rawData: RawData;
    try {
      rawData = checkRawDataText(nodeText(line, rawDataNode));
    } catch (error) {
      return problem(error instanceof AppError ? error.message : "raw_data is not acceptable");
    }
    let embedding: number[] | null = null;
    const embeddingValue = record("embedding");
    if (embeddingValue !== undefined && embeddingValue !== null) {
      try {
        assertEmbedding(embeddingValue, "embedding");
        embedding = embeddingValue;
      } catch (error) {
        return problem(error instanceof InvalidEmbeddingError ? error.message : "embedding is not acceptable");
      }
    }
    const stamps: (string | null)[] = [];
    for (const key of ["created_at", "updated_at"] as const) {
      const stamp = record(key);
      if (stamp === undefined || stamp === null) stamps.push(null);
      else if (typeof stamp === "string" && isTimestampText(stamp)) stamps.push(stamp);
      else return problem(`${key} is not a timestamp such as 2026-05-31T14:00:00.123456`);
    }
    rows.push({ rawData, embedding, createdAt: stamps[0] ?? null, updatedAt: stamps[1] ?? null });
    rowLines.push(index + 1);
  };
  for (const [index, raw] of lines.entries()) readLine(raw, index);
  return { rows, rowLines, lineCount, problems, problemCount };
}

/** A line of the file as the preview shows it: its text cut short, whether it has an embedding, its timestamps. */
export type ImportSample = {
  line: number;
  text: string | null;
  tags: string[];
  rawData: string;
  hasEmbedding: boolean;
  createdAt: string | null;
};

/** What an import would do, before it does it: the import's first step. */
export type ImportPreview = {
  lineCount: number;
  memories: number;
  withEmbedding: number;
  samples: ImportSample[];
  problems: ImportProblem[];
  problemCount: number;
};

const SAMPLE_ROWS = 5;
const SAMPLE_CHARS = 200;

/** Cuts to at most `max` characters without splitting a UTF-16 pair. */
const cut = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, /[\ud800-\udbff]/.test(text[max - 1] ?? "") ? max - 1 : max)}…`;

/** Sums up a checked file for the preview: counts, the first few rows and every problem found. */
export function previewImport(parsed: ParsedImport): ImportPreview {
  return {
    lineCount: parsed.lineCount,
    memories: parsed.rows.length,
    withEmbedding: parsed.rows.filter((r) => r.embedding !== null).length,
    samples: parsed.rows.slice(0, SAMPLE_ROWS).map((row, i) => {
      const fields = rawDataFields(row.rawData);
      return {
        line: parsed.rowLines[i] ?? 0,
        text: fields.text === null ? null : cut(fields.text, SAMPLE_CHARS),
        tags: fields.tags.slice(0, 10),
        rawData: cut(row.rawData, SAMPLE_CHARS),
        hasEmbedding: row.embedding !== null,
        createdAt: row.createdAt,
      };
    }),
    problems: parsed.problems,
    problemCount: parsed.problemCount,
  };
}
