import "server-only";
import { count, desc, eq, max, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { memoryLogs } from "../schema";

export type UserSummary = { userId: string; memories: number; embedded: number; latestAt: Date | null };

/** The users of one project with their memory counts; empty when the project has no memories. */
export async function listProjectUsers(projectId: string, db?: Database): Promise<UserSummary[]> {
  const conn = db ?? (await getDb());
  return conn
    .select({
      userId: memoryLogs.userId,
      memories: count(),
      embedded: count(memoryLogs.embedding),
      latestAt: max(memoryLogs.createdAt),
    })
    .from(memoryLogs)
    .where(eq(memoryLogs.projectId, projectId))
    .groupBy(memoryLogs.userId)
    .orderBy(desc(count()), sql`${memoryLogs.userId}`);
}
