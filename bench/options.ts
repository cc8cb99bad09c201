import path from "node:path";
import { parseArgs } from "node:util";
import type { BenchOptions } from "./run";

export const BENCH_USAGE = `usage: npm run bench -- [options]

  Against DATABASE_URL when it is set, else an embedded database in --dir.

  --rows N            memories to generate (default 1,000,000 on PostgreSQL, 50,000 embedded)
  --runs N            timed runs per case (default 50)
  --heavy-runs N      timed runs of export, delete and restore (default: --runs)
  --warmup N          untimed runs before each case (default 2)
  --seed N            seed of the generated data and of the queries (default 20261101)
  --reuse             keep the rows of an earlier run of the same --rows and --seed
  --reset             replace memories the benchmark did not make (deletes them!)
  --dir PATH          embedded database folder (default .data/bench; never the app's)
  --report PATH       where to write the report (default docs/benchmarks.md)
  --no-report         print only
  --load-test         also build the app and load-test it (50 clients, 60 s per phase)
  --clients N         load-test clients (default 50)
  --duration S        seconds per load-test phase (default 60)
  --max-requests N    requests per load-test phase at most (default 200,000)
  --no-build          load-test the existing build in .next-bench
  --search-grid-only  measure only the search grid (every filter mix by both metrics); prints it, and
                      writes a report only with --report
`;

export const BENCH_PGLITE_DIR = ".data/bench";

type Parsed = Omit<BenchOptions, "log" | "command">;

/** Reads the command line (and DATABASE_URL) into options; throws an Error with a message for the user. */
export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Parsed | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      rows: { type: "string" },
      runs: { type: "string", default: "50" },
      "heavy-runs": { type: "string" },
      warmup: { type: "string", default: "2" },
      seed: { type: "string", default: "20261101" },
      "chunk-rows": { type: "string", default: "25000" },
      reuse: { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      dir: { type: "string", default: BENCH_PGLITE_DIR },
      report: { type: "string" },
      "no-report": { type: "boolean", default: false },
      "load-test": { type: "boolean", default: false },
      clients: { type: "string", default: "50" },
      duration: { type: "string", default: "60" },
      "max-requests": { type: "string", default: "200000" },
      "no-build": { type: "boolean", default: false },
      "search-grid-only": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return "help";
  const url = env.DATABASE_URL?.trim();
  const whole = (name: string, raw: string | undefined, min: number): number => {
    const n = Number(raw?.replace(/_/g, ""));
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}.`);
    return n;
  };
  const runs = whole("runs", values.runs, 1);
  return {
    rows: whole("rows", values.rows ?? (url ? "1000000" : "50000"), 1000),
    runs,
    heavyRuns: values["heavy-runs"] === undefined ? runs : whole("heavy-runs", values["heavy-runs"], 1),
    warmup: whole("warmup", values.warmup, 0),
    seed: whole("seed", values.seed, 1),
    chunkRows: whole("chunk-rows", values["chunk-rows"], 100),
    reuse: values.reuse,
    reset: values.reset,
    exportRows: 100_000,
    deleteRows: 10_000,
    historyRows: 1_000,
    // A grid-only run is part of a report: it writes one only where it is told to.
    reportPath:
      values["no-report"] || (values["search-grid-only"] && values.report === undefined)
        ? null
        : path.resolve(values.report ?? "docs/benchmarks.md"),
    searchGridOnly: values["search-grid-only"],
    loadTest: values["load-test"]
      ? {
          clients: whole("clients", values.clients, 1),
          durationSeconds: whole("duration", values.duration, 1),
          maxRequests: whole("max-requests", values["max-requests"], 1),
          build: !values["no-build"],
        }
      : null,
    database: url ? { kind: "postgres", url } : { kind: "pglite", dir: path.resolve(values.dir) },
  };
}
