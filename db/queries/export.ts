import "server-only";
import { and, asc, gt, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import type { MemoryFilters } from "../filters";
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
  sql<
    string | null
  >`case when ${column} is null then null when isfinite(${column}) then to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.US') else ${column}::text end`;

/** One batch of the tenant's memories under the filters, after `afterId`, in id order (keyset: flat cost at any depth). */
async function exportBatch(
  tenant: Tenant,
  filters: MemoryFilters,
  afterId: number,
  limit: number,
  db?: Database,
): Promise<ExportRow[]> {
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

/** Rows per export batch: big enough to amortise a round trip, small enough to keep memory flat. */
export const EXPORT_BATCH = 1000;

/**
 * The tenant's memories under the filters, batch after batch in id order, reading the next batch
 * while the caller writes the current one (the database prints the next vectors while Node writes
 * these); at most two batches are held. `max` stops after that many rows.
 */
export async function* exportBatches(
  tenant: Tenant,
  filters: MemoryFilters,
  options: { batchSize?: number; max?: number } = {},
  db?: Database,
): AsyncGenerator<ExportRow[]> {
  const size = options.batchSize ?? EXPORT_BATCH;
  let remaining = options.max ?? Number.POSITIVE_INFINITY;
  const read = (afterId: number) => {
    const pending = exportBatch(tenant, filters, afterId, Math.min(size, remaining), db);
    pending.catch(() => undefined); // a caller that stops early never awaits it
    return pending;
  };
  let next = read(0);
  for (;;) {
    const rows = await next;
    const asked = Math.min(size, remaining);
    remaining -= rows.length;
    const more = rows.length === asked && remaining > 0;
    if (more) next = read(rows.at(-1)!.id);
    if (rows.length) yield rows;
    if (!more) return;
  }
}
