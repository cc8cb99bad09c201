import type { Connection, Database } from "@/db/connect";
import {
  captureQueries,
  distancesTo,
  exactNeighbours,
  explainAnalyze,
  nthNewest,
  sampleContents,
  sampleEmbeddedIds,
  tenantChecksum,
  tenantFacts,
  type Neighbour,
  type TenantFacts,
} from "@/db/bench/probe";
import type { Session } from "@/db/bench/session";
import { specQueries, withSpecIndexesOnly, type SpecFilter } from "@/db/bench/spec-queries";
import { vacuumAnalyze } from "@/db/bench/dataset";
import { exportBatch } from "@/db/queries/export";
import { memoryFacets } from "@/db/queries/facets";
import { countMatching, deleteMatching, listMemories } from "@/db/queries/memories";
import { timestampText } from "@/db/queries/memory-filters";
import { listProjects } from "@/db/queries/projects";
import { memoryEmbedding } from "@/db/queries/search";
import { restoreFromTrash } from "@/db/queries/trash";
import { listProjectUsers } from "@/db/queries/users";
import type { Tenant } from "@/db/tenant";
import { createHashingEmbedder, hashingEmbedding } from "../embedding/hashing-embedder";
import { ndjsonLine } from "../export-format";
import { decodeCursor, type Cursor } from "../memory-query/cursor";
import type { MemoryFilters, MemoryListQuery } from "../memory-query/params";
import { runSearch } from "../search";
import type { TenantRole } from "./layout";
import { summarize, timeRuns, type Timing } from "./stats";

/** What a case must achieve on PostgreSQL at 1,000,000 rows (the issue's targets). */
export type Target = { label: string; p95Ms?: number; recall?: number; rowsPerSecond?: number; heapMB?: number };

export const TARGETS = {
  list: { label: "p95 ≤ 10 ms", p95Ms: 10 },
  facets: { label: "p95 ≤ 50 ms", p95Ms: 50 },
  search: { label: "p95 ≤ 30 ms, recall@10 ≥ 0.98, never short", p95Ms: 30, recall: 0.98 },
  export: { label: "≥ 20,000 rows/s, flat memory (≤ 64 MB held)", rowsPerSecond: 20_000, heapMB: 64 },
} as const satisfies Record<string, Target>;

export type CaseGroup = "overview" | "list" | "filter" | "facets" | "search" | "export" | "write";

export type Recall = {
  queries: number;
  k: number;
  ours: number;
  spec: number;
  /** Queries answered with fewer rows than the tenant has candidates for (up to k). */
  oursShort: number;
  specShort: number;
};

/**
 * Rows per second of the median run; the most heap kept alive at once (after a full collection,
 * when the process allows it); peak growth of heap and RSS over a run, garbage included.
 */
export type MemoryUse = { rowsPerSecond: number; liveHeapMB: number | null; peakHeapMB: number; peakRssMB: number };
export type ExportStats = { rows: number; ours: MemoryUse; spec: MemoryUse };

export type CaseResult = {
  id: string;
  group: CaseGroup;
  title: string;
  tenant: TenantRole | null;
  /** Filter values, depths, matches: what the numbers are about. */
  detail: string;
  ours: Timing;
  spec: Timing | null;
  /** Why there is no specification-style number, when there is none. */
  specNote: string | null;
  target: Target | null;
  met: boolean | null;
  recall?: Recall;
  exported?: ExportStats;
  /** EXPLAIN (ANALYZE, BUFFERS) of the app's statements, for a case that missed its target. */
  explain?: { statement: string; plan: string[] }[];
};

export type MeasureContext = {
  conn: Connection;
  runs: number;
  /** Runs of the cases that move many rows (export, delete and restore). */
  heavyRuns: number;
  warmup: number;
  seed: number;
  log: (line: string) => void;
};

export const NO_FILTERS: MemoryFilters = { tags: [], tagMode: "any", components: [] };
export const PAGE_SIZE = 50;
const SEARCH_K = 10;
/** The depth of page 200, the deepest a page number reaches (lib/memory-query/params.ts MAX_OFFSET), and of page 500. */
const NUMBER_DEPTH = 199 * PAGE_SIZE;
const CURSOR_DEPTH = 499 * PAGE_SIZE;
const RECALL_QUERIES = 20;
const EXPORT_BATCH = 1000; // as app/api/v1/…/export reads it
const VACUUM_EVERY = 10;

