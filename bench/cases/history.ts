import type { MemoryFilters } from "@/db/filters";
import { timestampText } from "@/db/filters/sql";
import { countMatching } from "@/db/queries/memory-count";
import { deleteMatching } from "@/db/queries/memory-delete";
import { getMemory } from "@/db/queries/memory-read";
import { updateMemoryRawData } from "@/db/queries/memory-write";
import { restoreFromTrash } from "@/db/queries/trash";
import type { RawData } from "@/db/schema";
import { memoryHistoryOn, setMemoryHistory } from "@/lib/history-setting";
import { count, type MeasureContext } from "../measure";
import { NO_FILTERS, type TenantPlan } from "../plan";
import { vacuumAnalyze } from "../sql/dataset";
import {
  bulkEdit,
  compactVersions,
  dropVersionsAfter,
  newestIds,
  restoreRows,
  snapshotRows,
  versionStore,
} from "../sql/history";
import { nthNewest, sampleEmbeddedIds, tenantChecksum } from "../sql/probe";
import { summarize, type Timing } from "../stats";

/**
 * What keeping memory versions costs the writes it follows: the same edits and deletes of the
 * largest tenant timed with history on and off, run by run in alternating order (so a drift of
 * the machine falls on both), and the storage each version takes. Every row is put back and the
 * versions the benchmark made are removed, so the tenant is byte-for-byte as before.
 */

export type HistoryCase = {
  id: "edit" | "bulk-edit" | "delete";
  title: string;
  detail: string;
  /** Rows each timed run changes. */
  rows: number;
  on: Timing;
  off: Timing;
  /** How much slower the median run is with history on (0.1 = 10%). */
  slower: number;
  target: { label: string; slower: number } | null;
  met: boolean | null;
};

export type HistoryCost = {
  cases: HistoryCase[];
  /** Versions kept while measuring and the growth of memory_versions (heap, TOAST, indexes) they caused. */
  storage: { versions: number; bytes: number; bytesPerVersion: number };
};

const UPDATE_TARGET = { label: "≤ 20% slower with history on", slower: 0.2 };
const VACUUM_EVERY = 5;

type Mode = "on" | "off";

/** Runs `run(i)` with history on and off, `runs` times each after `warmup`, alternating which goes first. */
async function onAndOff(
  ctx: MeasureContext,
  runs: number,
  run: (i: number) => Promise<number>,
  between: (i: number) => Promise<void>,
): Promise<{ on: Timing; off: Timing }> {
  const samples: Record<Mode, number[]> = { on: [], off: [] };
  const warmup = Math.min(1, ctx.warmup);
  for (let i = 0; i < warmup + runs; i++) {
    const order: Mode[] = i % 2 === 0 ? ["on", "off"] : ["off", "on"];
    for (const mode of order) {
      await setMemoryHistory(ctx.conn.db, mode === "on");
      const ms = await run(i);
      if (i >= warmup) samples[mode].push(ms);
      await setMemoryHistory(ctx.conn.db, false);
      await between(i);
    }
  }
  return { on: summarize(samples.on), off: summarize(samples.off) };
}

function result(c: Omit<HistoryCase, "slower" | "met">, ctx: MeasureContext): HistoryCase {
  const slower = c.on.p50 / c.off.p50 - 1;
  const met = c.target ? slower <= c.target.slower : null;
  const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
  ctx.log(
    `  ${c.title}: history on p50 ${c.on.p50.toFixed(2)} ms, off ${c.off.p50.toFixed(2)} ms (${slower >= 0 ? `${pct(slower)} slower` : `${pct(-slower)} faster`})${met === null ? "" : met ? "  ✓" : "  ✗ (target missed)"}`,
  );
  return { ...c, slower, met };
}

/** One edit through the app's edit path (conflict check, versioned write, the row read back), each run on another memory. */
async function measureEdit(ctx: MeasureContext, plan: TenantPlan): Promise<HistoryCase> {
  const { tenant } = plan;
  const warmup = Math.min(1, ctx.warmup);
  const ids = await sampleEmbeddedIds(ctx.conn, tenant, 2 * (warmup + ctx.runs), ctx.seed + 17);
  const kept = await snapshotRows(ctx.conn, tenant, ids);
  const raw = new Map(kept.ids.map((id, i) => [id, JSON.parse(kept.rawData[i]!) as Record<string, unknown>]));
  let next = 0;
  const timing = await onAndOff(
    ctx,
    ctx.runs,
    async (i) => {
      const id = ids[next++ % ids.length]!;
      const current = await getMemory(tenant, id, ctx.conn.db);
      const rawData: RawData = JSON.stringify({ ...raw.get(id)!, bench_edit: i });
      const started = performance.now();
      await updateMemoryRawData(tenant, { id, rawData, version: current!.version }, ctx.conn.db, {
        actor: "benchmark",
      });
      return performance.now() - started;
    },
    async () => undefined,
  );
  await restoreRows(ctx.conn, tenant, kept);
  return result(
    {
      id: "edit",
      title: "Edit one memory",
      detail: `the app's edit path (updateMemoryRawData), raw_data only; ${count(ids.length)} memories, each edited once`,
      rows: 1,
      ...timing,
      target: UPDATE_TARGET,
    },
    ctx,
  );
}

