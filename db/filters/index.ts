import type { SQL } from "drizzle-orm";
import type { Tenant } from "../tenant";
import { componentFilter } from "./component";
import { createdFilter, updatedFilter } from "./dates";
import { embeddingFilter } from "./embedding";
import { idsFilter } from "./ids";
import { jsonPathFilter } from "./json-path";
import type { FilterInput, FilterKind, FilterPlan } from "./kind";
import { paramReader } from "./params";
import { tagsFilter } from "./tags";
import { textFilter } from "./text";

/**
 * Every filter kind of the memory list, in the order the filter bar shows them and parameters are
 * checked. A new kind is one module beside these and one line here.
 */
export const FILTER_KINDS = [
  textFilter,
  tagsFilter,
  componentFilter,
  jsonPathFilter,
  createdFilter,
  updatedFilter,
  embeddingFilter,
  idsFilter,
] as const;

type Kinds = (typeof FILTER_KINDS)[number];
type ValueOf<K> = K extends FilterKind<infer V> ? V : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Everything the memory list can be narrowed by; all filters combine with AND. */
export type MemoryFilters = Intersection<ValueOf<Kinds>>;

// Each kind reads only its own part of MemoryFilters; the table loses the pairing, these calls keep it.
type AnyKind = FilterKind<MemoryFilters>;
const kinds = FILTER_KINDS as unknown as readonly AnyKind[];

/** Every URL parameter some filter reads. */
export const FILTER_PARAMS: readonly string[] = kinds.flatMap((k) => k.params);

/** Parses the filters of URL search parameters; throws AppError `invalid` naming the first bad parameter. */
export function parseFilters(params: URLSearchParams): MemoryFilters {
  const read = paramReader(params);
  return Object.assign({}, ...kinds.map((k) => k.parse(read))) as MemoryFilters;
}

/** No filter: the list is the whole tenant (kept totals and facets answer for it). The one answer to "is it filtered?". */
export function isUnfiltered(filters: MemoryFilters): boolean {
  return !kinds.some((k) => k.active(filters));
}

/** The filters that narrow the list, with how the planner can answer each. */
export function activePlans(filters: MemoryFilters): FilterPlan[] {
  return kinds.filter((k) => k.active(filters)).map((k) => k.plan(filters));
}

/** Every filter's conditions, ANDed (true without filters). Values and JSON paths are bound parameters. */
export function filterConditions(tenant: Tenant, filters: MemoryFilters, options: { tagIndex?: boolean } = {}): SQL[] {
  return kinds.filter((k) => k.active(filters)).flatMap((k) => k.where(filters, tenant, options));
}

/** The filters in words, one chip each, in the filter bar's order (none without filters). */
export function describeFilters(filters: MemoryFilters): string[] {
  return kinds.filter((k) => k.active(filters)).flatMap((k) => k.describe(filters));
}

/**
 * The filters of a list's query string in words (other parameters ignored), or null when they do
 * not parse (an old or hand-made query), so the caller shows the text as it is.
 */
export function describeFilterQuery(query: string): string[] | null {
  try {
    return describeFilters(parseFilters(filterParamsOf(new URLSearchParams(query))));
  } catch {
    return null;
  }
}

/** The filter bar's controls, in order. */
export const FILTER_INPUTS: readonly FilterInput[] = kinds.map((k) => k.input);

/** The search page's controls: the list's tag and component filters (any other list filter in its URL applies too). */
export const SEARCH_FILTER_INPUTS: readonly FilterInput[] = [tagsFilter.input, componentFilter.input];

/** Only the filter parameters of a query string (no paging, sort or other page's parameters). */
export function filterParamsOf(params: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const [key, value] of params) if (FILTER_PARAMS.includes(key)) kept.append(key, value);
  return kept;
}

export const NO_FILTERS: MemoryFilters = parseFilters(new URLSearchParams());

export type { JsonPathFilter } from "./json-path";
export type { FilterInput, FilterPlan } from "./kind";
