import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * The production build of the dashboard, run for the load test: `next build` into its own folder
 * (so a running `next dev` or the browser tests' builds are never touched), then `next start`
 * on a free loopback port against the benchmark's database.
 */
export const BENCH_DIST_DIR = ".next-bench";

const nextBin = () => path.resolve("node_modules", "next", "dist", "bin", "next");

export async function buildApp(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const tsconfig = readIfExists("tsconfig.json");
  const output: string[] = [];
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [nextBin(), "build"], {
        env: { ...env, NEXT_DIST_DIR: BENCH_DIST_DIR },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const keep = (chunk: Buffer) => output.push(...chunk.toString().split("\n").filter(Boolean));
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-30).join("\n")}`);
  } finally {
    if (tsconfig !== null) undoTsconfigEntries(tsconfig, log);
  }
  return performance.now() - started;
}

/**
 * `next build` with another distDir adds that folder's type globs to tsconfig.json; take exactly
 * those back out, and only when nothing else in the file changed meanwhile.
 */
function undoTsconfigEntries(before: string, log: (line: string) => void): void {
  const after = readIfExists("tsconfig.json");
  if (after === null || after === before) return;
  try {
    const parsed = JSON.parse(after) as { include?: string[] };
    parsed.include = parsed.include?.filter((entry) => !entry.startsWith(`${BENCH_DIST_DIR}/`));
    if (JSON.stringify(parsed) === JSON.stringify(JSON.parse(before))) fs.writeFileSync("tsconfig.json", before);
    else log(`note: tsconfig.json changed during the build; left as it is`);
  } catch {
    log(`note: tsconfig.json changed during the build; left as it is`);
  }
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

export function hasBuild(): boolean {
  return fs.existsSync(path.join(BENCH_DIST_DIR, "BUILD_ID"));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}

export type RunningApp = {
  baseUrl: string;
  stop(): Promise<void>;
  output(): string[];
  /** CPU seconds the server process has used so far (all its threads); null where /proc is not there to tell. */
  cpuSeconds(): number | null;
};

/** Starts `next start` and waits until /api/health answers (the database is open and migrated). */
export async function startApp(
  env: NodeJS.ProcessEnv,
  options: { port: number; timeoutMs?: number },
): Promise<RunningApp> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin(), "start", "--port", String(options.port), "--hostname", "127.0.0.1"],
    {
      env: { ...env, NODE_ENV: "production", NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split("\n").filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  const closed = new Promise<void>((resolve) =>
    child.on("close", () => {
      exited = true;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await closed;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`next start exited before it was ready:\n${output.slice(-20).join("\n")}`);
    const status = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200)
      return { baseUrl, stop, output: () => [...output], cpuSeconds: () => processCpuSeconds(child.pid) };
    if (status >= 400) {
      await stop();
      throw new Error(`the app's health check answered ${status}:\n${output.slice(-20).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(
    `the app did not answer /api/health within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s:\n${output.slice(-20).join("\n")}`,
  );
}

/** User and system time of a process from /proc/<pid>/stat (Linux; clock ticks of 1/100 s). */
function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
