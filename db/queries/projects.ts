import "server-only";
import { desc, inArray, max, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { memoryTenantStats } from "../schema";

export type ProjectSummary = { projectId: string; users: number; memories: number; latestAt: Date | null };

/** The projects a user may see: all of them, or a list (possibly empty). */
export type ProjectScope = "all" | readonly string[];

const inScope = (scope: ProjectScope) =>
  scope === "all" ? undefined : scope.length ? inArray(memoryTenantStats.projectId, [...scope]) : sql`false`;

const memories = sql<number>`sum(${memoryTenantStats.memories})::int`;

/**
 * Every project in scope with its number of users and memories and its latest memory, busiest
 * first: one row per tenant from memory_tenant_stats, never a scan of memory_logs.
 */
export async function listProjects(scope: ProjectScope, db?: Database): Promise<ProjectSummary[]> {
  const conn = db ?? (await getDb());
  return conn
    .select({
      projectId: memoryTenantStats.projectId,
      users: sql<number>`count(*)::int`,
      memories,
      latestAt: max(memoryTenantStats.latestAt),
    })
    .from(memoryTenantStats)
    .where(inScope(scope))
    .groupBy(memoryTenantStats.projectId)
    .orderBy(desc(memories), memoryTenantStats.projectId);
}