const listQuery = (filters: MemoryFilters, extra: Partial<MemoryListQuery> = {}): MemoryListQuery => ({
  filters,
  sort: "created_at",
  order: "desc",
  limit: PAGE_SIZE,
  page: 1,
  ...extra,
});

const count = (n: number) => n.toLocaleString("en-US");

// ---------------------------------------------------------------------------------------------
// Choosing what to ask each tenant

export type FilterCase = { id: string; title: string; detail: string; ours: MemoryFilters; spec: SpecFilter; matches: number };

export type TenantPlan = {
  role: TenantRole;
  tenant: Tenant;
  facts: TenantFacts;
  filters: FilterCase[];
  numberDepth: number;
  cursorDepth: number;
  cursor: Cursor | undefined;
  queryTexts: string[];
  queryIds: number[];
};

/**
 * Picks, from the tenant's own data, the values its cases use: a mid-ranked tag and component
 * from its facets, a word of its texts, a month in the middle of its history; query texts and
 * memories in an order fixed by the seed; and the cursor of page 500 (walked with the app's own
 * cursor pages).
 */
export async function planTenant(ctx: MeasureContext, role: TenantRole, tenant: Tenant): Promise<TenantPlan> {
  const { conn } = ctx;
  const db = conn.db;
  const facts = await tenantFacts(conn, tenant);
  const facets = await memoryFacets(tenant, NO_FILTERS, { limit: 20 }, db);
  const midTag = facets.tags[Math.floor(facets.tags.length / 2)]?.value ?? "fact";
  const topTags = facets.tags.slice(0, 2).map((t) => t.value);
  const component = facets.components[Math.floor(facets.components.length / 2)]?.value ?? "billing";
  const middle = facts.oldest && facts.newest ? (Date.parse(facts.oldest) + Date.parse(facts.newest)) / 2 : Date.now();
  const from = new Date(Math.floor(middle / 1000) * 1000);
  const before = new Date(from.getTime() + 30 * 86_400_000);

  const word = await pickWord(ctx, tenant);
  const filters: Omit<FilterCase, "matches">[] = [
    { id: "tag", title: "Filter: one tag", detail: `tag "${midTag}"`, ours: { ...NO_FILTERS, tags: [midTag] }, spec: { kind: "tag", tag: midTag } },
    {
      id: "tags-all",
      title: "Filter: all of two tags",
      detail: `tags "${topTags.join('" and "')}"`,
      ours: { ...NO_FILTERS, tags: topTags, tagMode: "all" },
      spec: { kind: "tags-all", tags: topTags },
    },
    { id: "component", title: "Filter: component", detail: `component "${component}"`, ours: { ...NO_FILTERS, components: [component] }, spec: { kind: "component", component } },
    {
      id: "path-equals",
      title: "Filter: nested field equals",
      detail: `meta.language = "de"`,
      ours: { ...NO_FILTERS, jsonPath: { path: "meta.language", segments: ["meta", "language"], op: "equals", value: "de" } },
      spec: { kind: "path-equals", segments: ["meta", "language"], value: "de" },
    },
    {
      id: "path-present",
      title: "Filter: field present",
      detail: "expires_at present",
      ours: { ...NO_FILTERS, jsonPath: { path: "expires_at", segments: ["expires_at"], op: "present" } },
      spec: { kind: "path-present", segments: ["expires_at"] },
    },
    {
      id: "dates",
      title: "Filter: 30 days",
      detail: `${from.toISOString().slice(0, 10)} to ${before.toISOString().slice(0, 10)}`,
      ours: { ...NO_FILTERS, from, before },
      spec: { kind: "dates", from: timestampText(from), before: timestampText(before) },
    },
    { id: "no-embedding", title: "Filter: without embedding", detail: "embedding missing", ours: { ...NO_FILTERS, embedding: "without" }, spec: { kind: "without-embedding" } },
    { id: "text", title: "Text search (contains)", detail: `"${word}"`, ours: { ...NO_FILTERS, text: word }, spec: { kind: "text", text: word } },
  ];
  const withMatches: FilterCase[] = [];
  for (const f of filters) {
    const matches = await countMatching(tenant, f.ours, db);
    withMatches.push({ ...f, matches, detail: `${f.detail}: ${count(matches)} rows` });
  }

  const lastDepth = Math.max(0, Math.floor((facts.rows - 1) / PAGE_SIZE) * PAGE_SIZE);
  const numberDepth = Math.min(NUMBER_DEPTH, lastDepth);
  const cursorDepth = Math.min(CURSOR_DEPTH, lastDepth);
  const queries = ctx.runs + ctx.warmup;
  return {
    role,
    tenant,
    facts,
    filters: withMatches,
    numberDepth,
    cursorDepth,
    cursor: await cursorAt(db, tenant, cursorDepth),
    queryTexts: await sampleContents(conn, tenant, queries, ctx.seed + 1),
    queryIds: await sampleEmbeddedIds(conn, tenant, queries, ctx.seed + 2),
  };
}

