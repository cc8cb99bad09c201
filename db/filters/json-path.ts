import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { invalid } from "../app-error";
import { memoryLogs } from "../schema";
import { parseDateParam } from "./dates";
import { filterKind } from "./kind";
import { parseParam, textParam } from "./params";
import { textArray, timestampText } from "./sql";

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

/** The comparing operators of `op` (beside `eq`, the default): numbers and ISO dates. */
export const JSON_PATH_COMPARISONS = ["lt", "lte", "gt", "gte"] as const;
export type JsonPathComparison = (typeof JSON_PATH_COMPARISONS)[number];

/** What a comparison's value is compared as: a JSON number (kept as its text), an instant, or the query's `now()`. */
export type ComparedValue =
  | { type: "number"; number: string }
  | { type: "date"; at: Date; dateOnly: boolean }
  | { type: "date"; at: "now" };

export type JsonPathFilter =
  | { path: string; segments: string[]; op: "equals"; value: string }
  | { path: string; segments: string[]; op: JsonPathComparison; value: string; compared: ComparedValue }
  | { path: string; segments: string[]; op: "present" | "absent" };

const valueParam = textParam(1000, "The value");
const existsParam = z.enum(["true", "false"], "exists must be true or false.");
const opParam = z.enum(["eq", ...JSON_PATH_COMPARISONS], "op must be eq, lt, lte, gt or gte.");

// JSON's number grammar (no +1, .5, NaN or 0x10); an exponent past 1000 would overflow numeric.
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE]([+-]?\d+))?$/;

/** A comparison's value: a JSON number, an ISO date or date-time (parseDateParam), or `now`; else null. */
export function comparedValue(raw: string): ComparedValue | null {
  const value = raw.trim();
  const number = JSON_NUMBER.exec(value);
  if (number) return Math.abs(Number(number[1] ?? 0)) <= 1000 ? { type: "number", number: value } : null;
  if (value === "now") return { type: "date", at: "now" };
  const date = parseDateParam(value);
  return date ? { type: "date", at: date.date, dateOnly: date.dateOnly } : null;
}

/**
 * `path` with `value` (equal as text, or compared with `op=lt|lte|gt|gte`) or `exists=true|false`:
 * a JSON path of raw_data.
 */
export const jsonPathFilter = filterKind<{ jsonPath?: JsonPathFilter }>({
  params: ["path", "value", "exists", "op"],
  parse(read) {
    const raw = read.one("path");
    const value = read.one("value") === undefined ? undefined : parseParam("value", valueParam, read.one("value"));
    const exists = read.one("exists") === undefined ? undefined : parseParam("exists", existsParam, read.one("exists"));
    const op = read.one("op") === undefined ? undefined : parseParam("op", opParam, read.one("op"));
    if (raw === undefined) {
      if (value !== undefined || exists !== undefined || op !== undefined)
        throw invalid("path", "A value, op or exists filter needs a JSON path (for example path=meta.source).");
      return {};
    }
    const segments = parseJsonPath(raw);
    if (value !== undefined && exists !== undefined)
      throw invalid("exists", "Give either value or exists for a JSON path, not both.");
    if (op !== undefined && value === undefined)
      throw invalid("value", `op=${op} needs a value to compare with (for example value=0.8).`);
    const path = raw.trim();
    if (value === undefined) return { jsonPath: { path, segments, op: exists === "false" ? "absent" : "present" } };
    if (op === undefined || op === "eq") return { jsonPath: { path, segments, op: "equals", value } };
    const compared = comparedValue(value);
    if (!compared)
      throw invalid(
        "value",
        `For op=${op}, value must be a JSON number (such as 0.8 or -3), an ISO date (2026-05-31 or 2026-05-31T14:00:00Z) or now; "${value}" is none of these.`,
      );
    return { jsonPath: { path, segments, op, value, compared } };
  },
  active: (v) => v.jsonPath !== undefined,
  where({ jsonPath }) {
    if (!jsonPath) return [];
    const at = textArray(jsonPath.segments);
    if (jsonPath.op === "equals") return [sql`(${memoryLogs.rawData} #>> ${at}) = ${jsonPath.value}`];
    if ("compared" in jsonPath)
      return [comparison(sql`(${memoryLogs.rawData} #> ${at})`, jsonPath.op, jsonPath.compared)];
    if (jsonPath.op === "present") return [sql`(${memoryLogs.rawData} #> ${at}) is not null`];
    return [sql`(${memoryLogs.rawData} #> ${at}) is null`];
  },
  plan: () => ({ answeredBy: "rows" }),
  describe: (v) => (v.jsonPath ? [describeJsonPath(v.jsonPath)] : []),
  input: { control: "json-path", path: "path", value: "value", exists: "exists", op: "op" },
});

