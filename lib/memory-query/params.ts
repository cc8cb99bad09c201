import { z } from "zod";
import { invalid } from "@/db/app-error";
import { decodeCursor } from "@/db/cursor";
import { type MemoryFilters, parseFilters } from "@/db/filters";
import { MAX_OFFSET, type MemoryListQuery, PAGE_SIZE } from "@/db/list-query";
import { SORT_FIELDS } from "@/db/sort-key";
import { type SearchParamsInput, toSearchParams } from "../next-search-params";

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${what} must be a whole number from ${min} to ${max}.`)
    .transform(Number)
    .pipe(
      z.number().min(min, `${what} must be from ${min} to ${max}.`).max(max, `${what} must be from ${min} to ${max}.`),
    );

// The filters' own parameters are each kind's (db/filters/); these order and position the list.
const pagingParams = z.object({
  sort: z.enum(SORT_FIELDS, `sort must be one of ${SORT_FIELDS.join(", ")}.`).default("created_at"),
  order: z.enum(["asc", "desc"], "order must be asc or desc.").default("desc"),
  limit: wholeNumber("limit", PAGE_SIZE.min, PAGE_SIZE.max).default(PAGE_SIZE.default),
  page: wholeNumber("page", 1, 1_000_000).default(1),
  cursor: z.string().optional(),
});

/** Parameters that position or order the list. */
const PAGING_KEYS = ["page", "cursor", "limit", "sort", "order"] as const;

/** Parses the memory list's URL parameters; throws an AppError naming the first bad parameter. */
export function parseMemoryListQuery(input: SearchParamsInput): MemoryListQuery {
  const params = toSearchParams(input);
  const filters = parseFilters(params);
  const paging: Record<string, string> = {};
  for (const key of PAGING_KEYS) {
    const value = params
      .getAll(key)
      .filter((v) => v !== "")
      .at(-1); // an empty form field means "the default"
    if (value !== undefined) paging[key] = value;
  }
  const parsed = pagingParams.safeParse(paging);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? "query"), issue.message);
  }
  const p = parsed.data;
  if (p.cursor !== undefined && p.page !== 1) throw invalid("cursor", "Give either page or cursor, not both.");
  if ((p.page - 1) * p.limit >= MAX_OFFSET) {
    throw invalid(
      "page",
      `Page numbers reach the first ${MAX_OFFSET.toLocaleString("en-US")} memories; go deeper with the cursor (nextCursor).`,
    );
  }
  return {
    filters,
    sort: p.sort,
    order: p.order,
    limit: p.limit,
    page: p.page,
    ...(p.cursor !== undefined ? { cursor: decodeCursor(p.cursor, p.sort, p.order) } : {}),
  };
}

/** The filters of URL parameters alone (facets, export, delete by filter): paging parameters are not read. */
export function parseMemoryFilters(input: SearchParamsInput): MemoryFilters {
  return parseFilters(toSearchParams(input));
}