/** A word of the tenant's texts, of middling frequency among a few candidates. */
async function pickWord(ctx: MeasureContext, tenant: Tenant): Promise<string> {
  const texts = await sampleContents(ctx.conn, tenant, 20, ctx.seed);
  const words = [...new Set(texts.flatMap((t) => t.toLowerCase().match(/\p{L}{6,}/gu) ?? []))].slice(0, 5);
  if (words.length === 0) return "memory";
  const counted: { word: string; n: number }[] = [];
  for (const word of words) counted.push({ word, n: await countMatching(tenant, { ...NO_FILTERS, text: word }, ctx.conn.db) });
  counted.sort((a, b) => a.n - b.n || a.word.localeCompare(b.word));
  return counted[Math.floor(counted.length / 2)]!.word;
}

/** The cursor after the first `depth` rows, reached the way a client does: page after page of nextCursor. */
async function cursorAt(db: Database, tenant: Tenant, depth: number): Promise<Cursor | undefined> {
  let cursor: Cursor | undefined;
  let done = 0;
  while (done < depth) {
    const limit = Math.min(200, depth - done);
    const page = await listMemories(tenant, listQuery(NO_FILTERS, { limit, ...(cursor ? { cursor } : {}) }), db);
    if (!page.nextCursor) break;
    cursor = decodeCursor(page.nextCursor, "created_at", "desc");
    done += limit;
  }
  return cursor;
}

// ---------------------------------------------------------------------------------------------
// Measuring

type SimpleCase = {
  id: string;
  group: CaseGroup;
  title: string;
  tenant: TenantRole | null;
  detail: string;
  target: Target | null;
  ours: (db: Database, i: number) => Promise<unknown>;
  spec?: (session: Session, i: number) => Promise<unknown>;
  specNote?: string;
};

async function measure(ctx: MeasureContext, c: SimpleCase, extra: Pick<CaseResult, "recall"> = {}): Promise<CaseResult> {
  const ours = await timeRuns(ctx.runs, ctx.warmup, (i) => c.ours(ctx.conn.db, i));
  const spec = c.spec ? await withSpecIndexesOnly(ctx.conn, (s) => timeRuns(ctx.runs, ctx.warmup, (i) => c.spec!(s, i))) : null;
  const result: CaseResult = {
    id: c.id,
    group: c.group,
    title: c.title,
    tenant: c.tenant,
    detail: c.detail,
    ours,
    spec,
    specNote: c.specNote ?? null,
    target: c.target,
    met: null,
    ...extra,
  };
  return finish(ctx, result, c.ours);
}

async function finish(ctx: MeasureContext, result: CaseResult, ours?: (db: Database, i: number) => Promise<unknown>): Promise<CaseResult> {
  result.met = meetsTarget(result);
  if (result.met === false && ours) result.explain = await explainStatements(ctx.conn, ours);
  ctx.log(progressLine(result));
  return result;
}

export function meetsTarget(result: Pick<CaseResult, "target" | "ours" | "recall" | "exported">): boolean | null {
  const { target } = result;
  if (!target) return null;
  let met = true;
  if (target.p95Ms !== undefined) met &&= result.ours.p95 <= target.p95Ms;
  if (target.recall !== undefined) met &&= !!result.recall && result.recall.ours >= target.recall && result.recall.oursShort === 0;
  if (target.rowsPerSecond !== undefined) met &&= !!result.exported && result.exported.ours.rowsPerSecond >= target.rowsPerSecond;
  if (target.heapMB !== undefined) met &&= !!result.exported && (result.exported.ours.liveHeapMB ?? result.exported.ours.peakHeapMB) <= target.heapMB;
  return met;
}

