import type { HistoryCost } from "./cases/history";
import type { TenantRole } from "./layout";
import type { LoadResult } from "./load/load-test";
import type { CaseResult, MemoryUse } from "./measure";
import type { DatabaseFacts, MachineFacts } from "./sql/probe";

export type IndexBuild = { name: string; ms: number; by: string };

export type DataFacts = {
  rows: number;
  tenants: number;
  projects: number;
  measured: Record<TenantRole, { projectId: string; userId: string; rows: number; embedded: number }>;
  /** True when the rows came from an earlier run (`--reuse`): the load figures are that run's. */
  reused: boolean;
  generatedAt: string;
  loadMs: number | null;
  chunkRows: number;
  indexes: IndexBuild[];
  vacuumMs: number | null;
};

export type LoadPhase = LoadResult & {
  target: { label: string; p95Ms?: number } | null;
  met: boolean | null;
  /** CPU time of the server process (all threads) per answered request; null where it cannot be read. */
  appCpuMsPerRequest: number | null;
  /** CPU time of the benchmark process (the clients) per answered request. */
  clientCpuMsPerRequest: number | null;
};

export type BenchResults = {
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: MachineFacts;
  database: DatabaseFacts;
  data: DataFacts;
  runs: { runs: number; heavyRuns: number; warmup: number; seed: number };
  cases: CaseResult[];
  /** Writes timed with memory history on and off; null in reports written before it was measured. */
  history: HistoryCost | null;
  load: { buildMs: number | null; durationSeconds: number; maxRequests: number; phases: LoadPhase[] } | null;
};

