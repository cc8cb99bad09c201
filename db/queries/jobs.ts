import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { conflict } from "../app-error";
import { type Database, getDb } from "../client";
import { type Job, jobs } from "../schema";
import type { Tenant } from "../tenant";

const ACTIVE = ["queued", "running"] as const;

/**
 * Queues a job of `kind` for the tenant. Refuses with a conflict while one of the same kind is
 * queued or running for it (the partial unique index decides, so two requests cannot both win).
 */
export async function enqueueJob(
  tenant: Tenant,
  input: { kind: string; params: Record<string, unknown>; createdBy: string | null },
  db?: Database,
): Promise<Job> {
  const conn = db ?? (await getDb());
  const [job] = await conn
    .insert(jobs)
    .values({ ...input, projectId: tenant.projectId, userId: tenant.userId, operation: randomUUID() })
    .onConflictDoNothing()
    .returning();
  if (!job)
    throw conflict(`A ${input.kind} job of ${tenant.userId} is already queued or running: wait for it or cancel it.`);
  return job;
}

/**
 * Takes the oldest job that is queued, or running without a heartbeat for `staleMs` (its process
 * died), and marks it running for this run. SKIP LOCKED lets several app processes share the queue.
 */
export async function claimJob(staleMs: number, db?: Database): Promise<Job | null> {
  const conn = db ?? (await getDb());
  const [job] = await conn
    .update(jobs)
    .set({
      state: "running",
      startedAt: sql`coalesce(${jobs.startedAt}, now())`,
      runStartedAt: sql`now()`,
      runStartDone: sql`${jobs.done}`,
      heartbeatAt: sql`now()`,
    })
    .where(
      eq(
        jobs.id,
        sql`(select id from ${jobs}
              where state = 'queued'
                 or (state = 'running' and heartbeat_at < now() - make_interval(secs => ${staleMs / 1000}))
              order by id limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return job ?? null;
}

/** Saves a running job's progress and heartbeat; answers whether someone asked to cancel it. */
export async function saveJobProgress(
  id: number,
  progress: { done: number; total: number | null; cursor: unknown },
  db?: Database,
): Promise<{ running: boolean; cancelRequested: boolean }> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .update(jobs)
    .set({ ...progress, cursor: progress.cursor ?? null, heartbeatAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.state, "running")))
    .returning({ cancelRequested: jobs.cancelRequested });
  // A job no longer running (cancelled while queued, finished elsewhere) is left as it is.
  return { running: row !== undefined, cancelRequested: row?.cancelRequested ?? true };
}

/** Tells other processes that this running job is alive (during a long step). */
export async function beatJob(id: number, db?: Database): Promise<void> {
  const conn = db ?? (await getDb());
  await conn
    .update(jobs)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.state, "running")));
}

export async function finishJob(
  id: number,
  outcome: { state: "done" | "failed" | "cancelled"; error?: string },
  db?: Database,
): Promise<void> {
  const conn = db ?? (await getDb());
  await conn
    .update(jobs)
    .set({ state: outcome.state, error: outcome.error ?? null, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    // Only a running job ends: one cancelled or finished meanwhile keeps its state.
    .where(and(eq(jobs.id, id), eq(jobs.state, "running")));
}

/** Cancels a job of the tenant: at once when it is queued, at its next step when it runs. */
export async function cancelJob(tenant: Tenant, id: number, db?: Database): Promise<Job | null> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .update(jobs)
    .set({
      cancelRequested: true,
      state: sql`case when ${jobs.state} = 'queued' then 'cancelled' else ${jobs.state} end`,
      finishedAt: sql`case when ${jobs.state} = 'queued' then now() else ${jobs.finishedAt} end`,
    })
    .where(
      and(
        eq(jobs.projectId, tenant.projectId),
        eq(jobs.userId, tenant.userId),
        eq(jobs.id, id),
        inArray(jobs.state, [...ACTIVE]),
      ),
    )
    .returning();
  return row ?? null;
}

export async function getJob(projectId: string, id: number, db?: Database): Promise<Job | null> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select()
    .from(jobs)
    .where(and(eq(jobs.projectId, projectId), eq(jobs.id, id)));
  return row ?? null;
}

/** The project's jobs (or one user's), newest first. */
export async function listJobs(
  projectId: string,
  options: { userId?: string; kind?: string; limit?: number } = {},
  db?: Database,
): Promise<Job[]> {
  const conn = db ?? (await getDb());
  return conn
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.projectId, projectId),
        options.userId === undefined ? undefined : eq(jobs.userId, options.userId),
        options.kind === undefined ? undefined : eq(jobs.kind, options.kind),
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(options.limit ?? 100);
}
