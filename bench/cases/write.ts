import type { Database } from "@/db/connect";
import type { MemoryFilters } from "@/db/filters";
import { timestampText } from "@/db/filters/sql";
import { EXPORT_BATCH, exportBatches } from "@/db/queries/export";
import { countMatching } from "@/db/queries/memory-count";
import { deleteMatching } from "@/db/queries/memory-delete";
import { restoreFromTrash } from "@/db/queries/trash";
import { ndjsonLine } from "@/lib/export-format";
import {
  type CaseResult,
  count,
  type ExportStats,
  finish,
  type MeasureContext,
  type MemoryUse,
  runSpec,
  TARGETS,
} from "../measure";
import { NO_FILTERS, type TenantPlan } from "../plan";
import { vacuumAnalyze } from "../sql/dataset";
import { nthNewest, tenantChecksum } from "../sql/probe";
import type { Session } from "../sql/session";
import { specQueries, withSpecIndexesOnly } from "../sql/spec-queries";
import { summarize } from "../stats";

/** The cases that move many rows of the largest tenant: export, and delete by filter with its Undo. */

const VACUUM_EVERY = 10;

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
    let bytes = 0;
    for await (const batch of exportBatches(tenant, NO_FILTERS, { max: rows }, db)) {
      hold();
      for (const row of batch) bytes += ndjsonLine(row).length;
    }
    return bytes;
  };
  const spec = async (s: Session, hold: () => void = () => undefined) => {
    const all = await runSpec(s, specQueries.all(tenant, rows));
    hold();
    let bytes = 0;
    for (const row of all) bytes += JSON.stringify(row).length + 1;
    return bytes;
  };
  const warmup = Math.min(1, ctx.warmup);
  const oursRuns = await exportRuns(ctx.heavyRuns, warmup, () => ours(ctx.conn.db));
  const oursLive = await liveHeapMB((hold) => ours(ctx.conn.db, hold));
  const [specRuns, specLive] = await withSpecIndexesOnly(
    ctx.conn,
    async (s) =>
      [await exportRuns(ctx.heavyRuns, warmup, () => spec(s)), await liveHeapMB((hold) => spec(s, hold))] as const,
  );
  const exported: ExportStats = {
    rows,
    ours: memoryUse(oursRuns, rows, oursLive),
    spec: memoryUse(specRuns, rows, specLive),
  };
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
export async function measureDeleteRestore(
  ctx: MeasureContext,
  plan: TenantPlan,
  wanted: number,
): Promise<CaseResult[]> {
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
    const { deleted, operation } = await deleteMatching(tenant, filters, expected, {
      db,
      reason: "Benchmark: delete by filter",
    });
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
    throw new Error(
      `after delete and restore the tenant differs: ${after.rows} rows (digest ${after.digest}), was ${before.rows} (${before.digest})`,
    );
  }
  const spec = await withSpecIndexesOnly(conn, async (s) => {
    const samples: number[] = [];
    for (let i = 0; i < warmup + ctx.heavyRuns; i++) {
      await s.exec("SAVEPOINT bench_delete");
      const started = performance.now();
      await runSpec(s, specQueries.deleteWhere(tenant, { kind: "dates", from: timestampText(from) }));
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
