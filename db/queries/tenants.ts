import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Database, getDb } from "../client";
import { likePattern } from "../filters/text";
import { selectRows } from "../rows";
import { memoryLogs, memoryTenantStats } from "../schema";
import type { Tenant } from "../tenant";
import { tenantWhere } from "./memory-filters";
import type { ProjectScope } from "./projects";

export type TenantMatch = { projectId: string; userId: string | null; memories: number };

/** Projects and users whose id contains the text (case-insensitive), for the quick switcher; from memory_tenant_stats. */
export async function searchTenants(
  text: string,
  scope: ProjectScope,
  options: { limit?: number } = {},
  db?: Database,
): Promise<TenantMatch[]> {
  const conn = db ?? (await getDb());
  const visible =
    scope === "all"
      ? sql`true`
      : scope.length
        ? sql`project_id in (${sql.join(
            scope.map((p) => sql`${p}`),
            sql`, `,
          )})`
        : sql`false`;
  const limit = options.limit ?? 20;
  const pattern = likePattern(text.trim());
  return selectRows(
    conn,
    sql`(select project_id as "projectId", null::text as "userId", sum(memories)::int as memories
           from ${memoryTenantStats} where ${visible} and project_id ilike ${pattern} escape '\\'
          group by project_id order by sum(memories) desc, project_id limit ${limit})
        union all
        (select project_id, user_id, memories::int
           from ${memoryTenantStats} where ${visible} and (user_id ilike ${pattern} escape '\\' or project_id ilike ${pattern} escape '\\')
          order by memories desc, project_id, user_id limit ${limit})`,
    z.object({ projectId: z.string(), userId: z.string().nullable(), memories: z.number() }),
  );
}

/** Does this tenant have any memory? Tenants exist only through their memories. */
export async function tenantExists(tenant: Tenant, db?: Database): Promise<boolean> {
  const conn = db ?? (await getDb());
  const rows = await conn.select({ id: memoryLogs.id }).from(memoryLogs).where(tenantWhere(tenant)).limit(1);
  return rows.length > 0;
}

/** Does the project have any user with memories (kept totals)? Projects exist only through their memories. */
export async function projectExists(projectId: string, db?: Database): Promise<boolean> {
  const conn = db ?? (await getDb());
  const rows = await conn
    .select({ userId: memoryTenantStats.userId })
    .from(memoryTenantStats)
    .where(eq(memoryTenantStats.projectId, projectId))
    .limit(1);
  return rows.length > 0;
}
