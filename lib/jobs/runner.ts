import "server-only";
import { type Database, getConnection } from "@/db/client";
import { beatJob, claimJob, finishJob, saveJobProgress } from "@/db/queries/jobs";
import type { Job } from "@/db/schema";
import type { JobProgress } from "./kind";
import { jobKind } from "./kinds";

/** A running job whose heartbeat is this old was left by a process that died. */
export const STALE_JOB_MS = 30_000;
const POLL_MS = 2_000;
const BEAT_MS = 5_000;

type RunOptions = {
  db?: Database;
  staleMs?: number;
  /** Stops between two steps, leaving the job running for the next run (a shutdown). */
  signal?: AbortSignal;
  onProgress?: (job: Job, progress: JobProgress) => void;
};

/** Claims the next job and runs it until it is done, fails, is cancelled or `signal` stops it. */
export async function runNextJob(options: RunOptions = {}): Promise<Job | null> {
  let db = options.db;
  let staleMs = options.staleMs ?? STALE_JOB_MS;
  if (!db) {
    const conn = await getConnection();
    db = conn.db;
    // The embedded database has one process: a job it shows running was left by the last one.
    if (conn.kind === "pglite" && options.staleMs === undefined) staleMs = 0;
  }
  const job = await claimJob(staleMs, db);
  if (job) await run(job, db, options);
  return job;
}

async function run(job: Job, db: Database, options: RunOptions): Promise<void> {
  const kind = jobKind(job.kind);
  const params = kind?.params.safeParse(job.params);
  if (!kind || !params?.success) {
    await finishJob(job.id, { state: "failed", error: `Unknown job (${job.kind}) or parameters.` }, db);
    return;
  }
  const context = { job, tenant: { projectId: job.projectId, userId: job.userId }, db };
  if (job.cancelRequested) {
    // Cancelled while its process was down: it ends without another step.
    await finishJob(job.id, { state: "cancelled" }, db);
    return;
  }
  let progress: JobProgress = { done: job.done, total: job.total, cursor: job.cursor };
  for (;;) {
    if (options.signal?.aborted) return;
    // A step may wait long on a remote embedder: keep beating, so no other process takes the job over.
    const beat = setInterval(() => void beatJob(job.id, db).catch(() => {}), BEAT_MS);
    beat.unref();
    try {
      const { finished, ...next } = await kind.step(context, params.data, progress);
      clearInterval(beat);
      progress = next;
      const { running, cancelRequested } = await saveJobProgress(job.id, progress, db);
      if (!running) return;
      options.onProgress?.(job, progress);
      if (finished) {
        await kind.finished?.(context, params.data, progress);
        await finishJob(job.id, { state: "done" }, db);
        return;
      }
      if (cancelRequested) {
        await finishJob(job.id, { state: "cancelled" }, db);
        return;
      }
    } catch (error) {
      clearInterval(beat);
      console.error(`[jobs] job ${job.id} (${job.kind}) failed:`, error);
      await finishJob(job.id, { state: "failed", error: message(error) }, db);
      return;
    }
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

const holder = globalThis as typeof globalThis & { __semantixJobs?: { wake: () => void } };

/** Runs queued jobs one after another for as long as the process lives. */
export function startJobRunner(): void {
  if (holder.__semantixJobs) return;
  let wake = () => {};
  holder.__semantixJobs = { wake: () => wake() };
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  void (async () => {
    for (;;) {
      try {
        if (!(await runNextJob())) await idle();
      } catch (error) {
        console.error("[jobs] the runner could not reach the database:", message(error));
        await idle();
      }
    }
  })();
}

/** Starts a job just queued without waiting for the next poll. */
export function wakeJobRunner(): void {
  holder.__semantixJobs?.wake();
}
