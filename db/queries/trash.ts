import "server-only";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { conflict } from "../app-error";
import { type Database, getDb } from "../client";
import { memoryPreview } from "../memory-text";
import { selectRows } from "../rows";
import { memoryEmbedders, memoryLogs, memoryLogsTrash, memoryVersions } from "../schema";
import type { Tenant } from "../tenant";
import { writeAs } from "../write-context";

export type DeleteMeta = { operation: string; reason: string; deletedBy: string | null };

/**
 * Deletes the memories matching `where` (which must include the tenant) and moves them, every
 * column unchanged, into the trash, in one statement (a transaction of its own, or a savepoint of
 * the caller's). Returns the ids moved.
 */
export async function moveToTrash(db: Database, where: SQL, meta: DeleteMeta): Promise<number[]> {
  // The versions the delete keeps name who deleted and in which operation.
  const context = { actor: meta.deletedBy, operation: meta.operation };
  const rows = await writeAs(db, context, (tx) =>
    selectRows(
      tx,
      sql`with gone as (delete from ${memoryLogs} where ${where} returning *)
        insert into ${memoryLogsTrash} (id, user_id, project_id, raw_data, embedding, created_at, updated_at, deleted_by, reason, operation, embedder)
        select id, user_id, project_id, raw_data, embedding, created_at, updated_at, ${meta.deletedBy}, ${meta.reason}, ${meta.operation}::uuid,
               -- Read before the delete's trigger forgets it (triggers run after the statement).
               (select e.embedder from ${memoryEmbedders} e where e.memory_id = gone.id)
          from gone
        returning id`,
      z.object({ id: z.number() }),
    ),
  );
  return rows.map((r) => r.id);
}

const trashTenant = (tenant: Tenant) =>
  and(eq(memoryLogsTrash.userId, tenant.userId), eq(memoryLogsTrash.projectId, tenant.projectId))!;

export type TrashEntry = {
  trashId: number;
  id: number;
  preview: string | null;
  component: string | null;
  createdAt: Date | null;
  deletedAt: Date;
  deletedBy: string | null;
  reason: string;
  operation: string;
};

/** The tenant's trash, most recently deleted first. */
export async function listTrash(
  tenant: Tenant,
  options: { limit?: number } = {},
  db?: Database,
): Promise<{ items: TrashEntry[]; total: number }> {
  const conn = db ?? (await getDb());
  const [items, [count]] = await Promise.all([
    conn
      .select({
        trashId: memoryLogsTrash.trashId,
        id: memoryLogsTrash.id,
        preview: memoryPreview(memoryLogsTrash.rawData),
        component: sql<string | null>`left(${memoryLogsTrash.rawData} ->> 'component', 200)`,
        createdAt: memoryLogsTrash.createdAt,
        deletedAt: memoryLogsTrash.deletedAt,
        deletedBy: memoryLogsTrash.deletedBy,
        reason: memoryLogsTrash.reason,
        operation: memoryLogsTrash.operation,
      })
      .from(memoryLogsTrash)
      .where(trashTenant(tenant))
      .orderBy(desc(memoryLogsTrash.deletedAt), desc(memoryLogsTrash.trashId))
      .limit(options.limit ?? 500),
    conn.select({ n: sql<number>`count(*)::int` }).from(memoryLogsTrash).where(trashTenant(tenant)),
  ]);
  return { items, total: count?.n ?? 0 };
}

export type TrashSelection = { trashIds: number[] } | { operation: string };

const selectionWhere = (tenant: Tenant, selection: TrashSelection) =>
  and(
    trashTenant(tenant),
    "operation" in selection
      ? eq(memoryLogsTrash.operation, selection.operation)
      : inArray(memoryLogsTrash.trashId, selection.trashIds.length ? selection.trashIds : [-1]),
  )!;

export type RestoreResult = {
  restored: number[];
  taken: number[] /** Trash entries asked for that were not there (any more). */;
  missing: number;
};

/**
 * Puts trashed memories back with the same id and every column as it was. A memory whose id is
 * in use again is left in the trash and reported as taken; of an id trashed twice, the latest
 * comes back (one sort, not a lookup per row: a 10,000-row undo stays fast). The entries are
 * locked first, so a restore or purge of the same entries running meanwhile waits, and then
 * finds them gone instead of both succeeding. `restoredBy` is kept with the history.
 */
