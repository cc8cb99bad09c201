import fs from "node:fs";
import path from "node:path";
import type { Connection } from "@/db/connect";
import { runMigrations } from "@/db/migrate";
import { measureStaleRecalls } from "@/db/queries/vector-index-recall";
import { buildMissingIndexes } from "@/db/recommended-indexes";
import { apiMemoriesPath, tenantPath } from "@/lib/paths";
import { measureHistoryCost } from "./cases/history";
import { measureOverview, measureTenant } from "./cases/read";
import { measureSearchGrid } from "./cases/search-grid";
import { measureDeleteRestore, measureExport } from "./cases/write";
import { type BenchLayout, benchLayout, type TenantRole } from "./layout";
import { buildApp, freePort, hasBuild, startApp } from "./load/app-server";
import { type LoadCredentials, loadTestCredentials } from "./load/credentials";
import { type LoadTarget, loadTest } from "./load/load-test";
import type { CaseResult, MeasureContext } from "./measure";
import { planTenant, type TenantPlan } from "./plan";
import {
  type BenchResults,
  consoleTables,
  type DataFacts,
  type IndexBuild,
  LOAD_TARGETS,
  type LoadPhase,
  renderReport,
} from "./report";
import { writeReportKeepingInteractions } from "./report-section";
import {
  type BenchMarker,
  createSpecIndexes,
  dropGeneratorSchema,
  emptyForLoad,
  inspectTarget,
  type TargetState,
  vacuumAnalyze,
  writeMarker,
} from "./sql/dataset";
import { insertChunk, prepareGenerator } from "./sql/generator";
import { databaseFacts, machineFacts, tableRows } from "./sql/probe";

export type LoadTestOptions = { clients: number; durationSeconds: number; maxRequests: number; build: boolean };

export type BenchOptions = {
  rows: number;
  runs: number;
  heavyRuns: number;
  warmup: number;
  seed: number;
  /** Rows per INSERT statement while loading. */
  chunkRows: number;
  /** Replace a memory_logs whose rows the benchmark did not make. */
  reset: boolean;
  /** Keep the rows of an earlier run with the same size and seed instead of generating them again. */
  reuse: boolean;
  exportRows: number;
  deleteRows: number;
  /** Rows of the bulk edit and the delete timed with memory history on and off. */
  historyRows: number;
  /** Where docs/benchmarks.md goes; null writes no report. */
  reportPath: string | null;
  /** Only the search grid (the other cases take most of a run). */
  searchGridOnly: boolean;
  loadTest: LoadTestOptions | null;
  /** The database, as the app server of the load test must be told. */
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };
  command: string;
  log: (line: string) => void;
};

export const ROLES: TenantRole[] = ["largest", "middle", "small"];

export class BenchRefused extends Error {
  override name = "BenchRefused";
}

/**
 * The whole benchmark: checks the database may be filled, generates and loads the rows, builds
 * the indexes the way a user does, measures every case beside the specification's way, runs the
 * load test against the production build, and writes the report. `open` is called once; the
 * connection is closed before the app server starts (PGlite is one process per folder).
 */
export async function runBenchmark(open: () => Promise<Connection>, options: BenchOptions): Promise<BenchResults> {
  const { log } = options;
  const startedAt = new Date();
  const layout = benchLayout(options.rows, options.seed);
  const conn = await open();
  let closed = false;
  let results: BenchResults;
  try {
    const state = await inspectTarget(conn);
    if (state.hasRows && !state.marker && !options.reset) {
      throw new BenchRefused(
        "memory_logs already holds memories the benchmark did not make. Point DATABASE_URL (or --dir) at a database of its own, or add --reset to delete them.",
      );
    }
    await runMigrations(conn);
    const data = await ensureData(conn, layout, options, state);
    const database = await databaseFacts(conn);

    const ctx: MeasureContext = {
      conn,
      runs: options.runs,
      heavyRuns: options.heavyRuns,
      warmup: options.warmup,
      seed: options.seed,
      log,
    };
    const cases: CaseResult[] = [];
    log(`Measuring: ${options.runs} runs per case (${options.heavyRuns} for export, delete and restore)…`);
    const only = options.searchGridOnly;
    if (!only) cases.push(...(await measureOverview(ctx, layout.measured.largest.projectId)));
    const plans = {} as Record<TenantRole, TenantPlan>;
    for (const role of ROLES) {
      const t = layout.measured[role];
      log(`Tenant ${role}: ${t.userId} of ${t.projectId}, ${t.rows.toLocaleString("en-US")} rows`);
      plans[role] = await planTenant(ctx, role, { projectId: t.projectId, userId: t.userId });
      data.measured[role] = {
        projectId: t.projectId,
        userId: t.userId,
        rows: plans[role].facts.rows,
        embedded: plans[role].facts.embedded,
      };
      if (!only) cases.push(...(await measureTenant(ctx, plans[role])));
      cases.push(...(await measureSearchGrid(ctx, plans[role])));
    }
    let history: BenchResults["history"] = null;
    if (!only) {
      cases.push(await measureExport(ctx, plans.largest, options.exportRows));
      cases.push(...(await measureDeleteRestore(ctx, plans.largest, options.deleteRows)));
      log("Memory history: the same writes with history on and off…");
      history = await measureHistoryCost(ctx, plans.largest, options.historyRows);
    }

    let load: BenchResults["load"] = null;
    if (options.loadTest && !only) {
      const credentials = await loadTestCredentials(conn.db, options.loadTest.clients);
      await conn.close();
      closed = true;
      load = await appLoadTest(options, options.loadTest, plans, credentials);
    }
    results = {
      command: options.command,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: machineFacts(),
      database,
      data,
      runs: { runs: options.runs, heavyRuns: options.heavyRuns, warmup: options.warmup, seed: options.seed },
      cases,
      history,
      load,
    };
  } finally {
    if (!closed) await conn.close();
  }

  log("");
  log(consoleTables(results));
  if (options.reportPath) {
    fs.mkdirSync(path.dirname(options.reportPath), { recursive: true });
    writeReportKeepingInteractions(options.reportPath, renderReport(results));
    log("");
    log(`Report written to ${options.reportPath}`);
  }
  return results;
}