/** A chip's words: "meta present", "importance > 0.8", "expires_at < “now”", "meta.source = “chat”". */
function describeJsonPath(j: JsonPathFilter): string {
  if (!("value" in j)) return `${j.path} ${j.op}`;
  if (!("compared" in j)) return `${j.path} = “${j.value}”`;
  return `${j.path} ${SIGNS[j.op]} ${j.compared.type === "number" ? j.value : `“${j.value}”`}`;
}

/** How a chip writes each operator. */
const SIGNS = { equals: "=", lt: "<", lte: "≤", gt: ">", gte: "≥" } as const;

const OPERATORS: Record<JsonPathComparison, SQL> = { lt: sql`<`, lte: sql`<=`, gt: sql`>`, gte: sql`>=` };
const DAY = 86_400_000;

// A stored ISO date or date-time (as parseDateParam reads them, any fraction): a year from 1, a
// month, a day up to 31, a time and a zone PostgreSQL accepts. The day is checked against its month
// apart, so no string that passes can fail the cast.
const STORED_DATE =
  "^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])" +
  "(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?(Z|[+-](0[0-9]|1[0-5]):[0-5][0-9])?)?$";

/**
 * The instant a stored JSON value names, or NULL when it is not a string holding an ISO date: a
 * stored value never makes the query fail. Nested CASEs, since only CASE fixes the order of
 * evaluation. Without a zone it is UTC (a date alone: its midnight), as the date filters read.
 */
function storedInstant(value: SQL): SQL {
  const text = sql`(${value} #>> '{}')`;
  const daysInMonth = sql`extract(day from make_date(substr(${text}, 1, 4)::int, substr(${text}, 6, 2)::int, 1) + interval '1 month - 1 day')`;
  return sql`(case when jsonb_typeof(${value}) = 'string' and ${text} ~ ${STORED_DATE} then
    case when substr(${text}, 9, 2)::int <= ${daysInMonth} then
      case when ${text} ~ 'T.*(Z|[+-][0-9]{2}:[0-9]{2})$' then ${text}::timestamptz
           else ${text}::timestamp at time zone 'UTC' end
    end
  end)`;
}

/** Numbers compare where the stored value is a JSON number, dates where it is an ISO date string; other values never match. */
function comparison(value: SQL, op: JsonPathComparison, compared: ComparedValue): SQL {
  if (compared.type === "number")
    return sql`(case when jsonb_typeof(${value}) = 'number' then (${value})::numeric end) ${OPERATORS[op]} ${compared.number}::numeric`;
  if (compared.at === "now") return sql`${storedInstant(value)} ${OPERATORS[op]} now()`;
  // A date alone is that whole UTC day: after it starts the next day, up to it ends there.
  const wholeDay = compared.dateOnly && (op === "gt" || op === "lte");
  const at = wholeDay ? new Date(compared.at.getTime() + DAY) : compared.at;
  const operator = wholeDay ? OPERATORS[op === "gt" ? "gte" : "lt"] : OPERATORS[op];
  return sql`${storedInstant(value)} ${operator} (${timestampText(at)}::timestamp at time zone 'UTC')`;
}