export async function restoreFromTrash(
  tenant: Tenant,
  selection: TrashSelection,
  db?: Database,
  restoredBy: string | null = null,
): Promise<RestoreResult> {
  const conn = db ?? (await getDb());
  const [row] = await selectRows(
    conn,
    sql`with wanted as (select * from ${memoryLogsTrash} where ${selectionWhere(tenant, selection)} for update),
             latest as (select distinct on (id) * from wanted order by id, trash_id desc),
             free as (select * from latest l where not exists (select 1 from ${memoryLogs} m where m.id = l.id)),
             back as (insert into ${memoryLogs} (id, user_id, project_id, raw_data, embedding, created_at, updated_at)
                      select id, user_id, project_id, raw_data, embedding, created_at, updated_at from free returning id),
             named as (insert into ${memoryEmbedders} (memory_id, user_id, project_id, embedder)
                       select id, user_id, project_id, embedder from free where embedder is not null and embedding is not null
                       on conflict (memory_id) do update set user_id = excluded.user_id, project_id = excluded.project_id, embedder = excluded.embedder
                       returning 1),
             cleared as (delete from ${memoryLogsTrash} t using free f where t.trash_id = f.trash_id returning t.trash_id),
             -- An insert keeps no version, so the delete's version says who put the memory back, and when.
             -- An array, not "in (select ...)": the planner cannot size a CTE and may rescan it per row.
             last as (select distinct on (w.memory_id) w.version_id, w.change, w.restored_at
                        from ${memoryVersions} w
                       where w.user_id = ${tenant.userId} and w.project_id = ${tenant.projectId}
                         and w.memory_id = any(array(select id from back))
                       order by w.memory_id, w.version_id desc),
             marked as (update ${memoryVersions} v set restored_at = now(), restored_by = ${restoredBy}
                          from last l
                         where v.version_id = l.version_id and l.change = 'd' and l.restored_at is null
                         returning 1)
        select coalesce((select json_agg(id order by id) from back), '[]'::json) as restored,
               coalesce((select json_agg(id order by id) from wanted where trash_id not in (select trash_id from free)), '[]'::json) as taken,
               (select count(*) from wanted)::int as found`,
    z.object({ restored: z.array(z.number()), taken: z.array(z.number()), found: z.number() }),
  );
  const missing = "trashIds" in selection ? new Set(selection.trashIds).size - row!.found : 0;
  return { restored: row!.restored, taken: row!.taken, missing };
}

/**
 * Deletes trashed memories for good. Emptying the whole trash names how many entries the user
 * confirmed; when the trash holds another number by then, nothing is purged (a stale page never
 * purges more than it showed).
 */
export async function purgeTrash(
  tenant: Tenant,
  selection: TrashSelection | { all: true; expectedCount: number },
  db?: Database,
): Promise<number> {
  const conn = db ?? (await getDb());
  if (!("all" in selection)) {
    const rows = await conn
      .delete(memoryLogsTrash)
      .where(selectionWhere(tenant, selection))
      .returning({ trashId: memoryLogsTrash.trashId });
    return rows.length;
  }
  return conn.transaction(async (tx) => {
    const rows = await tx
      .delete(memoryLogsTrash)
      .where(trashTenant(tenant))
      .returning({ trashId: memoryLogsTrash.trashId });
    if (rows.length !== selection.expectedCount) {
      throw conflict(
        `The trash now holds ${rows.length} deleted ${rows.length === 1 ? "memory" : "memories"}, not the ${selection.expectedCount} you confirmed. Nothing was purged; check the trash again.`,
      );
    }
    return rows.length;
  });
}

/** Maintenance across all tenants: deletes trash older than the retention period. */
export async function purgeExpiredTrash(retentionDays: number, db?: Database): Promise<number> {
  const conn = db ?? (await getDb());
  const rows = await conn
    .delete(memoryLogsTrash)
    .where(sql`${memoryLogsTrash.deletedAt} < now() - make_interval(days => ${retentionDays})`)
    .returning({ trashId: memoryLogsTrash.trashId });
  return rows.length;
}

/** When memory `id` of the tenant was last moved to the trash, or null when the trash does not hold it. */
export async function trashedAt(tenant: Tenant, id: number, db?: Database): Promise<Date | null> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({ deletedAt: memoryLogsTrash.deletedAt })
    .from(memoryLogsTrash)
    .where(and(trashTenant(tenant), eq(memoryLogsTrash.id, id)))
    .orderBy(desc(memoryLogsTrash.deletedAt))
    .limit(1);
  return row?.deletedAt ?? null;
}
