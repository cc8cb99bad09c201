import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { memoryTenantStats } from "../schema";

export type UserSummary = { userId: string; memories: number; embedded: number; latestAt: Date | null };

/** The users of one project with their memory counts (from memory_tenant_stats); empty when the project has no memories. */
export async function listProjectUsers(projectId: string, db?: Database): Promise<UserSummary[]> {
  const conn = db ?? (await getDb());
  return conn
    .select({
      userId: memoryTenantStats.userId,
      memories: sql<number>`${memoryTenantStats.memories}::int`,
      embedded: sql<number>`${memoryTenantStats.embedded}::int`,
      latestAt: memoryTenantStats.latestAt,
    })
    .from(memoryTenantStats)
    .where(eq(memoryTenantStats.projectId, projectId))
    .orderBy(desc(memoryTenantStats.memories), memoryTenantStats.userId);
}
