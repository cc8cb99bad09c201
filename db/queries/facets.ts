import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { MemoryFilters } from "@/lib/memory-query/params";
import { getDb, type Database } from "../client";
import { selectRows } from "../rows";
import { memoryLogs, memoryTenantFacets } from "../schema";
import type { Tenant } from "../tenant";
import { memoryWhere } from "./memory-filters";
import { isUnfiltered } from "./tenant-stats";

export type FacetCount = { value: string; count: number };
export type Facets = { tags: FacetCount[]; components: FacetCount[] };

const facetRow = z.object({ value: z.string(), count: z.number() });

/** The most frequent tags and components among the tenant's memories that match the filters. */
export async function memoryFacets(tenant: Tenant, filters: MemoryFilters, options: { limit?: number } = {}, db?: Database): Promise<Facets> {
  const conn = db ?? (await getDb());
  const limit = options.limit ?? 20;
  if (isUnfiltered(filters)) return keptFacets(conn, tenant, limit);
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