/** The statements an app function sends, each with EXPLAIN (ANALYZE, BUFFERS) (writes rolled back). */
async function explainStatements(conn: Connection, work: (db: Database, i: number) => Promise<unknown>) {
  const statements = await captureQueries(conn, (db) => work(db, 0));
  const explained: { statement: string; plan: string[] }[] = [];
  for (const s of statements.slice(0, 4)) {
    const plan = await explainAnalyze(conn, s.sql, s.params).catch((error: unknown) => [`(EXPLAIN failed: ${error instanceof Error ? error.message : String(error)})`]);
    explained.push({ statement: s.sql, plan });
  }
  return explained;
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function progressLine(r: CaseResult): string {
  const spec = r.spec ? `  spec p50 ${ms(r.spec.p50)} p95 ${ms(r.spec.p95)} ms` : "";
  const met = r.met === null ? "" : r.met ? "  ✓" : "  ✗ (target missed)";
  return `  ${r.title}${r.tenant ? ` [${r.tenant}]` : ""}: p50 ${ms(r.ours.p50)} p95 ${ms(r.ours.p95)} ms${spec}${met}`;
}

/** The projects overview and the users of the largest tenant's project. */
export async function measureOverview(ctx: MeasureContext, projectId: string): Promise<CaseResult[]> {
  const note = "not in the specification: the obvious GROUP BY on its indexes";
  return [
    await measure(ctx, {
      id: "projects",
      group: "overview",
      title: "Projects overview",
      tenant: null,
      detail: "all projects with users, memories, latest",
      target: TARGETS.list,
      ours: (db) => listProjects("all", db),
      spec: (s) => run(s, specQueries.projects()),
      specNote: note,
    }),
    await measure(ctx, {
      id: "users",
      group: "overview",
      title: "Users overview",
      tenant: null,
      detail: `users of project "${projectId}"`,
      target: TARGETS.list,
      ours: (db) => listProjectUsers(projectId, db),
      spec: (s) => run(s, specQueries.projectUsers(projectId)),
      specNote: note,
    }),
  ];
}

const run = (s: Session, q: { text: string; params: unknown[] }) => s.query(q.text, q.params);

/** Lists, filters, facets and both searches for one tenant. */
export async function measureTenant(ctx: MeasureContext, plan: TenantPlan): Promise<CaseResult[]> {
  const { tenant, role } = plan;
  const results: CaseResult[] = [];
  const base = { tenant: role, target: TARGETS.list } as const;

  results.push(
    await measure(ctx, {
      ...base,
      id: "list-1",
      group: "list",
      title: "List, page 1",
      detail: `${count(plan.facts.rows)} memories, ${PAGE_SIZE} per page, newest first, with the capped total`,
      ours: (db) => listMemories(tenant, listQuery(NO_FILTERS), db),
      spec: (s) => run(s, specQueries.list(tenant, { limit: PAGE_SIZE, offset: 0 })),
    }),
  );
  if (plan.numberDepth > 0) {
    const page = plan.numberDepth / PAGE_SIZE + 1;
    results.push(
      await measure(ctx, {
        ...base,
        id: "list-number",
        group: "list",
        title: `List, page ${page} by number`,
        detail: `OFFSET ${count(plan.numberDepth)} (page numbers stop at 10,000 rows)`,
        ours: (db) => listMemories(tenant, listQuery(NO_FILTERS, { page }), db),
        spec: (s) => run(s, specQueries.list(tenant, { limit: PAGE_SIZE, offset: plan.numberDepth })),
      }),
    );
  }
  if (plan.cursor) {
    const page = plan.cursorDepth / PAGE_SIZE + 1;
    const cursor = plan.cursor;
    results.push(
      await measure(ctx, {
        ...base,
        id: "list-cursor",
        group: "list",
        title: `List, page ${page} by cursor`,
        detail: `${count(plan.cursorDepth)} rows deep; the specification's way: OFFSET ${count(plan.cursorDepth)}`,
        ours: (db) => listMemories(tenant, listQuery(NO_FILTERS, { cursor }), db),
        spec: (s) => run(s, specQueries.list(tenant, { limit: PAGE_SIZE, offset: plan.cursorDepth })),
      }),
    );
  }
  for (const f of plan.filters) {
    results.push(
      await measure(ctx, {
        ...base,
        id: f.id,
        group: "filter",
        title: f.title,
        detail: `${f.detail}; page 1 with the capped total`,
        ours: (db) => listMemories(tenant, listQuery(f.ours), db),
        spec: (s) => run(s, specQueries.list(tenant, { limit: PAGE_SIZE, offset: 0, filter: f.spec })),
      }),
    );
  }
  results.push(
    await measure(ctx, {
      ...base,
      id: "facets",
      group: "facets",
      title: "Facets (top tags and components)",
      detail: `over ${count(plan.facts.rows)} memories`,
      target: TARGETS.facets,
      ours: (db) => memoryFacets(tenant, NO_FILTERS, { limit: 20 }, db),
      spec: async (s) => {
        for (const q of specQueries.facets(tenant, 20)) await run(s, q);
      },
    }),
  );
  results.push(await measureSearchByText(ctx, plan));
  results.push(await measureSearchByMemory(ctx, plan));
  return results;
}

const embedder = createHashingEmbedder();
const at = <T>(list: T[], i: number): T => list[i % list.length]!;

async function measureSearchByText(ctx: MeasureContext, plan: TenantPlan): Promise<CaseResult> {
  const { tenant } = plan;
  const texts = plan.queryTexts.length ? plan.queryTexts : ["memory"];
  const ours = (db: Database, i: number) =>
    runSearch(tenant, { target: { kind: "text", q: at(texts, i) }, k: SEARCH_K, metric: "l2", filters: NO_FILTERS }, { embedder, db });
  const spec = (s: Session, i: number) => run(s, specQueries.similar(tenant, hashingEmbedding(at(texts, i)), SEARCH_K));

  const queries = texts.slice(0, Math.min(RECALL_QUERIES, ctx.runs)).map((q) => ({ vector: hashingEmbedding(q), oursExclude: undefined }));
  const recall = await measureRecall(
    ctx,
    tenant,
    queries,
    async (qi) => (await ours(ctx.conn.db, qi)).items.map((h) => ({ id: h.id, distance: h.distance })),
    async (s, qi) => specNeighbours(await spec(s, qi)),
  );
  return measure(
    ctx,
    {
      id: "search-text",
      group: "search",
      title: "Similarity search by text",
      tenant: plan.role,
      detail: `k = ${SEARCH_K}, L2, local hashing embedder, ${count(plan.facts.embedded)} candidates`,
      target: TARGETS.search,
      ours,
      spec,
    },
    { recall },
  );
}

async function measureSearchByMemory(ctx: MeasureContext, plan: TenantPlan): Promise<CaseResult> {
  const { tenant } = plan;
  const ids = plan.queryIds;
  const ours = (db: Database, i: number) => runSearch(tenant, { target: { kind: "similar", id: at(ids, i) }, k: SEARCH_K, metric: "l2", filters: NO_FILTERS }, { db });
  // The specification's way: "Get Memory by ID", then its similarity query with that embedding.
  const spec = async (s: Session, i: number) => {
    const [memory] = await run(s, specQueries.byId(tenant, at(ids, i)));
    return run(s, specQueries.similar(tenant, memory!.embedding as number[] | string, SEARCH_K));
  };
  const queries: { vector: number[]; oursExclude: number }[] = [];
  for (const id of ids.slice(0, Math.min(RECALL_QUERIES, ctx.runs))) {
    const vector = await memoryEmbedding(tenant, id, ctx.conn.db);
    if (vector) queries.push({ vector, oursExclude: id });
  }
  const recall = await measureRecall(
    ctx,
    tenant,
    queries,
    async (qi) => (await ours(ctx.conn.db, qi)).items.map((h) => ({ id: h.id, distance: h.distance })),
    async (s, qi) => specNeighbours(await spec(s, qi)),
  );
  return measure(
    ctx,
    {
      id: "search-memory",
      group: "search",
      title: "Similarity search by memory",
      tenant: plan.role,
      detail: `k = ${SEARCH_K}, L2, the memory itself left out (the specification's query returns it first)`,
      target: TARGETS.search,
      ours,
      spec,
    },
    { recall },
  );
}

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
  queries: { vector: number[]; oursExclude: number | undefined }[],
  ours: (qi: number) => Promise<Neighbour[]>,
  spec: (s: Session, qi: number) => Promise<Neighbour[]>,
): Promise<Recall> {
  const oursAnswers: Neighbour[][] = [];
  for (let qi = 0; qi < queries.length; qi++) oursAnswers.push(await ours(qi));
  const specAnswers = await withSpecIndexesOnly(ctx.conn, async (s) => {
    const answers: Neighbour[][] = [];
    for (let qi = 0; qi < queries.length; qi++) answers.push(await spec(s, qi));
    return answers;
  });
  const score = async (answer: Neighbour[], vector: number[], exclude: number | undefined) => {
    const truth = await exactNeighbours(ctx.conn, tenant, vector, SEARCH_K, exclude);
    if (truth.length === 0) return { recall: 1, short: answer.length < truth.length };
    const kth = truth.at(-1)!.distance;
    const exact = await distancesTo(ctx.conn, vector, answer.map((a) => a.id));
    const truthIds = new Set(truth.map((t) => t.id));
    const hits = answer.filter((a) => truthIds.has(a.id) || (exact.get(a.id) ?? Number.POSITIVE_INFINITY) <= kth + 1e-9).length;
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

// ---------------------------------------------------------------------------------------------
// Export, delete and restore (largest tenant)

function memorySampler() {
  const base = process.memoryUsage();
  let heap = base.heapUsed;
  let rss = base.rss;
  const sample = () => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed);
    rss = Math.max(rss, now.rss);
  };
  const timer = setInterval(sample, 5);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakHeapMB: (heap - base.heapUsed) / 2 ** 20, peakRssMB: (rss - base.rss) / 2 ** 20 };
    },
  };
}

