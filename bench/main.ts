import { redact } from "@/cli/with-connection";
import { openPglite, openPostgres } from "@/db/connect";
import { BENCH_USAGE, parseBenchArgs } from "./options";
import { BenchRefused, runBenchmark } from "./run";

// npm run bench -- [--rows N] [--runs N] [--load-test] …: see bench/options.ts or --help.
let options: ReturnType<typeof parseBenchArgs>;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${BENCH_USAGE}`);
  process.exit(2);
}
if (options === "help") {
  console.log(BENCH_USAGE);
  process.exit(0);
}

const database = options.database;
const where =
  database.kind === "postgres" ? `PostgreSQL at ${redact(database.url)}` : `the embedded database in ${database.dir}`;
console.log(`Benchmark on ${where}`);
try {
  await runBenchmark(() => (database.kind === "postgres" ? openPostgres(database.url) : openPglite(database.dir)), {
    ...options,
    command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
    log: (line) => console.log(line),
  });
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.DEBUG && !(error instanceof BenchRefused)) console.error(error);
  process.exitCode = 1;
}
