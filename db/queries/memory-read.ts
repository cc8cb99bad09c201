import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { exactTimestamp } from "../exact-timestamp";
import { type MemoryLog, memoryLogs } from "../schema";
import type { Tenant } from "../tenant";
import { tenantWhere } from "./memory-filters";

/** A whole memory plus `version`, the exact `updated_at` an edit must carry to detect conflicts. */
export type MemoryDetail = MemoryLog & { version: string };

/** The specification's "Get Memory by ID": null when the id is missing or belongs to another tenant. */
export async function getMemory(tenant: Tenant, id: number, db?: Database): Promise<MemoryDetail | null> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({
      id: memoryLogs.id,
      userId: memoryLogs.userId,
      projectId: memoryLogs.projectId,
      rawData: memoryLogs.rawData,
      embedding: memoryLogs.embedding,
      createdAt: memoryLogs.createdAt,
      updatedAt: memoryLogs.updatedAt,
      version: exactTimestamp(sql`${memoryLogs.updatedAt}`),
    })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), eq(memoryLogs.id, id)));
  return row ?? null;
}

/** Is memory `id` the tenant's? A cheap look-up for answering 404 before the inspector streams. */
export async function memoryExists(tenant: Tenant, id: number, db?: Database): Promise<boolean> {
  const conn = db ?? (await getDb());
  const rows = await conn
    .select({ id: memoryLogs.id })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), eq(memoryLogs.id, id)))
    .limit(1);
  return rows.length > 0;
}
