import type { Database } from "@/db/connect";
import { memoryEmbedding } from "@/db/queries/search";
import type { Tenant } from "@/db/tenant";
import { createHashingEmbedder, hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { runSearch } from "@/lib/search";
import { type CaseResult, count, type MeasureContext, measure, type Recall, runSpec, TARGETS } from "../measure";
import { NO_FILTERS, type TenantPlan } from "../plan";
import { distancesTo, exactNeighbours, type Neighbour } from "../sql/probe";
import type { Session } from "../sql/session";
import { specQueries, withSpecIndexesOnly } from "../sql/spec-queries";

/** Similarity search by text and by memory, timed, with recall@10 of both ways against the exact answer. */

const SEARCH_K = 10;
const RECALL_QUERIES = 20;
const embedder = createHashingEmbedder();
const at = <T>(list: T[], i: number): T => list[i % list.length]!;

export async function measureSearchByText(ctx: MeasureContext, plan: TenantPlan): Promise<CaseResult> {
  const { tenant } = plan;
  const texts = plan.queryTexts.length ? plan.queryTexts : ["memory"];
  const ours = (db: Database, i: number) =>
    runSearch(
      tenant,
      { target: { kind: "text", q: at(texts, i) }, mode: "vector", k: SEARCH_K, metric: "l2", filters: NO_FILTERS },
      { embedder, db },
    );
  const spec = (s: Session, i: number) =>
    runSpec(s, specQueries.similar(tenant, hashingEmbedding(at(texts, i)), SEARCH_K));

  // Query i of the timed runs is text i, so the recall queries are the first texts.
  const queries = texts
    .slice(0, Math.min(RECALL_QUERIES, ctx.runs))
    .map((q, i) => ({ i, vector: hashingEmbedding(q), oursExclude: undefined }));
  return searchCase(ctx, plan, queries, {
    id: "search-text",
    title: "Similarity search by text",
    detail: `k = ${SEARCH_K}, L2, local hashing embedder, ${count(plan.facts.embedded)} candidates`,
    ours,
    spec,
  });
}

export async function measureSearchByMemory(ctx: MeasureContext, plan: TenantPlan): Promise<CaseResult> {
  const { tenant } = plan;
  const ids = plan.queryIds;
  const ours = (db: Database, i: number) =>
    runSearch(
      tenant,
      { target: { kind: "similar", id: at(ids, i) }, mode: "vector", k: SEARCH_K, metric: "l2", filters: NO_FILTERS },
      { db },
    );
  // The specification's way: "Get Memory by ID", then its similarity query with that embedding.
  const spec = async (s: Session, i: number) => {
    const [memory] = await runSpec(s, specQueries.byId(tenant, at(ids, i)));
    return runSpec(s, specQueries.similar(tenant, memory!.embedding as number[] | string, SEARCH_K));
  };
  const queries: RecallQuery[] = [];
  for (const [i, id] of ids.slice(0, Math.min(RECALL_QUERIES, ctx.runs)).entries()) {
    const vector = await memoryEmbedding(tenant, id, ctx.conn.db);
    if (vector) queries.push({ i, vector, oursExclude: id });
  }
  return searchCase(ctx, plan, queries, {
    id: "search-memory",
    title: "Similarity search by memory",
    detail: `k = ${SEARCH_K}, L2, the memory itself left out (the specification's query returns it first)`,
    ours,
    spec,
  });
}

/** Recall of both ways on `queries`, then both timed: one similarity-search case. */
async function searchCase(
  ctx: MeasureContext,
  plan: TenantPlan,
  queries: RecallQuery[],
  c: {
    id: string;
    title: string;
    detail: string;
    ours: (db: Database, i: number) => Promise<{ items: { id: number; distance: number | null }[] }>;
    spec: (s: Session, i: number) => Promise<Record<string, unknown>[]>;
  },
): Promise<CaseResult> {
  const recall = await measureRecall(
    ctx,
    plan.tenant,
    queries,
    async (q) => (await c.ours(ctx.conn.db, q.i)).items.map((h) => ({ id: h.id, distance: h.distance ?? Number.NaN })),
    async (s, q) => specNeighbours(await c.spec(s, q.i)),
  );
  return measure(ctx, { ...c, group: "search", tenant: plan.role, target: TARGETS.search }, { recall });
}

/** Query `i` of the timed runs, its vector, and the memory the app's answer leaves out (search by memory). */
type RecallQuery = { i: number; vector: number[]; oursExclude: number | undefined };

function specNeighbours(rows: Record<string, unknown>[]): Neighbour[] {
  return rows.map((r) => ({ id: Number(r.id), distance: 1 - Number(r.similarity) }));
}

/**
 * recall@k of both answers against the exact one (index scans off), per query: the share of the
 * true k nearest that the answer contains, a returned row at the k-th true distance counting as
 * a hit (ties). "Short" counts answers with fewer rows than the exact one has.
 */
async function measureRecall(
  ctx: MeasureContext,
  tenant: Tenant,
  queries: RecallQuery[],
  ours: (q: RecallQuery) => Promise<Neighbour[]>,
  spec: (s: Session, q: RecallQuery) => Promise<Neighbour[]>,
): Promise<Recall> {
  const oursAnswers: Neighbour[][] = [];
  for (const q of queries) oursAnswers.push(await ours(q));
  const specAnswers = await withSpecIndexesOnly(ctx.conn, async (s) => {
    const answers: Neighbour[][] = [];
    for (const q of queries) answers.push(await spec(s, q));
    return answers;
  });
  const score = async (answer: Neighbour[], vector: number[], exclude: number | undefined) => {
    const truth = await exactNeighbours(ctx.conn, tenant, vector, SEARCH_K, exclude);
    if (truth.length === 0) return { recall: 1, short: answer.length < truth.length };
    const kth = truth.at(-1)!.distance;
    const exact = await distancesTo(
      ctx.conn,
      vector,
      answer.map((a) => a.id),
    );
    const truthIds = new Set(truth.map((t) => t.id));
    const hits = answer.filter(
      (a) => truthIds.has(a.id) || (exact.get(a.id) ?? Number.POSITIVE_INFINITY) <= kth + 1e-9,
    ).length;
    return { recall: Math.min(hits, truth.length) / truth.length, short: answer.length < truth.length };
  };
  let oursSum = 0;
  let specSum = 0;
  let oursShort = 0;
  let specShort = 0;
  for (let qi = 0; qi < queries.length; qi++) {
    const q = queries[qi]!;
    const o = await score(oursAnswers[qi]!, q.vector, q.oursExclude);
    // The specification's query does not leave the query memory out, so neither does its exact answer.
    const s = await score(specAnswers[qi]!, q.vector, undefined);
    oursSum += o.recall;
    specSum += s.recall;
    if (o.short) oursShort++;
    if (s.short) specShort++;
  }
  const n = queries.length || 1;
  return { queries: queries.length, k: SEARCH_K, ours: oursSum / n, spec: specSum / n, oursShort, specShort };
}
