import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Database, getDb } from "../client";
import type { MemoryFilters } from "../filters";
import { isUnfiltered } from "../filters";
import { selectRows } from "../rows";
import { memoryLogs, memoryTenantFacets } from "../schema";
import { sortKey } from "../sort-key";
import type { Tenant } from "../tenant";
import { planList, walking } from "./list-plan";
import { memoryWhere } from "./memory-filters";

export type FacetCount = { value: string; count: number };
/**
 * Top tags and components. `newest` is there when they were counted over the newest `newest`
 * matches only (a broad filter on a big user), not over every match.
 */
export type Facets = { tags: FacetCount[]; components: FacetCount[]; newest?: number };

/**
 * Matches a filtered facet count reads at most on a user whose filtered list is walked (common
 * matches, or filters no index answers): counting every match of a broad filter on a
 * 200,000-memory user reads them all (hundreds of milliseconds).
 */
export const FACET_SAMPLE = 1_000;

const facetRow = z.object({ value: z.string(), count: z.number() });
const sampledRow = z.object({
  sampled: z.number(),
  kind: z.string().nullable(),
  value: z.string().nullable(),
  count: z.number().nullable(),
});

/** The most frequent tags and components among the tenant's memories that match the filters. */
export async function memoryFacets(
  tenant: Tenant,
  filters: MemoryFilters,
  options: { limit?: number; sample?: number } = {},
  db?: Database,
): Promise<Facets> {
  const conn = db ?? (await getDb());
  const limit = options.limit ?? 20;
  const sample = options.sample ?? FACET_SAMPLE;
  if (isUnfiltered(filters)) return keptFacets(conn, tenant, limit);
  const plan = await planList(conn, tenant, filters);
  if (plan.read === "none") return { tags: [], components: [] };
  if (plan.read === "walk" && plan.tenantRows > sample) return sampledFacets(conn, tenant, filters, limit, sample);
  const where = memoryWhere(tenant, filters);
  // memory_facet_values (migration 0007) is what the kept facets count too: each memory once per
  // distinct string tag, and its component.
  const top = (kind: "t" | "c") =>
    selectRows(
      conn,
      sql`select v.value, count(*)::int as count
            from ${memoryLogs} cross join lateral memory_facet_values(${memoryLogs.rawData}) as v
           where ${where} and v.kind = ${kind}
           group by v.value order by count(*) desc, v.value limit ${limit}`,
      facetRow,
    );
  const [tagRows, componentRows] = await Promise.all([top("t"), top("c")]);
  return { tags: tagRows, components: componentRows };
}

/**
 * Facets of the newest `sample` matches, found the way a walked list finds its page (down the
 * user's newest-first index), in one statement that also says how many matches it read: fewer
 * than `sample` means they were all of them.
 */
async function sampledFacets(
  conn: Database,
  tenant: Tenant,
  filters: MemoryFilters,
  limit: number,
  sample: number,
): Promise<Facets> {
  const rows = await walking(conn, (db) =>
    selectRows(
      db,
      sql`with newest as (
            select ${memoryLogs.rawData} as raw_data from ${memoryLogs}
             where ${memoryWhere(tenant, filters, { tagIndex: false })}
             order by ${sortKey("created_at")} desc, ${memoryLogs.id} desc limit ${sample}
          ), counted as (
            select v.kind, v.value, count(*)::int as count,
                   row_number() over (partition by v.kind order by count(*) desc, v.value) as rank
              from newest cross join lateral memory_facet_values(newest.raw_data) as v
             group by v.kind, v.value
          )
          select (select count(*) from newest)::int as sampled, c.kind::text as kind, c.value, c.count
            from (select 1) as one left join counted as c on c.rank <= ${limit}
           order by c.kind, c.rank`,
      sampledRow,
    ),
  );
  const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({ value: r.value!, count: r.count! }));
  const facets: Facets = { tags: of("t"), components: of("c") };
  return rows[0]!.sampled < sample ? facets : { ...facets, newest: sample };
}

/** The whole tenant's facets, as memory_tenant_facets keeps them: no memory is read. */
async function keptFacets(conn: Database, tenant: Tenant, limit: number): Promise<Facets> {
  const top = (kind: "t" | "c") =>
    selectRows(
      conn,
      sql`select ${memoryTenantFacets.value} as value, ${memoryTenantFacets.memories}::int as count
            from ${memoryTenantFacets}
           where ${memoryTenantFacets.userId} = ${tenant.userId} and ${memoryTenantFacets.projectId} = ${tenant.projectId}
             and ${memoryTenantFacets.kind} = ${kind}
           order by ${memoryTenantFacets.memories} desc, ${memoryTenantFacets.value} limit ${limit}`,
      facetRow,
    );
  const [tags, components] = await Promise.all([top("t"), top("c")]);
  return { tags, components };
}