export const LOAD_TARGETS = {
  api: { label: "no errors, p95 ≤ 100 ms", p95Ms: 100 },
  page: { label: "no errors", p95Ms: undefined },
} as const;

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? "—" : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
const seconds = (n: number | null) => (n === null ? "—" : `${(n / 1000).toFixed(1)} s`);
const mb = (n: number) => `${n.toFixed(0)} MB`;
const bytes = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(2)} GB` : `${(n / 2 ** 20).toFixed(0)} MB`);
const ratio = (r: number) => `${r >= 10 ? r.toFixed(0) : r >= 0.1 ? r.toFixed(1) : r.toFixed(2)}×`;
const met = (m: boolean | null) => (m === null ? "—" : m ? "yes" : "**no**");
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

function databaseName(db: DatabaseFacts): string {
  const engine = db.kind === "pglite" ? `PGlite (embedded PostgreSQL ${db.version})` : `PostgreSQL ${db.version}`;
  return `${engine}, pgvector ${db.pgvector ?? "missing"}`;
}

export function resultsTable(cases: CaseResult[]): string {
  return table(
    ["Case", "Tenant", "What", "Ours p50", "Ours p95", "Spec p50", "Spec p95", "Spec ÷ ours (p95)", "Target", "Met"],
    cases.map((c) => [
      c.title,
      c.tenant ?? "all",
      c.specNote ? `${c.detail} (spec: ${c.specNote})` : c.detail,
      ms(c.ours.p50),
      ms(c.ours.p95),
      ms(c.spec?.p50),
      ms(c.spec?.p95),
      c.spec ? ratio(c.spec.p95 / c.ours.p95) : "—",
      c.target?.label ?? "—",
      met(c.met),
    ]),
  );
}

export function recallTable(cases: CaseResult[]): string {
  return table(
    ["Case", "Tenant", "Queries", "Ours recall@10", "Ours short answers", "Spec recall@10", "Spec short answers"],
    cases
      .filter((c) => c.recall)
      .map((c) => {
        const r = c.recall!;
        return [
          c.title,
          c.tenant ?? "all",
          String(r.queries),
          r.ours.toFixed(3),
          String(r.oursShort),
          r.spec === null ? "—" : r.spec.toFixed(3),
          r.specShort === null ? "—" : String(r.specShort),
        ];
      }),
  );
}

export function exportTable(cases: CaseResult[]): string {
  const use = (u: MemoryUse) => [
    count(u.rowsPerSecond),
    u.liveHeapMB === null ? "—" : mb(u.liveHeapMB),
    `${mb(u.peakHeapMB)} / ${mb(u.peakRssMB)}`,
  ];
  return table(
    [
      "Case",
      "Tenant",
      "Ours rows/s",
      "Ours held",
      "Ours peak heap / RSS",
      "Spec rows/s",
      "Spec held",
      "Spec peak heap / RSS",
      "Target",
      "Met",
    ],
    cases
      .filter((c) => c.exported)
      .map((c) => [
        c.title,
        c.tenant ?? "all",
        ...use(c.exported!.ours),
        ...use(c.exported!.spec),
        c.target?.label ?? "—",
        met(c.met),
      ]),
  );
}

export function loadTable(load: NonNullable<BenchResults["load"]>): string {
  return table(
    [
      "Endpoint",
      "Clients",
      "Seconds",
      "Requests",
      "Requests/s",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "Errors",
      "App CPU ms/request",
      "Client CPU ms/request",
      "Target",
      "Met",
    ],
    load.phases.map((p) => [
      p.name,
      String(p.clients),
      p.seconds.toFixed(1),
      count(p.requests),
      p.throughput.toFixed(1),
      ms(p.latency.p50),
      ms(p.latency.p95),
      ms(p.latency.p99),
      `${count(p.errors)}${p.errorSamples.length ? ` (${p.errorSamples.join("; ")})` : ""}`,
      p.appCpuMsPerRequest === null ? "—" : p.appCpuMsPerRequest.toFixed(2),
      p.clientCpuMsPerRequest === null ? "—" : p.clientCpuMsPerRequest.toFixed(2),
      p.target?.label ?? "—",
      met(p.met),
    ]),
  );
}

/**
 * For each phase that missed its latency target, what bounds it, from the run's own numbers: a
 * closed loop of n clients waits n ÷ throughput per request on average, and one server process
 * answers at most 1,000 ÷ (its CPU ms per request) requests a second.
 */
export function loadMisses(phases: LoadPhase[]): string[] {
  const baseline = phases.find((p) => p.target === null && p.appCpuMsPerRequest !== null);
  return phases
    .filter((p) => p.met === false && p.target?.p95Ms !== undefined && p.errors === 0 && p.appCpuMsPerRequest !== null)
    .flatMap((p) => [
      `${p.name}: ${p.clients} clients waiting for each answer wait ${p.clients} ÷ ${p.throughput.toFixed(0)} requests/s ≈ ${ms((p.clients / p.throughput) * 1000)} ms`,
      `per request on average; the server process spent ${p.appCpuMsPerRequest!.toFixed(2)} ms of CPU per request, which caps one process near`,
      `${(1000 / p.appCpuMsPerRequest!).toFixed(0)} requests/s.` +
        (baseline
          ? ` Refusing the same requests at once cost it ${baseline.appCpuMsPerRequest!.toFixed(2)} ms and still gave a p95 of ${ms(baseline.latency.p95)} ms${baseline.latency.p95 > p.target!.p95Ms! ? `, above the ${p.target!.p95Ms} ms target` : ""}.`
          : ""),
      "",
    ]);
}

export function historyTable(history: HistoryCost): string {
  const pct = (r: number) => (r >= 0 ? `${(r * 100).toFixed(0)}% slower` : `${(-r * 100).toFixed(0)}% faster`);
  const perSecond = (rows: number, p50: number) => count(rows / (p50 / 1000));
  return table(
    [
      "Case",
      "What",
      "On p50",
      "On p95",
      "Off p50",
      "Off p95",
      "Rows/s on",
      "Rows/s off",
      "History on",
      "Target",
      "Met",
    ],
    history.cases.map((c) => [
      c.title,
      c.detail,
      ms(c.on.p50),
      ms(c.on.p95),
      ms(c.off.p50),
      ms(c.off.p95),
      perSecond(c.rows, c.on.p50),
      perSecond(c.rows, c.off.p50),
      pct(c.slower),
      c.target?.label ?? "—",
      met(c.met),
    ]),
  );
}

function storageLine(history: HistoryCost, database: DatabaseFacts, rows: number): string {
  const { storage } = history;
  const perRow = database.tableBytes / rows;
  return `Storage: the ${count(storage.versions)} versions kept while measuring grew \`memory_versions\` (heap, TOAST and indexes) by ${storage.bytes >= 2 ** 20 ? bytes(storage.bytes) : `${count(storage.bytes / 1024)} kB`}, ${count(storage.bytesPerVersion)} bytes per version; a row of \`memory_logs\` takes ${count(perRow)} bytes with its indexes.`;
}

