import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { memoryLogs, type MemoryLog } from "../schema";
import type { Tenant } from "../tenant";

/** The specification's "Get Memory by ID": null when the id is missing or belongs to another tenant. */
export async function getMemory(tenant: Tenant, id: number, db?: Database): Promise<MemoryLog | null> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select()
    .from(memoryLogs)
    .where(and(eq(memoryLogs.id, id), eq(memoryLogs.userId, tenant.userId), eq(memoryLogs.projectId, tenant.projectId)));
  return row ?? null;
}
