import "server-only";
import { count, countDistinct, desc, max } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { memoryLogs } from "../schema";

export type ProjectSummary = { projectId: string; users: number; memories: number; latestAt: Date | null };

/** Every project with its number of users and memories and its latest memory, busiest first. */
export async function listProjects(db?: Database): Promise<ProjectSummary[]> {
  const conn = db ?? (await getDb());
  return conn
    .select({
      projectId: memoryLogs.projectId,
      users: countDistinct(memoryLogs.userId),
      memories: count(),
      latestAt: max(memoryLogs.createdAt),
    })
    .from(memoryLogs)
    .groupBy(memoryLogs.projectId)
    .orderBy(desc(count()), memoryLogs.projectId);
}
