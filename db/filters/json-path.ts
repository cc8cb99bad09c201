import { sql } from "drizzle-orm";
import { z } from "zod";
import { invalid } from "../app-error";
import { memoryLogs } from "../schema";
import { filterKind } from "./kind";
import { parseParam, textParam } from "./params";
import { textArray } from "./sql";

const SEGMENT = /^([A-Za-z0-9_-]+)((?:\[\d{1,6}\])*)$/;
const MAX_LENGTH = 200;
const MAX_DEPTH = 16;

/**
 * Parses a JSON path such as `meta.source` or `entities[0].type` into the segments of a
 * PostgreSQL `#>` path. Keys are letters, digits, `_` and `-`; array indexes are `[n]`.
 */
export function parseJsonPath(raw: string, field = "path"): string[] {
  const path = raw.trim();
  if (!path) throw invalid(field, "The JSON path is empty.");
  if (path.length > MAX_LENGTH) throw invalid(field, `The JSON path is longer than ${MAX_LENGTH} characters.`);
  const segments: string[] = [];
  for (const part of path.split(".")) {
    const match = SEGMENT.exec(part);
    if (!match) {
      throw invalid(
        field,
        `"${path}" is not a valid JSON path: use keys of letters, digits, "_" or "-" separated by dots, with array indexes like [0] (for example meta.source or entities[0].type).`,
      );
    }
    segments.push(match[1]!, ...[...match[2]!.matchAll(/\[(\d+)\]/g)].map((m) => String(Number(m[1]))));
  }
  if (segments.length > MAX_DEPTH) throw invalid(field, `The JSON path is deeper than ${MAX_DEPTH} levels.`);
  return segments;
}

export type JsonPathFilter =
  | { path: string; segments: string[]; op: "equals"; value: string }
  | { path: string; segments: string[]; op: "present" | "absent" };

const valueParam = textParam(1000, "The value");
const existsParam = z.enum(["true", "false"], "exists must be true or false.");

/** `path` with `value` (equal as text) or `exists=true|false`: a JSON path of raw_data. */
export const jsonPathFilter = filterKind<{ jsonPath?: JsonPathFilter }>({
  params: ["path", "value", "exists"],
  parse(read) {
    const raw = read.one("path");
    const value = read.one("value") === undefined ? undefined : parseParam("value", valueParam, read.one("value"));
    const exists = read.one("exists") === undefined ? undefined : parseParam("exists", existsParam, read.one("exists"));
    if (raw === undefined) {
      if (value !== undefined || exists !== undefined)
        throw invalid("path", "A value or exists filter needs a JSON path (for example path=meta.source).");
      return {};
    }
    const segments = parseJsonPath(raw);
    if (value !== undefined && exists !== undefined)
      throw invalid("exists", "Give either value or exists for a JSON path, not both.");
    const path = raw.trim();
    return {
      jsonPath:
        value !== undefined
          ? { path, segments, op: "equals", value }
          : { path, segments, op: exists === "false" ? "absent" : "present" },
    };
  },
  active: (v) => v.jsonPath !== undefined,
  where({ jsonPath }) {
    if (!jsonPath) return [];
    const at = textArray(jsonPath.segments);
    if (jsonPath.op === "equals") return [sql`(${memoryLogs.rawData} #>> ${at}) = ${jsonPath.value}`];
    if (jsonPath.op === "present") return [sql`(${memoryLogs.rawData} #> ${at}) is not null`];
    return [sql`(${memoryLogs.rawData} #> ${at}) is null`];
  },
  plan: () => ({ answeredBy: "rows" }),
  input: { control: "json-path", path: "path", value: "value", exists: "exists" },
});
