import "server-only";
import { z } from "zod";
import { recordAudit } from "@/db/queries/audit";
import { countNotEmbeddedBy, notEmbeddedBy } from "@/db/queries/memory-embedders";
import { embedderNamed } from "../embedding/available";
import { reembedRows } from "../memory-operations";
import type { JobKind } from "./kind";

const BATCH = 50;

const cursorSchema = z
  .object({ afterId: z.number().int(), pass: z.number().int().default(1) })
  .nullable()
  .catch(null);
/** Passes over the user: a memory edited while its batch was embedded is taken again by the next one. */
const PASSES = 3;

/**
 * Re-embeds every memory of a user whose vector another embedder wrote (or one nobody named)
 * with `embedder`, in id order, 50 a step. Every write is filed under the job's operation, so
 * the history keeps the previous vectors and the audit log reverts the whole migration at once.
 */
export const modelMigration: JobKind<{ embedder: string }> = {
  kind: "model-migration",
  label: "Model migration",
  params: z.object({ embedder: z.string().min(1).max(300) }),

  async step({ job, tenant, db }, { embedder: name }, progress) {
    const embedder = embedderNamed(name);
    if (!embedder) throw new Error(`The embedder ${name} is not configured on this server any more.`);
    const total = progress.total ?? (await countNotEmbeddedBy(tenant, name, db));
    const cursor = cursorSchema.parse(progress.cursor);
    const afterId = cursor?.afterId ?? 0;
    const pass = cursor?.pass ?? 1;
    const rows = await notEmbeddedBy(tenant, name, afterId, BATCH, db);
    if (rows.length === 0) {
      const again = pass < PASSES && afterId > 0 && (await countNotEmbeddedBy(tenant, name, db)) > 0;
      if (again) return { done: progress.done, total, cursor: { afterId: 0, pass: pass + 1 }, finished: false };
      return { done: progress.done, total, cursor: progress.cursor, finished: true };
    }
    await reembedRows(tenant, rows, embedder, { db, by: job.createdBy, operation: job.operation });
    return {
      done: progress.done + rows.length,
      total: Math.max(total, progress.done + rows.length),
      cursor: { afterId: rows.at(-1)!.id, pass },
      finished: false,
    };
  },

  async finished({ job, tenant, db }, { embedder }, progress) {
    await recordAudit(
      tenant,
      job.createdBy,
      { action: "re-embed", count: progress.done, details: { operation: job.operation, embedder, job: job.id } },
      db,
    );
  },
};
