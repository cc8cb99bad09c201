import type { SQL } from "drizzle-orm";
import type { Tenant } from "../tenant";

/** A filter's URL parameters, with empty values (an empty form field) already dropped. */
export type ParamReader = {
  /** The parameter's value (the last one when repeated). */
  one(name: string): string | undefined;
  all(name: string): string[];
};

/** How the list planner can answer a filter without reading the tenant's rows. */
export type FilterPlan =
  /** Only by reading rows: nothing indexed bounds it (text contained, a JSON path). */
  | { answeredBy: "rows" }
  /** An index of the tenant bounds it (a date range on its sort key, the without-embedding index). */
  | { answeredBy: "index" }
  /** Named memories: at most a thousand, gathered by id and sorted. */
  | { answeredBy: "ids" }
  /**
   * The kept facet counts (memory_tenant_facets, kind `t` or `c`) count each value, and an index
   * gathers its matches: always (a b-tree on the value), or only when they are rare (the tags' GIN
   * index, which a common tag would make read most of the tenant). `mode` is how values combine.
   */
  | {
      answeredBy: "kept-facets";
      facet: "t" | "c";
      values: string[];
      mode: "any" | "all";
      indexed: "always" | "when-rare";
    };

/**
 * What the filter bar shows for a filter kind: plain data, so the page (a server component) hands
 * it to the bar (a client component) without the kind's SQL. `controls.tsx` draws each control.
 */
export type FilterInput =
  | { control: "text"; param: string; label: string; placeholder: string }
  | {
      control: "values";
      param: string;
      label: string;
      add: string;
      /** Named like "Remove tag x" on each chip. */
      noun: string;
      /** Completed from the user's kept facets (the suggestions API). */
      suggest?: "tag" | "component";
      mode?: { param: string; label: string; options: { value: string; label: string }[] };
    }
  | { control: "json-path"; path: string; value: string; exists: string; op: string }
  | { control: "date-range"; from: string; to: string; label: string }
  | { control: "choice"; param: string; label: string; options: { value: string; label: string }[] };

/**
 * One way of narrowing a tenant's memories, defined once: its URL parameters and their parsing,
 * its SQL, how the planner answers it, how it reads in words and its input in the filter bar. The list, facets, totals,
 * search, export, delete-by-filter and the API all read filters through the table in `index.ts`.
 * `V` is the part of MemoryFilters the kind owns.
 */
export type FilterKind<V extends object> = {
  /** The URL parameters it reads; the first is the one the filter bar writes. */
  params: readonly string[];
  /** Reads its parameters; throws AppError `invalid` naming the parameter. Absent means "no filter". */
  parse(read: ParamReader): V;
  /** Does the value narrow the list? (A tag mode without tags does not.) */
  active(value: V): boolean;
  /** Its conditions, ANDed to the tenant's. `tagIndex: false` asks for no condition an index-only plan would need. */
  where(value: V, tenant: Tenant, options: { tagIndex?: boolean }): SQL[];
  plan(value: V): FilterPlan;
  /** What an active value narrows to, in words, one chip each ("tag: bug"); the chips combine with AND. */
  describe(value: V): string[];
  input: FilterInput;
};

/** Helps TypeScript keep each kind's own value type. */
export const filterKind = <V extends object>(kind: FilterKind<V>): FilterKind<V> => kind;
