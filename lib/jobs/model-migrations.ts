import "server-only";
import { AppError, conflict, invalid, notFound } from "@/db/app-error";
import type { Database } from "@/db/client";
import { enqueueJob, getJob } from "@/db/queries/jobs";
import { countNotEmbeddedBy } from "@/db/queries/memory-embedders";
import { listProjectUsers } from "@/db/queries/users";
import type { Job } from "@/db/schema";
import type { Tenant } from "@/db/tenant";
import { embedderNamed } from "../embedding/available";
import { revertChange } from "../memory-operations";
import { modelMigration } from "./model-migration";
import { wakeJobRunner } from "./runner";

/** Queues the re-embedding of the tenant's vectors with `embedder`; refuses when there is nothing to move. */
export async function startModelMigration(
  tenant: Tenant,
  embedder: string,
  by: string | null,
  db?: Database,
): Promise<Job> {
  if (!embedderNamed(embedder)) throw invalid("embedder", `${embedder} is not an embedder configured on this server.`);
  const pending = await countNotEmbeddedBy(tenant, embedder, db);
  if (pending === 0) throw conflict(`Every vector of ${tenant.userId} was already written by ${embedder}.`);
  const job = await enqueueJob(tenant, { kind: modelMigration.kind, params: { embedder }, createdBy: by }, db);
  wakeJobRunner();
  return job;
}

/**
 * Puts back the vectors a model migration replaced, with their embedders, as one revert of the
 * job's operation. A migration still running is cancelled first by the caller.
 */
export async function revertModelMigration(tenant: Tenant, jobId: number, by: string | null, db?: Database) {
  const job = await getJob(tenant.projectId, jobId, db);
  if (!job || job.userId !== tenant.userId || job.kind !== modelMigration.kind) throw notFound(`Job ${jobId}`);
  if (job.state === "queued" || job.state === "running")
    throw conflict(`Job ${jobId} is still ${job.state}: cancel it first, then revert what it did.`);
  return revertChange(tenant, job.operation, { by, db });
}

/**
 * Queues a migration of every user of the project, one job per user (run one after another).
 * A user with nothing to move, or already migrating, is skipped and named.
 */
export async function startProjectMigration(
  projectId: string,
  embedder: string,
  by: string | null,
  db?: Database,
): Promise<{ started: number; skipped: { userId: string; reason: string }[] }> {
  if (!embedderNamed(embedder)) throw invalid("embedder", `${embedder} is not an embedder configured on this server.`);
  const users = await listProjectUsers(projectId, db);
  if (users.length === 0) throw notFound(`Project ${projectId}`);
  let started = 0;
  const skipped: { userId: string; reason: string }[] = [];
  for (const { userId } of users) {
    try {
      await startModelMigration({ projectId, userId }, embedder, by, db);
      started++;
    } catch (error) {
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
      skipped.push({ userId, reason: error.message });
    }
  }
  return { started, skipped };
}
