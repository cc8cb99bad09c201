import { z } from "zod";
import { invalid } from "@/db/app-error";
import { type SearchParamsInput, toSearchParams } from "../next-search-params";
import { type Cursor, decodeCursor } from "./cursor";
import { parseJsonPath } from "./json-path";

export const SORT_FIELDS = ["created_at", "updated_at", "id"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortOrder = "asc" | "desc";

export const PAGE_SIZE = { min: 10, max: 200, default: 50 } as const;
/** Page numbers (OFFSET) reach this many rows deep; below that, cursors. */
export const MAX_OFFSET = 10_000;
/**
 * Filtered totals are counted exactly up to here, and reported as "at least" above (the whole
 * tenant's total is always exact, from memory_tenant_stats): each counted match is a row read.
 */
export const COUNT_CAP = 2_000;

export type JsonPathFilter =
  | { path: string; segments: string[]; op: "equals"; value: string }
  | { path: string; segments: string[]; op: "present" | "absent" };

/** Everything the memory list can be narrowed by; all filters combine with AND. */
export type MemoryFilters = {
  tags: string[];
  tagMode: "any" | "all";
  components: string[];
  jsonPath?: JsonPathFilter;
  text?: string;
  from?: Date;
  /** Exclusive upper bound: a `to` date means up to the end of that day. */
  before?: Date;
  embedding?: "with" | "without";
};

export type MemoryListQuery = {
  filters: MemoryFilters;
  sort: SortField;
  order: SortOrder;
  limit: number;
  page: number;
  cursor?: Cursor;
};

const MAX_LIST_VALUES = 20;

const text = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} is longer than ${max} characters.`)
    .refine((s) => !s.includes("\u0000"), `${what} contains a NUL character.`);

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${what} must be a whole number from ${min} to ${max}.`)
    .transform(Number)
    .pipe(
      z.number().min(min, `${what} must be from ${min} to ${max}.`).max(max, `${what} must be from ${min} to ${max}.`),
    );

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** A calendar date (UTC) or an ISO date-time without impossible parts (2026-02-30, 25:00). */
export function parseDateParam(raw: string): { date: Date; dateOnly: boolean } | null {
  const m = DATE_ONLY.exec(raw) ?? DATE_TIME.exec(raw);
  if (!m) return null;
  const [, y, mo, d, hh = "0", mm = "0", ss = "0", zone] = m;
  const day = new Date(0);
  day.setUTCFullYear(Number(y), Number(mo) - 1, Number(d)); // Date.UTC would read years 0-99 as 1900-1999
  const realDay =
    day.getUTCFullYear() === Number(y) && day.getUTCMonth() === Number(mo) - 1 && day.getUTCDate() === Number(d);
  if (!realDay || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  const dateOnly = m.length === 4;
  const date = dateOnly ? day : new Date(zone ? raw : `${raw}Z`);
  // PostgreSQL has no year 0 (1 BC): refuse it rather than fail in the query.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) return null;
  return { date, dateOnly };
}

const dateParam = (what: string) =>
  z.string().transform((raw, ctx) => {
    const parsed = parseDateParam(raw);
    if (!parsed) {
      ctx.addIssue({
        code: "custom",
        message: `${what} must be a real date such as 2026-05-31 or 2026-05-31T14:00:00Z.`,
      });
      return z.NEVER;
    }
    return parsed;
  });

const listParams = z.object({
  tag: z
    .array(text(255, "A tag").min(1, "A tag must not be empty."))
    .max(MAX_LIST_VALUES, `At most ${MAX_LIST_VALUES} tags.`),
  tagMode: z.enum(["any", "all"], "tagMode must be any or all.").default("any"),
  component: z
    .array(text(255, "A component").min(1, "A component must not be empty."))
    .max(MAX_LIST_VALUES, `At most ${MAX_LIST_VALUES} components.`),
  path: z.string().optional(),
  value: text(1000, "The value").optional(),
  exists: z.enum(["true", "false"], "exists must be true or false.").optional(),
  q: text(500, "The search text").optional(),
  from: dateParam("from").optional(),
  to: dateParam("to").optional(),
  embedding: z.enum(["with", "without"], "embedding must be with or without.").optional(),
  sort: z.enum(SORT_FIELDS, `sort must be one of ${SORT_FIELDS.join(", ")}.`).default("created_at"),
  order: z.enum(["asc", "desc"], "order must be asc or desc.").default("desc"),
  limit: wholeNumber("limit", PAGE_SIZE.min, PAGE_SIZE.max).default(PAGE_SIZE.default),
  page: wholeNumber("page", 1, 1_000_000).default(1),
  cursor: z.string().optional(),
});

/** Reads URL search parameters (a URLSearchParams or Next's searchParams object) into plain values. */
function collect(input: SearchParamsInput): Record<string, string | string[]> {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = { tag: [], component: [] };
  for (const [key, value] of toSearchParams(input)) {
    if (value === "") continue; // an empty form field means "no filter"
    if (key in multi) multi[key]!.push(value);
    else single[key] = value;
  }
  return { ...single, ...multi };
}

/** Parses the memory list's URL parameters; throws an AppError naming the first bad parameter. */
export function parseMemoryListQuery(input: SearchParamsInput): MemoryListQuery {
  const parsed = listParams.safeParse(collect(input));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? "query"), issue.message);
  }
  const p = parsed.data;

  let jsonPath: JsonPathFilter | undefined;
  if (p.path !== undefined) {
    const segments = parseJsonPath(p.path);
    if (p.value !== undefined && p.exists !== undefined)
      throw invalid("exists", "Give either value or exists for a JSON path, not both.");
    jsonPath =
      p.value !== undefined
        ? { path: p.path.trim(), segments, op: "equals", value: p.value }
        : { path: p.path.trim(), segments, op: p.exists === "false" ? "absent" : "present" };
  } else if (p.value !== undefined || p.exists !== undefined) {
    throw invalid("path", "A value or exists filter needs a JSON path (for example path=meta.source).");
  }

  const from = p.from?.date;
  const before = p.to ? new Date(p.to.date.getTime() + (p.to.dateOnly ? 86_400_000 : 1)) : undefined;
  if (from && before && from >= before) throw invalid("from", "from must not be after to.");

  if (p.cursor !== undefined && p.page !== 1) throw invalid("cursor", "Give either page or cursor, not both.");
  if ((p.page - 1) * p.limit >= MAX_OFFSET) {
    throw invalid(
      "page",
      `Page numbers reach the first ${MAX_OFFSET.toLocaleString("en-US")} memories; go deeper with the cursor (nextCursor).`,
    );
  }

  const q = p.q?.trim();
  return {
    filters: {
      tags: [...new Set(p.tag)],
      tagMode: p.tagMode,
      components: [...new Set(p.component)],
      ...(jsonPath ? { jsonPath } : {}),
      ...(q ? { text: q } : {}),
      ...(from ? { from } : {}),
      ...(before ? { before } : {}),
      ...(p.embedding ? { embedding: p.embedding } : {}),
    },
    sort: p.sort,
    order: p.order,
    limit: p.limit,
    page: p.page,
    ...(p.cursor !== undefined ? { cursor: decodeCursor(p.cursor, p.sort, p.order) } : {}),
  };
}

/** Parameters that position or order the list; the others filter it. */
export const PAGING_KEYS = ["page", "cursor", "limit", "sort", "order"] as const;

/** Does the query string narrow the list (as opposed to only paging or sorting it)? */
export function hasFilters(params: URLSearchParams): boolean {
  return [...params.keys()].some((k) => !(PAGING_KEYS as readonly string[]).includes(k));
}

/** Like parseMemoryListQuery, for callers that only need the filters (facets, delete by filter). */
export function parseMemoryFilters(input: SearchParamsInput): MemoryFilters {
  return parseMemoryListQuery(withoutPaging(input)).filters;
}

function withoutPaging(input: SearchParamsInput): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(collect(input))) {
    if ((PAGING_KEYS as readonly string[]).includes(k)) continue;
    for (const value of Array.isArray(v) ? v : [v]) params.append(k, value);
  }
  return params;
}