/** The tables the command prints, exactly as the report has them. */
export function consoleTables(results: BenchResults): string {
  const parts = [resultsTable(results.cases), "", recallTable(results.cases), "", exportTable(results.cases)];
  if (results.history) parts.push("", historyTable(results.history));
  if (results.load) parts.push("", loadTable(results.load));
  return parts.join("\n");
}

function targetNote(results: BenchResults): string {
  const atTargetSize = results.database.kind === "postgres" && results.data.rows >= 1_000_000;
  return atTargetSize
    ? "Targets are the issue's for PostgreSQL at 1,000,000 rows on 2 cores."
    : `Targets are the issue's for PostgreSQL at 1,000,000 rows on 2 cores; this run is ${results.database.kind === "pglite" ? "on the embedded database" : "on PostgreSQL"} at ${count(results.data.rows)} rows, so they are shown for orientation only.`;
}

export function renderReport(results: BenchResults): string {
  const { machine, database, data } = results;
  const measured = (Object.entries(data.measured) as [TenantRole, DataFacts["measured"][TenantRole]][])
    .map(
      ([role, t]) =>
        `${role}: ${t.userId} of ${t.projectId} (${count(t.rows)} rows, ${count(t.embedded)} with embedding)`,
    )
    .join("; ");
  const indexSize = database.indexes.reduce((sum, i) => sum + i.bytes, 0);
  const settings = Object.entries(database.settings)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const loadLine =
    data.loadMs === null
      ? "—"
      : `${count(data.rows)} rows in ${seconds(data.loadMs)} (${count(data.rows / (data.loadMs / 1000))} rows/s): INSERT … SELECT of ${count(data.chunkRows)} rows at a time, generated in the database, into the table without secondary indexes${data.reused ? ` (done by the run of ${data.generatedAt}; this run reused the rows)` : ""}`;
  const indexLine = [
    ...data.indexes.map((i) => `${i.name} ${seconds(i.ms)} (${i.by})`),
    ...(data.vacuumMs !== null ? [`VACUUM (ANALYZE) ${seconds(data.vacuumMs)}`] : []),
  ].join("; ");
  const missed = results.cases.filter((c) => c.explain?.length);

  const lines = [
    "# Benchmarks",
    "",
    `Written by \`${results.command}\` from ${results.startedAt} to ${results.finishedAt}. Every number here is one the command printed.`,
    "",
    "## Machine and data",
    "",
    table(
      ["", ""],
      [
        ["CPU", `${machine.cpu}, ${machine.cores} cores`],
        ["Memory", bytes(machine.memoryBytes)],
        ["OS, Node", `${machine.os}, Node ${machine.node}`],
        ["Database", `${databaseName(database)}; ${settings}`],
        [
          "Data",
          `${count(data.rows)} memories of ${count(data.tenants)} tenants in ${data.projects} projects; memory_logs ${bytes(database.tableBytes)} (heap and TOAST ${bytes(database.heapBytes)}, indexes ${bytes(indexSize)})`,
        ],
        ["Tenants measured", measured],
        ["Load", loadLine],
        ["Index builds", indexLine || "—"],
        [
          "Runs",
          `${results.runs.runs} timed runs per case after ${results.runs.warmup} warm-up runs; export, delete and restore ${results.runs.heavyRuns} after ${Math.min(1, results.runs.warmup)}; seed ${results.runs.seed}`,
        ],
      ],
    ),
    "",
    "The data: one tenant holds 20% of the rows, ten hold 1% to 3% each, the rest belong to tenants of 100 to 500 rows; rows of",
    "all tenants interleave in insertion (and id) order, over two years. A memory's text is two sentences of the demo data on",
    "one component (up to 1,000 distinct texts per component, 20 components), with their tags, the component, entities, and",
    "nested `source` and `meta` fields; 5% of the rows have no embedding. Embeddings are a mixture of clusters: the local",
    "hashing embedder's vector of the text, moved by its sub-topic's offset, a random point of the sub-topic's",
    "8-dimensional subspace and a little noise, normalised to length 1; so neighbours share words and topic, and a search",
    "by text (embedded by the same local embedder) lands among them.",
    "",
    "## Results",
    "",
    "Milliseconds, timed in the benchmark process around each data-layer call (the functions the app's pages and API call,",
    "with no HTTP). *Spec* is the same work written the way the specification writes it (`SELECT *`, `ORDER BY created_at",
    "DESC LIMIT … OFFSET …`, its filter examples, its similarity query with ivfflat's default probes), on its three indexes",
    "only (the app's recommended indexes are dropped inside a transaction that is rolled back), in the same run.",
    targetNote(results),
    "",
    resultsTable(results.cases),
    "",
    "### Similarity search: recall@10",
    "",
    "Against the exact answer (index scans off), over the first queries of each case. A short answer has fewer rows than",
    "the tenant has candidates for (up to 10).",
    "",
    recallTable(results.cases),
    "",
    "### Export",
    "",
    "Rows per second of the median run. *Held*: the most JavaScript heap kept alive at once (measured after a full garbage",
    "collection while a batch, or the whole result, is held): what grows with the export's size if the memory is not flat.",
    `*Peak*: growth of the V8 heap (garbage included) and of the process's RSS over a run, the largest of all runs${database.kind === "pglite" ? "; the embedded database runs inside the same process, so its memory counts in RSS" : ""}.`,
    "",
    exportTable(results.cases),
    "",
  ];
  if (results.history) {
    lines.push(
      "### Cost of memory history",
      "",
      "The same writes of the largest tenant with memory history on (the database keeps the replaced row of every",
      "update and delete) and off (`MEMORY_HISTORY=off`), run by run in alternating order, milliseconds per run. Every row",
      "is put back after its run (untimed, history off) and the versions made here are removed afterwards.",
      "",
      historyTable(results.history),
      "",
      storageLine(results.history, database, data.rows),
      "",
    );
  }
  if (results.load) {
    lines.push(
      "## Load test",
      "",
      `The production build (\`next build\`${results.load.buildMs !== null ? `, ${seconds(results.load.buildMs)}` : ", reused"}) served by \`next start\` on loopback, against this`,
      `database; closed-loop clients on keep-alive connections, each phase up to ${results.load.durationSeconds} s or ${count(results.load.maxRequests)} requests. The API`,
      "phase lists memories (page 1, page 2, a tag, a component) of the three tenants with an API token per client; the page",
      "phase renders the memory browser (list and facets) of the three tenants with a session cookie. The baseline phase",
      "sends the API phase's requests without credentials: the server refuses each with 401 before any database work, so",
      "it shows what the server, the clients and the machine allow at best. Latency is measured by the client, from sending",
      "the request to the last byte of the answer. *App CPU*: CPU time of the `next start` process (all its threads) per",
      "answered request; *Client CPU*: the same for the benchmark process that runs the clients. The database's CPU is not",
      "counted in either. The app, the clients and the database share the machine's cores.",
      "",
      loadTable(results.load),
      "",
      ...loadMisses(results.load.phases),
    );
  } else {
    lines.push("## Load test", "", "Not run (add `--load-test`).", "");
  }
  if (missed.length) {
    lines.push(
      "## Where targets are missed: EXPLAIN (ANALYZE, BUFFERS)",
      "",
      "The app's statements for each case that missed its target, explained with the parameters of its first run.",
      "",
    );
    for (const c of missed) {
      lines.push(
        `<details><summary>${c.title} — ${c.tenant ?? "all"} (p95 ${ms(c.ours.p95)} ms; target ${c.target?.label ?? "—"})</summary>`,
        "",
      );
      for (const e of c.explain!) {
        lines.push("```sql", e.statement.trim(), "```", "", "```", ...e.plan, "```", "");
      }
      lines.push("</details>", "");
    }
  }
  return lines.join("\n");
}
