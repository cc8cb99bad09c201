import "server-only";
import { count, countDistinct, desc, inArray, max, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { memoryLogs } from "../schema";

export type ProjectSummary = { projectId: string; users: number; memories: number; latestAt: Date | null };

/** The projects a user may see: all of them, or a list (possibly empty). */
export type ProjectScope = "all" | readonly string[];

export const inScope = (scope: ProjectScope) =>
  scope === "all" ? undefined : scope.length ? inArray(memoryLogs.projectId, [...scope]) : sql`false`;

/** Every project in scope with its number of users and memories and its latest memory, busiest first. */
export async function listProjects(scope: ProjectScope, db?: Database): Promise<ProjectSummary[]> {
  const conn = db ?? (await getDb());
  return conn
    .select({
      projectId: memoryLogs.projectId,
      users: countDistinct(memoryLogs.userId),
      memories: count(),
      latestAt: max(memoryLogs.createdAt),
    })
    .from(memoryLogs)
    .where(inScope(scope))
    .groupBy(memoryLogs.projectId)
    .orderBy(desc(count()), memoryLogs.projectId);
}
