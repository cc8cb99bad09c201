import "server-only";
import { and, asc, gt, sql } from "drizzle-orm";
import type { MemoryFilters } from "@/lib/memory-query/params";
import { getDb, type Database } from "../client";
import { memoryLogs } from "../schema";
import type { Tenant } from "../tenant";
import { memoryWhere } from "./memory-filters";

/** A memory as export writes it: JSON and vector as PostgreSQL prints them, timestamps to the microsecond. */
export type ExportRow = {
  id: number;
  userId: string;
  projectId: string;
  rawDataJson: string;
  embeddingJson: string | null;
  createdAt: string | null;
  updatedAt: string | null;
};

const isoText = (column: typeof memoryLogs.createdAt | typeof memoryLogs.updatedAt) =>
  sql<string | null>`case when ${column} is null then null when isfinite(${column}) then to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.US') else ${column}::text end`;

/** One batch of the tenant's memories under the filters, after `afterId`, in id order (keyset: flat cost at any depth). */
export async function exportBatch(tenant: Tenant, filters: MemoryFilters, afterId: number, limit: number, db?: Database): Promise<ExportRow[]> {
  const conn = db ?? (await getDb());
  return conn
    .select({
      id: memoryLogs.id,
      userId: memoryLogs.userId,
      projectId: memoryLogs.projectId,
      rawDataJson: sql<string>`${memoryLogs.rawData}::text`,
      embeddingJson: sql<string | null>`${memoryLogs.embedding}::text`,
      createdAt: isoText(memoryLogs.createdAt),
      updatedAt: isoText(memoryLogs.updatedAt),
    })
    .from(memoryLogs)
    .where(and(memoryWhere(tenant, filters), gt(memoryLogs.id, afterId)))
    .orderBy(asc(memoryLogs.id))
    .limit(limit);
}