const gc = () => (globalThis as { gc?: () => void }).gc;

/**
 * The most memory the work keeps alive: `hold()` is called where the work holds the most
 * (a fetched batch, or the whole result), and measures the heap after a full collection.
 * Null when the process runs without --expose-gc.
 */
async function liveHeapMB(work: (hold: () => void) => Promise<unknown>): Promise<number | null> {
  const collect = gc();
  if (!collect) return null;
  collect();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  await work(() => {
    collect();
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  });
  return peak / 2 ** 20;
}

type ExportRun = { ms: number; peakHeapMB: number; peakRssMB: number };

async function exportRuns(runs: number, warmup: number, once: () => Promise<unknown>): Promise<ExportRun[]> {
  const measured: ExportRun[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    gc()?.();
    const sampler = memorySampler();
    const started = performance.now();
    await once();
    const ms = performance.now() - started;
    const memory = sampler.stop();
    if (i >= warmup) measured.push({ ms, ...memory });
  }
  return measured;
}

function memoryUse(runs: ExportRun[], rows: number, live: number | null): MemoryUse {
  const timing = summarize(runs.map((r) => r.ms));
  return {
    rowsPerSecond: rows / (timing.p50 / 1000),
    liveHeapMB: live,
    peakHeapMB: Math.max(...runs.map((r) => r.peakHeapMB)),
    peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
  };
}

