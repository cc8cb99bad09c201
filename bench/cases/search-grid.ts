import { and, sql } from "drizzle-orm";
import pgvector from "pgvector";
import { z } from "zod";
import type { MemoryFilters } from "@/db/filters";
import { memoryWhere } from "@/db/queries/memory-filters";
import type { SearchMetric } from "@/db/queries/search";
import { selectRows } from "@/db/rows";
import { memoryLogs } from "@/db/schema";
import type { Tenant } from "@/db/tenant";
import { createHashingEmbedder, hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { runSearch } from "@/lib/search";
import { type CaseResult, finish, type MeasureContext, type Recall, TARGETS } from "../measure";
import { NO_FILTERS, type TenantPlan } from "../plan";
import { timeRuns } from "../stats";

/**
 * The search grid: every filter mix of the tenant's plan (none, one tag, all of two tags, one
 * component, 30 days, text contained) by both metrics, through the app's search with its path
 * choice, timed and scored against an exact scan under the same filters.
 */

const K = 10;
const RECALL_QUERIES = 10;
const GRID_FILTERS = ["tag", "tags-all", "component", "dates", "text"] as const;
const METRICS: SearchMetric[] = ["l2", "cosine"];
const embedder = createHashingEmbedder();
const at = <T>(list: T[], i: number): T => list[i % list.length]!;

export async function measureSearchGrid(ctx: MeasureContext, plan: TenantPlan): Promise<CaseResult[]> {
  const texts = plan.queryTexts.length ? plan.queryTexts : ["memory"];
  const mixes: { id: string; detail: string; filters: MemoryFilters }[] = [
    { id: "none", detail: "no filter", filters: NO_FILTERS },
    ...plan.filters
      .filter((f) => (GRID_FILTERS as readonly string[]).includes(f.id))
      .map((f) => ({ id: f.id, detail: f.detail, filters: f.ours })),
  ];
  const results: CaseResult[] = [];
  for (const mix of mixes) {
    for (const metric of METRICS) {
      const search = (i: number) =>
        runSearch(
          plan.tenant,
          { target: { kind: "text", q: at(texts, i) }, mode: "vector", k: K, metric, filters: mix.filters },
          { embedder, db: ctx.conn.db },
        );
      const strategies = new Set<string>();
      const ours = await timeRuns(ctx.runs, ctx.warmup, async (i) => strategies.add((await search(i)).strategy));
      const recall = await gridRecall(ctx, plan.tenant, mix.filters, metric, (i) => search(i), texts);
      results.push(
        await finish(
          ctx,
          {
            id: `grid-${mix.id}-${metric}`,
            group: "search",
            title: `Search grid: ${mix.id === "none" ? "no filter" : mix.id}, ${metric}`,
            tenant: plan.role,
            detail: `${mix.detail}; k = ${K}; path: ${[...strategies].join(" and ")}`,
            ours,
            spec: null,
            specNote: "the specification has no filtered or cosine similarity query",
            target: TARGETS.search,
            met: null,
            recall,
          },
          (_db, i) => search(i),
        ),
      );
    }
  }
  return results;
}

/** recall@10 of the app's answers against an exact scan under the same filters (index scans off), ties counted. */
async function gridRecall(
  ctx: MeasureContext,
  tenant: Tenant,
  filters: MemoryFilters,
  metric: SearchMetric,
  search: (i: number) => Promise<{ items: { id: number }[] }>,
  texts: string[],
): Promise<Recall> {
  const op = sql.raw(metric === "cosine" ? "<=>" : "<->");
  let sum = 0;
  let short = 0;
  const n = Math.min(RECALL_QUERIES, ctx.runs);
  for (let i = 0; i < n; i++) {
    const vector = pgvector.toSql(hashingEmbedding(at(texts, i)));
    const answer = (await search(i)).items.map((h) => h.id);
    // Materialised, so no index orders the rows: every candidate's distance, then the 10 smallest.
    const exact = await selectRows(
      ctx.conn.db,
      sql`with candidates as materialized (
            select ${memoryLogs.id} as id, (${memoryLogs.embedding} ${op} ${vector}::vector)::float8 as distance
              from ${memoryLogs} where ${and(memoryWhere(tenant, filters), sql`${memoryLogs.embedding} is not null`)}
          )
          select id, distance from candidates order by distance, id limit ${K}`,
      z.object({ id: z.number(), distance: z.number() }),
    );
    if (exact.length === 0) {
      sum += 1;
      continue;
    }
    const kth = Number(exact.at(-1)!.distance);
    const truth = new Set(exact.map((e) => e.id));
    const distances = await ctx.conn.db
      .select({ id: memoryLogs.id, distance: sql<number>`(${memoryLogs.embedding} ${op} ${vector}::vector)::float8` })
      .from(memoryLogs)
      .where(and(memoryWhere(tenant, filters), sql`${memoryLogs.id} = any(${`{${answer.join(",")}}`}::int[])`));
    const within = new Map(distances.map((d) => [d.id, Number(d.distance)]));
    const hits = answer.filter((id) => truth.has(id) || (within.get(id) ?? Number.POSITIVE_INFINITY) <= kth + 1e-9);
    sum += Math.min(hits.length, exact.length) / exact.length;
    if (answer.length < exact.length) short++;
  }
  return { queries: n, k: K, ours: sum / (n || 1), spec: null, oursShort: short, specShort: null };
}
