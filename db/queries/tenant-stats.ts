import "server-only";
import { and, eq } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { memoryTenantStats } from "../schema";
import type { Tenant } from "../tenant";

/** The tenant's numbers of memories and of embedded ones, from memory_tenant_stats (exact: kept by triggers in every write's transaction). */
export type TenantCounts = {
  memories: number;
  embedded: number;
  /** Embeddings of length 1: when they are all of them, L2 and cosine order the tenant's memories alike. */
  unitEmbedded: number;
};

export async function tenantCounts(tenant: Tenant, db?: Database): Promise<TenantCounts> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({
      memories: memoryTenantStats.memories,
      embedded: memoryTenantStats.embedded,
      unitEmbedded: memoryTenantStats.unitEmbedded,
    })
    .from(memoryTenantStats)
    .where(and(eq(memoryTenantStats.userId, tenant.userId), eq(memoryTenantStats.projectId, tenant.projectId)));
  return {
    memories: Number(row?.memories ?? 0),
    embedded: Number(row?.embedded ?? 0),
    unitEmbedded: Number(row?.unitEmbedded ?? 0),
  };
}
