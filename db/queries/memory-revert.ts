import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Database, getDb } from "../client";
import { selectRows } from "../rows";
import type { Tenant } from "../tenant";
import { type WriteContext, writeAs } from "../write-context";

export type RevertResult = {
  /** Memories put back to their version from just before the operation. */
  reverted: number[];
  /** Memories changed (or deleted) since the operation: left as they are. */
  changedSince: number[];
};

/**
 * Undoes one app operation (a re-embed of many, an edit) on the tenant: every memory it replaced
 * goes back to its version from just before, raw_data and vector exactly, in one transaction.
 * A memory changed or deleted since is refused and listed, not overwritten. The revert is a
 * write like any other (`write` names it), so it is kept in the history and can be reverted too.
 */
export async function revertOperation(
  tenant: Tenant,
  operation: string,
  write: WriteContext,
  db?: Database,
): Promise<RevertResult & { touched: number }> {
  const conn = db ?? (await getDb());
  return writeAs(conn, write, async (tx) => {
    // Each memory the operation replaced: its version from just before (the first the operation
    // kept) and the last the operation kept, after which nothing else may have changed it.
    const touched = await selectRows(
      tx,
      sql`select memory_id, min(version_id)::text as before_version, max(version_id)::text as last_version
            from memory_versions
           where user_id = ${tenant.userId} and project_id = ${tenant.projectId}
             and operation = ${operation}::uuid and change = 'u'
           group by memory_id order by memory_id`,
      z.object({ memory_id: z.number(), before_version: z.string(), last_version: z.string() }),
    );
    if (touched.length === 0) return { reverted: [], changedSince: [], touched: 0 };
    const ids = `{${touched.map((t) => t.memory_id).join(",")}}`;
    // Rows locked first, so no write slips in between the check and the revert.
    const present = await selectRows(
      tx,
      sql`select id from memory_logs
           where user_id = ${tenant.userId} and project_id = ${tenant.projectId} and id = any(${ids}::int[])
           order by id for update`,
      z.object({ id: z.number() }),
    );
    const later = await selectRows(
      tx,
      sql`select distinct v.memory_id from memory_versions v
            join unnest(${ids}::int[], ${`{${touched.map((t) => t.last_version).join(",")}}`}::bigint[]) as t(memory_id, last_version)
              on v.memory_id = t.memory_id and v.version_id > t.last_version
           where v.user_id = ${tenant.userId} and v.project_id = ${tenant.projectId}`,
      z.object({ memory_id: z.number() }),
    );
    const exists = new Set(present.map((r) => r.id));
    const changed = new Set(later.map((r) => r.memory_id));
    const revertible = touched.filter((t) => exists.has(t.memory_id) && !changed.has(t.memory_id));
    const changedSince = touched.filter((t) => !revertible.includes(t)).map((t) => t.memory_id);
    if (revertible.length === 0) return { reverted: [], changedSince, touched: touched.length };

    const versions = `{${revertible.map((t) => t.before_version).join(",")}}`;
    const reverted = await selectRows(
      tx,
      sql`update memory_logs m
             set raw_data = v.raw_data, embedding = v.embedding, updated_at = now()
            from memory_versions v
           where v.version_id = any(${versions}::bigint[])
             and v.user_id = ${tenant.userId} and v.project_id = ${tenant.projectId}
             and m.user_id = ${tenant.userId} and m.project_id = ${tenant.projectId} and m.id = v.memory_id
       returning m.id`,
      z.object({ id: z.number() }),
    );
    // The update's trigger forgot the embedder of every vector it changed: each version names its own.
    await tx.execute(
      sql`insert into memory_embedders (memory_id, user_id, project_id, embedder)
          select v.memory_id, v.user_id, v.project_id, v.vector_embedder from memory_versions v
           where v.version_id = any(${versions}::bigint[])
             and v.user_id = ${tenant.userId} and v.project_id = ${tenant.projectId}
             and v.vector_embedder is not null and v.embedding is not null
          on conflict (memory_id) do update set embedder = excluded.embedder`,
    );
    return { reverted: reverted.map((r) => r.id).sort((a, b) => a - b), changedSince, touched: touched.length };
  });
}
