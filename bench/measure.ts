import type { Connection, Database } from "@/db/connect";
import type { TenantRole } from "./layout";
import { captureQueries, explainAnalyze } from "./sql/probe";
import type { Session } from "./sql/session";
import { type SpecQuery, withSpecIndexesOnly } from "./sql/spec-queries";
import { type Timing, timeRuns } from "./stats";

/** How one case is measured and judged: its result, its target, and the plans of a miss. */

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
  /** Null where the specification has no way to ask (a filtered or cosine search). */
  spec: number | null;
  /** Queries answered with fewer rows than the tenant has candidates for (up to k). */
  oursShort: number;
  specShort: number | null;
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

export type SimpleCase = {
  id: string;
  group: CaseGroup;
  title: string;
  tenant: TenantRole | null;
  detail: string;
  target: Target | null;
  /** The app's way, through its data-layer function; `i` picks the run's query. */
  ours: (db: Database, i: number) => Promise<unknown>;
  /** The specification's way, on a session that sees only its indexes. */
  spec?: (session: Session, i: number) => Promise<unknown>;
  specNote?: string;
};

/** Times both ways, `runs` times each after `warmup` runs, and explains the app's statements if it misses its target. */
export async function measure(
  ctx: MeasureContext,
  c: SimpleCase,
  extra: Pick<CaseResult, "recall"> = {},
): Promise<CaseResult> {
  const ours = await timeRuns(ctx.runs, ctx.warmup, (i) => c.ours(ctx.conn.db, i));
  const spec = c.spec
    ? await withSpecIndexesOnly(ctx.conn, (s) => timeRuns(ctx.runs, ctx.warmup, (i) => c.spec!(s, i)))
    : null;
  return finish(
    ctx,
    {
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
    },
    c.ours,
  );
}

/** Judges the result against its target, adds the plans of a miss, and prints its line. */
export async function finish(
  ctx: MeasureContext,
  result: CaseResult,
  ours?: (db: Database, i: number) => Promise<unknown>,
): Promise<CaseResult> {
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
  if (target.recall !== undefined)
    met &&= !!result.recall && result.recall.ours >= target.recall && result.recall.oursShort === 0;
  if (target.rowsPerSecond !== undefined)
    met &&= !!result.exported && result.exported.ours.rowsPerSecond >= target.rowsPerSecond;
  if (target.heapMB !== undefined)
    met &&= !!result.exported && (result.exported.ours.liveHeapMB ?? result.exported.ours.peakHeapMB) <= target.heapMB;
  return met;
}

/** The statements an app function sends, each with EXPLAIN (ANALYZE, BUFFERS) (writes rolled back). */
async function explainStatements(conn: Connection, work: (db: Database, i: number) => Promise<unknown>) {
  const statements = await captureQueries(conn, (db) => work(db, 0));
  const explained: { statement: string; plan: string[] }[] = [];
  // Transaction control is not explained; settings made in a transaction apply to what follows in it.
  let settings: typeof statements = [];
  for (const s of statements) {
    const text = s.sql.trim().toLowerCase();
    if (text === "begin" || text === "commit" || text === "rollback") {
      settings = [];
      continue;
    }
    if (text.startsWith("select set_config(")) {
      settings.push(s);
      continue;
    }
    if (explained.length === 6) break;
    const plan = await explainAnalyze(conn, s.sql, s.params, settings).catch((error: unknown) => [
      `(EXPLAIN failed: ${error instanceof Error ? error.message : String(error)})`,
    ]);
    const under = settings.map((x) => `${x.sql} -- ${JSON.stringify(x.params)}`).join("\n");
    explained.push({ statement: under ? `-- in a transaction after: ${under}\n${s.sql}` : s.sql, plan });
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

/** Runs one of the specification's statements. */
export const runSpec = (s: Session, q: SpecQuery) => s.query(q.text, q.params);

export const count = (n: number) => n.toLocaleString("en-US");
