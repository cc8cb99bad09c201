import type { RawData } from "../db/schema";
import { invalid } from "./errors";
import { hasLoneSurrogate } from "./unicode";

export const RAW_DATA_MAX_BYTES = 256 * 1024;

// Runs in the browser too (the editor validates as you type), so no Buffer.
const encoder = new TextEncoder();
export const utf8Bytes = (text: string) => encoder.encode(text).length;
const MAX_DEPTH = 100;
/** Parses the JSON text of a memory's raw_data, with a message fit for the editor when it is not acceptable. */
export function parseRawDataText(text: string): RawData {
  if (utf8Bytes(text) > RAW_DATA_MAX_BYTES * 2) throw tooLarge(utf8Bytes(text));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid("rawData", `raw_data is not valid JSON: ${error instanceof SyntaxError ? error.message : "it could not be parsed"}.`);
  }
  return checkRawData(value);
}

/**
 * Accepts only what PostgreSQL's jsonb stores unchanged: a JSON object, at most 256 KB, without
 * NUL characters or broken Unicode in its strings and without numbers JavaScript cannot hold.
 */
export function checkRawData(value: unknown): RawData {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid("rawData", `raw_data must be a JSON object such as {"content": "..."}, not ${kindOf(value)}.`);
  }
  inspect(value, "raw_data", 0);
  const bytes = utf8Bytes(JSON.stringify(value));
  if (bytes > RAW_DATA_MAX_BYTES) throw tooLarge(bytes);
  return value as RawData;
}

function inspect(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw invalid("rawData", `raw_data is nested deeper than ${MAX_DEPTH} levels.`);
  if (typeof value === "string") return checkString(value, path);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalid("rawData", `${path} is a number too large to store exactly.`);
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => inspect(v, `${path}[${i}]`, depth + 1));
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      checkString(k, `a key in ${path}`);
      inspect(v, `${path}.${k}`, depth + 1);
    }
  }
}

function checkString(s: string, where: string): void {
  if (s.includes("\u0000")) throw invalid("rawData", `${where} contains a NUL character (\\u0000), which PostgreSQL cannot store.`);
  if (hasLoneSurrogate(s)) throw invalid("rawData", `${where} contains broken Unicode (a lone surrogate).`);
}

function tooLarge(bytes: number) {
  return invalid("rawData", `raw_data is ${Math.ceil(bytes / 1024)} KB; the limit is ${RAW_DATA_MAX_BYTES / 1024} KB.`);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? "a string" : `a ${typeof value}`;
}