/** Export of `rows` memories as NDJSON the way the export route streams them, against the specification's `.all()`. */
export async function measureExport(ctx: MeasureContext, plan: TenantPlan, wanted: number): Promise<CaseResult> {
  const { tenant } = plan;
  const rows = Math.min(wanted, plan.facts.rows);
  const ours = async (db: Database, hold: () => void = () => undefined) => {
    let afterId = 0;
    let done = 0;
    let bytes = 0;
    while (done < rows) {
      const batch = await exportBatch(tenant, NO_FILTERS, afterId, Math.min(EXPORT_BATCH, rows - done), db);
      hold();
      for (const row of batch) bytes += ndjsonLine(row).length;
      done += batch.length;
      if (batch.length === 0) break;
      afterId = batch.at(-1)!.id;
    }
    return bytes;
  };
  const spec = async (s: Session, hold: () => void = () => undefined) => {
    const all = await run(s, specQueries.all(tenant, rows));
    hold();
    let bytes = 0;
    for (const row of all) bytes += JSON.stringify(row).length + 1;
    return bytes;
  };
  const warmup = Math.min(1, ctx.warmup);
  const oursRuns = await exportRuns(ctx.heavyRuns, warmup, () => ours(ctx.conn.db));
  const oursLive = await liveHeapMB((hold) => ours(ctx.conn.db, hold));
  const [specRuns, specLive] = await withSpecIndexesOnly(ctx.conn, async (s) => [
    await exportRuns(ctx.heavyRuns, warmup, () => spec(s)),
    await liveHeapMB((hold) => spec(s, hold)),
  ] as const);
  const exported: ExportStats = { rows, ours: memoryUse(oursRuns, rows, oursLive), spec: memoryUse(specRuns, rows, specLive) };
  const result: CaseResult = {
    id: "export",
    group: "export",
    title: `Export ${count(rows)} rows (NDJSON)`,
    tenant: plan.role,
    detail: `batches of ${EXPORT_BATCH} by keyset, as the export route streams; the specification's way: SELECT * … .all() at once`,
    ours: summarize(oursRuns.map((r) => r.ms)),
    spec: summarize(specRuns.map((r) => r.ms)),
    specNote: null,
    target: TARGETS.export,
    met: null,
    exported,
  };
  return finish(ctx, result);
}

