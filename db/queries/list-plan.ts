import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { walkingDatabase } from "../connect";
import { activePlans, type FilterPlan, type MemoryFilters } from "../filters";
import { selectRows } from "../rows";
import { memoryTenantFacets, memoryTenantStats } from "../schema";
import type { Tenant } from "../tenant";

/**
 * How a filtered list of one tenant is read, decided from the kept totals rather than left to
 * the planner, which cannot estimate JSON conditions and, taking a common tag for a rare one,
 * would fetch and sort every match to show 50.
 *
 * - `read: "walk"`: follow the tenant's index in list order and keep matching rows until the
 *   page is full: cheap when matches are common (or when the index itself bounds them, as a date
 *   range or the without-embedding index does).
 * - `read: "collect"`: a rare tag or component: gather the few matches through its index, then sort.
 * - `read: "none"`: the kept facets say nothing matches.
 * - `count`: where the total comes from: the kept facet count (one tag or one component and
 *   nothing else), a capped count, or, for a big tenant under filters no index answers, a count
 *   over its newest COUNT_BUDGET rows, reported as "at least".
 */
export type ListPlan = {
  read: "walk" | "collect" | "none";
  count: { from: "facets"; value: number } | { from: "capped" } | { from: "budget" };
  tenantRows: number;
};

/** Rows a filtered total may read on a big tenant before it reports "at least". */
export const COUNT_BUDGET = 1_000;

/** Matches at most this share of the tenant (or this many) are few enough to collect and sort. */
const RARE_SHARE = 0.005;
const RARE_MIN = 200;

export async function planList(conn: Database, tenant: Tenant, filters: MemoryFilters): Promise<ListPlan> {
  const plans = activePlans(filters);
  const facetPlans = plans.filter((p) => p.answeredBy === "kept-facets");
  const { tenantRows, tagCounts, componentCounts } = await planFacts(conn, tenant, facetPlans);
  // Upper bounds of the matches: any-of sums, all-of takes the smallest (a missing value counts 0).
  const estimates = facetPlans.map((p) => {
    const counts = p.facet === "t" ? tagCounts : componentCounts;
    if (p.mode === "any") return sum(counts);
    return counts.length < new Set(p.values).size ? 0 : Math.min(...counts);
  });
  const named = plans.some((p) => p.answeredBy === "ids");
  const rare = named || (estimates.length > 0 && Math.min(...estimates) <= Math.max(RARE_MIN, RARE_SHARE * tenantRows));

  // One value of a kept facet and nothing else: the kept count is the total.
  const onlyOneValue = plans.length === 1 && facetPlans.length === 1 && facetPlans[0]!.values.length === 1;
  // Indexes bound every filter: a capped count reads at most COUNT_CAP matches. Kept-facet values are
  // gathered by index only when rare (a common tag would be walked).
  const indexed = plans.every(
    (p) =>
      p.answeredBy === "index" ||
      p.answeredBy === "ids" ||
      (p.answeredBy === "kept-facets" && (p.indexed === "always" || rare)),
  );
  const count: ListPlan["count"] = onlyOneValue
    ? { from: "facets", value: estimates[0]! }
    : indexed || tenantRows <= COUNT_BUDGET
      ? { from: "capped" }
      : { from: "budget" };
  const none = estimates.some((e) => e === 0);
  return {
    read: none ? "none" : rare ? "collect" : "walk",
    count: none ? { from: "facets", value: 0 } : count,
    tenantRows,
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const valuesOf = (plans: Extract<FilterPlan, { answeredBy: "kept-facets" }>[], facet: "t" | "c") =>
  plans.filter((p) => p.facet === facet).flatMap((p) => p.values);

/** The tenant's number of memories and the kept counts of the filter's tags and components, in one statement. */
async function planFacts(
  conn: Database,
  tenant: Tenant,
  plans: Extract<FilterPlan, { answeredBy: "kept-facets" }>[],
): Promise<{ tenantRows: number; tagCounts: number[]; componentCounts: number[] }> {
  const counts = (kind: "t" | "c", values: string[]) =>
    values.length === 0
      ? sql`'{}'::int[]`
      : sql`array(select ${memoryTenantFacets.memories}::int from ${memoryTenantFacets}
                   where ${and(eq(memoryTenantFacets.userId, tenant.userId), eq(memoryTenantFacets.projectId, tenant.projectId), eq(memoryTenantFacets.kind, kind))}
                     and md5(${memoryTenantFacets.value}) in (${sql.join(
                       [...new Set(values)].map((v) => sql`md5(${v})`),
                       sql`, `,
                     )}))`;
  const [row] = await selectRows(
    conn,
    sql`select coalesce((select ${memoryTenantStats.memories} from ${memoryTenantStats}
                          where ${and(eq(memoryTenantStats.userId, tenant.userId), eq(memoryTenantStats.projectId, tenant.projectId))}), 0)::int as "tenantRows",
               ${counts("t", valuesOf(plans, "t"))} as "tagCounts", ${counts("c", valuesOf(plans, "c"))} as "componentCounts"`,
    z.object({ tenantRows: z.number(), tagCounts: z.array(z.number()), componentCounts: z.array(z.number()) }),
  );
  return row!;
}

/**
 * Runs a list query so that it walks the tenant's ordered index: no bitmap (which gathers
 * every match) and no sort (which would need them all): on PostgreSQL through sessions opened
 * with those settings, on PGlite (one session) for one transaction.
 */
export function walking<T>(conn: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  const dedicated = walkingDatabase(conn);
  if (dedicated) return work(dedicated);
  return conn.transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)`);
    return work(tx as unknown as Database);
  });
}