async function ensureData(
  conn: Connection,
  layout: BenchLayout,
  options: BenchOptions,
  state: TargetState,
): Promise<DataFacts> {
  const { log } = options;
  const facts = (marker: BenchMarker, reused: boolean): DataFacts => ({
    rows: layout.rows,
    tenants: layout.tenants.length,
    projects: new Set(layout.tenants.map((t) => t.projectId)).size,
    measured: {} as DataFacts["measured"],
    reused,
    generatedAt: marker.createdAt,
    loadMs: marker.loadMs ?? null,
    chunkRows: options.chunkRows,
    indexes: marker.indexes ?? [],
    vacuumMs: marker.vacuumMs ?? null,
  });

  const old = state.marker;
  if (
    options.reuse &&
    old?.state === "ready" &&
    old.rows === layout.rows &&
    old.seed === options.seed &&
    (await tableRows(conn)) === layout.rows
  ) {
    log(`Reusing the ${layout.rows.toLocaleString("en-US")} rows generated on ${old.createdAt}.`);
    const built = await buildMissingIndexes(conn.db);
    if (built.length) log(`  built missing indexes: ${built.join(", ")}`);
    await measureRecalls(conn, log);
    return facts(old, true);
  }

  const marker: BenchMarker = {
    rows: layout.rows,
    seed: options.seed,
    state: "loading",
    createdAt: new Date().toISOString(),
  };
  await writeMarker(conn, marker);
  log(
    `Generating ${layout.rows.toLocaleString("en-US")} memories for ${layout.tenants.length.toLocaleString("en-US")} tenants…`,
  );
  await emptyForLoad(conn);
  await prepareGenerator(conn, layout, options.seed);
  const started = performance.now();
  for (let start = 0; start < layout.rows; start += options.chunkRows) {
    const end = Math.min(layout.rows, start + options.chunkRows);
    await insertChunk(conn, { start, end, total: layout.rows }, options.seed);
    const elapsed = (performance.now() - started) / 1000;
    const rate = end / elapsed;
    log(
      `  ${end.toLocaleString("en-US")} rows, ${elapsed.toFixed(1)} s, ${Math.round(rate).toLocaleString("en-US")} rows/s${end < layout.rows ? `, about ${Math.ceil((layout.rows - end) / rate)} s to go` : ""}`,
    );
  }
  marker.loadMs = performance.now() - started;
  await dropGeneratorSchema(conn);

  const indexes: IndexBuild[] = [];
  log("Building the specification's indexes…");
  await createSpecIndexes(conn, (name, ms) => {
    indexes.push({ name, ms, by: "specification's DDL" });
    log(`  ${name} ${(ms / 1000).toFixed(1)} s`);
  });
  log("Building the recommended indexes (npm run db:indexes)…");
  await buildMissingIndexes(conn.db, (name, phase, ms) => {
    if (phase !== "done") return;
    indexes.push({ name, ms: ms ?? 0, by: "db:indexes, concurrently" });
    log(`  ${name} ${((ms ?? 0) / 1000).toFixed(1)} s`);
  });
  await measureRecalls(conn, log);
  const vacuumStarted = performance.now();
  await vacuumAnalyze(conn);
  marker.vacuumMs = performance.now() - vacuumStarted;
  marker.indexes = indexes;
  marker.state = "ready";
  await writeMarker(conn, marker);
  return facts(marker, false);
}

