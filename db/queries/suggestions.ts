import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Database, getDb } from "../client";
import { selectRows } from "../rows";
import { memoryLogs, memoryTenantFacets } from "../schema";
import { sortKey } from "../sort-key";
import type { Tenant } from "../tenant";
import type { FacetCount } from "./facets";
import { walking } from "./list-plan";

/** What the filter bar can complete: a tag, a component, or a JSON path of raw_data. */
export const SUGGESTION_FIELDS = ["tag", "component", "path"] as const;
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

/**
 * Values starting with the prefix (any case), most used first. `known`: does some memory have
 * exactly this value (a tag or component nobody has is marked before the search runs)? Paths
 * are counted over the newest PATH_SAMPLE memories only, so they have no `known`.
 */
export type Suggestions = { items: FacetCount[]; known?: boolean };

/** Memories whose keys a path suggestion reads: the keys are kept nowhere, and a user may have 200,000. */
export const PATH_SAMPLE = 1_000;
const PATH_DEPTH = 4;
const LIMIT = 10;

const row = z.object({ value: z.string(), count: z.number() });
const prefixPattern = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function suggestions(
  tenant: Tenant,
  field: SuggestionField,
  prefix: string,
  db?: Database,
): Promise<Suggestions> {
  const conn = db ?? (await getDb());
  return field === "path" ? pathSuggestions(conn, tenant, prefix) : keptSuggestions(conn, tenant, field, prefix);
}

/** Tags and components from the kept facet counts (memory_tenant_facets): no memory is read. */
async function keptSuggestions(conn: Database, tenant: Tenant, field: "tag" | "component", prefix: string) {
  const f = memoryTenantFacets;
  const of = sql`${f.userId} = ${tenant.userId} and ${f.projectId} = ${tenant.projectId} and ${f.kind} = ${field === "tag" ? "t" : "c"} and ${f.memories} > 0`;
  const [items, exact] = await Promise.all([
    selectRows(
      conn,
      sql`select ${f.value} as value, ${f.memories}::int as count from ${f}
           where ${of} and ${f.value} ilike ${prefixPattern(prefix)} escape '\\'
           order by ${f.memories} desc, ${f.value} limit ${LIMIT}`,
      row,
    ),
    prefix
      ? selectRows(
          conn,
          sql`select ${f.value} as value, 0 as count from ${f} where ${of} and ${f.value} = ${prefix}`,
          row,
        )
      : Promise.resolve([]),
  ]);
  return { items, ...(prefix ? { known: exact.length > 0 } : {}) };
}

/**
 * Object key paths (`meta.source`, up to four levels; keys a path can name) of the user's newest
 * memories, each counted once per memory that has it.
 */
async function pathSuggestions(conn: Database, tenant: Tenant, prefix: string): Promise<Suggestions> {
  const items = await walking(conn, (tx) =>
    selectRows(
      tx,
      sql`with recursive newest as (
            select ${memoryLogs.rawData} as raw_data from ${memoryLogs}
             where ${memoryLogs.userId} = ${tenant.userId} and ${memoryLogs.projectId} = ${tenant.projectId}
             order by ${sortKey("created_at")} desc, ${memoryLogs.id} desc limit ${PATH_SAMPLE}
          ), walk(path, value, depth) as (
            select e.key, e.value, 1 from newest
             cross join lateral jsonb_each(case when jsonb_typeof(newest.raw_data) = 'object' then newest.raw_data else '{}'::jsonb end) as e
             where e.key ~ '^[A-Za-z0-9_-]+$'
            union all
            select w.path || '.' || e.key, e.value, w.depth + 1 from walk as w
             cross join lateral jsonb_each(case when jsonb_typeof(w.value) = 'object' then w.value else '{}'::jsonb end) as e
             where w.depth < ${PATH_DEPTH} and e.key ~ '^[A-Za-z0-9_-]+$'
          )
          select path as value, count(*)::int as count from walk
           where path ilike ${prefixPattern(prefix)} escape '\\'
           group by path order by count(*) desc, path limit ${LIMIT}`,
      row,
    ),
  );
  return { items };
}
