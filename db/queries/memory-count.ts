import "server-only";
import { desc, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import type { MemoryFilters } from "../filters";
import { isUnfiltered } from "../filters";
import { COUNT_CAP } from "../list-query";
import { memoryLogs } from "../schema";
import { sortKey } from "../sort-key";
import type { Tenant } from "../tenant";
import { COUNT_BUDGET, type ListPlan, planList } from "./list-plan";
import { memoryWhere, tenantWhere } from "./memory-filters";
import { tenantCounts } from "./tenant-stats";

/** How many memories a list has: exact, or at least `value`. */
export type Total = { value: number; exact: boolean };

/**
 * How many memories match: the whole tenant, or one tag or component alone, exactly from the kept
 * totals; other filters counted exactly up to COUNT_CAP and as "at least" beyond; on a big tenant,
 * filters no index answers are counted over its newest COUNT_BUDGET rows only, as "at least"
 * (a full count would read every row of the tenant).
 */
export async function countMemories(
  tenant: Tenant,
  filters: MemoryFilters,
  db?: Database,
  knownPlan?: ListPlan | null,
): Promise<Total> {
  const conn = db ?? (await getDb());
  if (isUnfiltered(filters)) return { value: (await tenantCounts(tenant, conn)).memories, exact: true };
  const plan = knownPlan ?? (await planList(conn, tenant, filters));
  if (plan.count.from === "facets") return { value: plan.count.value, exact: true };
  if (plan.count.from === "budget") {
    const newest = conn
      .select({ matches: sql<boolean>`(${memoryWhere(tenant, filters, { tagIndex: false })})`.as("matches") })
      .from(memoryLogs)
      .where(tenantWhere(tenant))
      .orderBy(desc(sortKey("created_at")), desc(memoryLogs.id))
      .limit(COUNT_BUDGET)
      .as("newest");
    const [row] = await conn
      .select({ matched: sql<number>`(count(*) filter (where ${sql.identifier("newest")}.matches))::int` })
      .from(newest);
    return { value: row?.matched ?? 0, exact: false };
  }
  const capped = conn
    .select({ one: sql`1` })
    .from(memoryLogs)
    .where(memoryWhere(tenant, filters, { tagIndex: plan.read !== "walk" }))
    .limit(COUNT_CAP + 1)
    .as("capped");
  const [row] = await conn.select({ n: sql<number>`count(*)::int` }).from(capped);
  const n = row?.n ?? 0;
  return n > COUNT_CAP ? { value: COUNT_CAP, exact: false } : { value: n, exact: true };
}

/** The exact number of matching memories, uncapped: what a delete by filter would remove. */
export async function countMatching(tenant: Tenant, filters: MemoryFilters, db?: Database): Promise<number> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(memoryLogs)
    .where(memoryWhere(tenant, filters));
  return row?.n ?? 0;
}