/** 50 clients on the JSON API's memory list, then on the memory browser page, against `next start`. */
async function appLoadTest(
  options: BenchOptions,
  load: LoadTestOptions,
  plans: Record<TenantRole, TenantPlan>,
  credentials: LoadCredentials,
): Promise<NonNullable<BenchResults["load"]>> {
  const { log } = options;
  const env: NodeJS.ProcessEnv =
    options.database.kind === "postgres"
      ? { ...process.env, DATABASE_URL: options.database.url, PGLITE_DIR: "" }
      : { ...process.env, DATABASE_URL: "", PGLITE_DIR: options.database.dir };
  let buildMs: number | null = null;
  if (load.build || !hasBuild()) {
    log("Building the app (next build)…");
    buildMs = await buildApp(env, log);
    log(`  built in ${(buildMs / 1000).toFixed(1)} s`);
  }
  const app = await startApp(env, { port: await freePort() });
  try {
    const apiUrls = ROLES.flatMap((role) => {
      const plan = plans[role];
      const base = `${app.baseUrl}${apiMemoriesPath(plan.tenant)}`;
      const tag = plan.filters.find((f) => f.id === "tag")!.ours.tags[0]!;
      const component = plan.filters.find((f) => f.id === "component")!.ours.components[0]!;
      return [
        base,
        `${base}?page=2`,
        `${base}?tag=${encodeURIComponent(tag)}`,
        `${base}?component=${encodeURIComponent(component)}`,
      ];
    });
    const pageUrls = ROLES.flatMap((role) => [
      `${app.baseUrl}${tenantPath(plans[role].tenant)}`,
      `${app.baseUrl}${tenantPath(plans[role].tenant)}?page=2`,
    ]);
    const apiHeaders = (client: number) => ({
      authorization: `Bearer ${credentials.tokens[client % credentials.tokens.length]}`,
    });
    const pageHeaders = { cookie: credentials.cookie };
    // Warm up: the first request of each route loads its code.
    for (const url of apiUrls) await fetch(url, { headers: apiHeaders(0) }).then((r) => r.arrayBuffer());
    for (const url of pageUrls) await fetch(url, { headers: pageHeaders }).then((r) => r.arrayBuffer());

    const limits = { clients: load.clients, durationMs: load.durationSeconds * 1000, maxRequests: load.maxRequests };
    // CPU per request of the server and of the clients, to show what bounds the throughput on this machine.
    const run = async (target: LoadTarget) => {
      const [appBefore, clientBefore] = [app.cpuSeconds(), process.cpuUsage()];
      const result = await loadTest(target, limits);
      const [appAfter, client] = [app.cpuSeconds(), process.cpuUsage(clientBefore)];
      const perRequest = (ms: number) => (result.requests ? ms / result.requests : null);
      return {
        ...result,
        appCpuMsPerRequest: appBefore !== null && appAfter !== null ? perRequest((appAfter - appBefore) * 1000) : null,
        clientCpuMsPerRequest: perRequest((client.user + client.system) / 1000),
      };
    };
    const phases: LoadPhase[] = [];
    log(`Load test: ${load.clients} clients on the JSON API for up to ${load.durationSeconds} s…`);
    const api = await run({ name: "JSON API: memory list", urls: apiUrls, headers: apiHeaders });
    phases.push({
      ...api,
      target: LOAD_TARGETS.api,
      met: api.errors === 0 && api.latency.p95 <= LOAD_TARGETS.api.p95Ms,
    });
    log(
      `Load test: ${load.clients} clients on the JSON API without credentials (refused at once) for up to ${load.durationSeconds} s…`,
    );
    const refused = await run({
      name: "Baseline: the same API calls without credentials (401, no database work)",
      urls: apiUrls,
      expectStatus: 401,
    });
    phases.push({ ...refused, target: null, met: null });
    log(`Load test: ${load.clients} clients on the memory browser page for up to ${load.durationSeconds} s…`);
    const page = await run({ name: "Browser page: memory browser", urls: pageUrls, headers: pageHeaders });
    phases.push({ ...page, target: LOAD_TARGETS.page, met: page.errors === 0 });
    return { buildMs, durationSeconds: load.durationSeconds, maxRequests: load.maxRequests, phases };
  } catch (error) {
    log(app.output().slice(-20).join("\n"));
    throw error;
  } finally {
    await app.stop();
  }
}

/** What the app does after building: measure each tenant index's recall@10 (db/queries/vector-index-recall.ts). */
async function measureRecalls(conn: Connection, log: BenchOptions["log"]): Promise<void> {
  log("Measuring the recall of the tenant vector indexes…");
  await measureStaleRecalls(conn.db, (tenant, recall) =>
    log(
      `  ${tenant.projectId}/${tenant.userId}: recall@10 ${recall ? recall.recall.toFixed(3) : "–"} at ef_search ${recall?.efSearch ?? "none (exact)"}`,
    ),
  );
}
