import type { Cursor } from "./cursor";
import type { MemoryFilters } from "./filters";
import type { SortField, SortOrder } from "./sort-key";

// What a page of the memory list asks for. No SQL here: client components read the limits too.

export type { SortField, SortOrder } from "./sort-key";

export const PAGE_SIZE = { min: 10, max: 200, default: 50 } as const;
/** Page numbers (OFFSET) reach this many rows deep; below that, cursors. */
export const MAX_OFFSET = 10_000;
/**
 * Filtered totals are counted exactly up to here, and reported as "at least" above (the whole
 * tenant's total is always exact, from memory_tenant_stats): each counted match is a row read.
 */
export const COUNT_CAP = 2_000;

export type MemoryListQuery = {
  filters: MemoryFilters;
  sort: SortField;
  order: SortOrder;
  limit: number;
  page: number;
  cursor?: Cursor;
};
