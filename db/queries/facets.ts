import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { MemoryFilters } from "@/lib/memory-query/params";
import { getDb, type Database } from "../client";
import { selectRows } from "../rows";
import { memoryLogs } from "../schema";
import type { Tenant } from "../tenant";
import { memoryWhere } from "./memory-filters";

export type FacetCount = { value: string; count: number };
export type Facets = { tags: FacetCount[]; components: FacetCount[] };

const facetRow = z.object({ value: z.string(), count: z.number() });

/** The most frequent tags and components among the tenant's memories that match the filters. */
export async function memoryFacets(tenant: Tenant, filters: MemoryFilters, options: { limit?: number } = {}, db?: Database): Promise<Facets> {
  const conn = db ?? (await getDb());
  const limit = options.limit ?? 20;
  const where = memoryWhere(tenant, filters);
  const tags = sql`(${memoryLogs.rawData} -> 'tags')`;
  const [tagRows, componentRows] = await Promise.all([
    selectRows(
      conn,
      // Each memory counts once per tag, however often it repeats it; JSON nulls are not tags.
      sql`select tag as value, count(*)::int as count
            from ${memoryLogs}
            cross join lateral (
              select distinct t as tag
                from jsonb_array_elements_text(case when jsonb_typeof(${tags}) = 'array' then ${tags} else '[]'::jsonb end) as t
               where t is not null
            ) as tags
           where ${where}
           group by tag order by count(*) desc, tag limit ${limit}`,
      facetRow,
    ),
    selectRows(
      conn,
      sql`select ${memoryLogs.rawData} ->> 'component' as value, count(*)::int as count
            from ${memoryLogs}
           where ${where} and ${memoryLogs.rawData} ->> 'component' is not null
           group by 1 order by count(*) desc, 1 limit ${limit}`,
      facetRow,
    ),
  ]);
  return { tags: tagRows, components: componentRows };
}
