import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import { filterConditions, type MemoryFilters } from "../filters";
import { memoryLogs } from "../schema";
import type { Tenant } from "../tenant";

/** The tenant condition every statement on memory_logs starts from. */
export function tenantWhere(tenant: Tenant): SQL {
  return and(eq(memoryLogs.userId, tenant.userId), eq(memoryLogs.projectId, tenant.projectId))!;
}

/**
 * The tenant and every filter, as one WHERE condition (the filters' SQL is in db/filters/).
 * `tagIndex: false` leaves out the condition idx_memory_logs_tenant_tags answers, for plans that
 * walk the tenant's rows in order instead (common tags: see db/queries/list-plan.ts).
 */
export function memoryWhere(tenant: Tenant, filters: MemoryFilters, options: { tagIndex?: boolean } = {}): SQL {
  return and(tenantWhere(tenant), ...filterConditions(tenant, filters, options))!;
}
