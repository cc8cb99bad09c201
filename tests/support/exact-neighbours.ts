import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/connect";
import type { SearchMetric } from "@/db/queries/search";
import { selectRows } from "@/db/rows";
import type { Tenant } from "@/db/tenant";

/**
 * The true top k of a tenant by a plain scan (index scans switched off, so no approximate index
 * answers): the reference the search tests compare with. `extra` narrows the candidates.
 */
export async function exactNeighbours(
  db: Database,
  tenant: Tenant,
  query: { vector: number[]; metric: SearchMetric; k: number; extra?: SQL; excludeId?: number },
): Promise<{ id: number; distance: number }[]> {
  const op = sql.raw(query.metric === "l2" ? "<->" : "<=>");
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    return selectRows(
      tx,
      sql`select id, (embedding ${op} ${JSON.stringify(query.vector)}::vector)::float8 as distance from memory_logs
           where user_id = ${tenant.userId} and project_id = ${tenant.projectId} and embedding is not null ${query.extra ?? sql``}
             ${query.excludeId !== undefined ? sql`and id <> ${query.excludeId}` : sql``}
           order by distance, id limit ${query.k}`,
      z.object({ id: z.number(), distance: z.number() }),
    );
  });
}