/**
 * Delete by filter of about `wanted` rows (the newest of the tenant) into the trash, then Undo
 * (restore by operation), each timed, every run; the tenant is checked to be byte-for-byte
 * back afterwards. The specification's way: one DELETE, rolled back to a savepoint each run.
 */
export async function measureDeleteRestore(ctx: MeasureContext, plan: TenantPlan, wanted: number): Promise<CaseResult[]> {
  const { tenant } = plan;
  const { conn } = ctx;
  const db = conn.db;
  const boundary = await nthNewest(conn, tenant, Math.min(wanted, Math.floor(plan.facts.rows / 2)));
  if (!boundary) return [];
  const from = new Date(`${boundary.replace(" ", "T").slice(0, 23)}Z`);
  const filters: MemoryFilters = { ...NO_FILTERS, from };
  const expected = await countMatching(tenant, filters, db);
  const before = await tenantChecksum(conn, tenant);

  const deletes: number[] = [];
  const restores: number[] = [];
  const warmup = Math.min(1, ctx.warmup);
  for (let i = 0; i < warmup + ctx.heavyRuns; i++) {
    const started = performance.now();
    const { deleted, operation } = await deleteMatching(tenant, filters, expected, { db, reason: "Benchmark: delete by filter" });
    const deletedAt = performance.now();
    const { restored } = await restoreFromTrash(tenant, { operation }, db);
    const restoredAt = performance.now();
    if (deleted !== expected || restored.length !== expected) {
      throw new Error(`delete and restore moved ${deleted} and ${restored.length} rows, not ${expected}`);
    }
    if (i >= warmup) {
      deletes.push(deletedAt - started);
      restores.push(restoredAt - deletedAt);
    }
    // Each run leaves dead rows in both tables; autovacuum would clean them (PGlite has none), so do it untimed.
    if ((i + 1) % VACUUM_EVERY === 0) {
      await vacuumAnalyze(conn);
      await vacuumAnalyze(conn, "memory_logs_trash");
    }
  }
  const after = await tenantChecksum(conn, tenant);
  if (after.rows !== before.rows || after.digest !== before.digest) {
    throw new Error(`after delete and restore the tenant differs: ${after.rows} rows (digest ${after.digest}), was ${before.rows} (${before.digest})`);
  }
  const spec = await withSpecIndexesOnly(conn, async (s) => {
    const samples: number[] = [];
    for (let i = 0; i < warmup + ctx.heavyRuns; i++) {
      await s.exec("SAVEPOINT bench_delete");
      const started = performance.now();
      await run(s, specQueries.deleteWhere(tenant, { kind: "dates", from: timestampText(from) }));
      if (i >= warmup) samples.push(performance.now() - started);
      await s.exec("ROLLBACK TO SAVEPOINT bench_delete");
    }
    return summarize(samples);
  });
  await vacuumAnalyze(conn);
  await vacuumAnalyze(conn, "memory_logs_trash");

  const detail = `${count(expected)} newest rows (created_at ≥ ${timestampText(from)}); tenant checked identical afterwards`;
  return [
    await finish(ctx, {
      id: "delete",
      group: "write",
      title: `Delete by filter (${count(expected)} rows, into the trash)`,
      tenant: plan.role,
      detail,
      ours: summarize(deletes),
      spec,
      specNote: null,
      target: null,
      met: null,
    }),
    await finish(ctx, {
      id: "restore",
      group: "write",
      title: `Restore them (Undo)`,
      tenant: plan.role,
      detail,
      ours: summarize(restores),
      spec: null,
      specNote: "the specification has no trash: its restore is psql < backup.sql",
      target: null,
      met: null,
    }),
  ];
}