/** One UPDATE of `rows` memories as an agent's plain SQL writes it, put back (untimed, history off) after each run. */
async function measureBulkEdit(ctx: MeasureContext, plan: TenantPlan, rows: number): Promise<HistoryCase> {
  const { tenant } = plan;
  const ids = await newestIds(ctx.conn, tenant, rows);
  const kept = await snapshotRows(ctx.conn, tenant, ids);
  const timing = await onAndOff(
    ctx,
    ctx.heavyRuns,
    async (i) => {
      const started = performance.now();
      const changed = await bulkEdit(ctx.conn, tenant, ids, i);
      const ms = performance.now() - started;
      if (changed !== ids.length) throw new Error(`the bulk edit changed ${changed} rows, not ${ids.length}`);
      return ms;
    },
    async (i) => {
      await restoreRows(ctx.conn, tenant, kept);
      if ((i + 1) % VACUUM_EVERY === 0) await vacuumAnalyze(ctx.conn);
    },
  );
  return result(
    {
      id: "bulk-edit",
      title: `Bulk edit (${count(ids.length)} rows, one UPDATE)`,
      detail: `UPDATE … SET raw_data = raw_data || …, updated_at = now() of the ${count(ids.length)} newest rows, as plain SQL`,
      rows: ids.length,
      ...timing,
      target: UPDATE_TARGET,
    },
    ctx,
  );
}

/** Delete by filter of the newest `rows` memories into the trash; the Undo after each run is untimed. */
async function measureDelete(ctx: MeasureContext, plan: TenantPlan, rows: number): Promise<HistoryCase> {
  const { tenant } = plan;
  const boundary = await nthNewest(ctx.conn, tenant, rows);
  if (!boundary) throw new Error("the tenant has no memory with a created_at to delete by");
  const from = new Date(`${boundary.replace(" ", "T").slice(0, 23)}Z`);
  const filters: MemoryFilters = { ...NO_FILTERS, from };
  const expected = await countMatching(tenant, filters, ctx.conn.db);
  const timing = await onAndOff(
    ctx,
    ctx.heavyRuns,
    async () => {
      const started = performance.now();
      const { deleted, operation } = await deleteMatching(tenant, filters, expected, {
        db: ctx.conn.db,
        reason: "Benchmark: cost of history",
      });
      const ms = performance.now() - started;
      const { restored } = await restoreFromTrash(tenant, { operation }, ctx.conn.db);
      if (deleted !== expected || restored.length !== expected)
        throw new Error(`delete and restore moved ${deleted} and ${restored.length} rows, not ${expected}`);
      return ms;
    },
    async (i) => {
      if ((i + 1) % VACUUM_EVERY === 0) {
        await vacuumAnalyze(ctx.conn);
        await vacuumAnalyze(ctx.conn, "memory_logs_trash");
      }
    },
  );
  return result(
    {
      id: "delete",
      title: `Delete into the trash (${count(expected)} rows)`,
      detail: `the ${count(expected)} newest rows (created_at ≥ ${timestampText(from)}); restored (untimed) after each run`,
      rows: expected,
      ...timing,
      target: null,
    },
    ctx,
  );
}

export async function measureHistoryCost(ctx: MeasureContext, plan: TenantPlan, rows: number): Promise<HistoryCost> {
  const { conn } = ctx;
  const { tenant } = plan;
  const wasOn = await memoryHistoryOn(conn.db);
  const before = await tenantChecksum(conn, tenant);
  await compactVersions(conn);
  const store = await versionStore(conn, tenant);
  const size = Math.min(rows, Math.floor(plan.facts.rows / 2));
  let cases: HistoryCase[];
  let grown: { versions: number; bytes: number };
  try {
    cases = [
      await measureEdit(ctx, plan),
      await measureBulkEdit(ctx, plan, size),
      await measureDelete(ctx, plan, size),
    ];
    const after = await versionStore(conn, tenant);
    grown = { versions: after.versions - store.versions, bytes: after.bytes - store.bytes };
  } finally {
    await setMemoryHistory(conn.db, false);
    await dropVersionsAfter(conn, tenant, store.lastVersionId);
    await setMemoryHistory(conn.db, wasOn);
  }
  await vacuumAnalyze(conn);
  const after = await tenantChecksum(conn, tenant);
  if (after.rows !== before.rows || after.digest !== before.digest)
    throw new Error(`after measuring history the tenant differs: ${after.rows} rows, was ${before.rows}`);
  return {
    cases,
    storage: { ...grown, bytesPerVersion: grown.versions ? grown.bytes / grown.versions : 0 },
  };
}
