import "server-only";
import type { Connection } from "@/db/connect";
import type { Tenant } from "@/db/tenant";
import { query } from "./session";

/**
 * The benchmark's own SQL for the cost of memory history: the rows a case changes, kept before
 * and put back after (exactly, updated_at included), the versions it made and what they weigh.
 */

const tenantParams = (tenant: Tenant) => [tenant.userId, tenant.projectId];

export type RowSnapshot = { ids: number[]; rawData: string[]; updatedAt: (string | null)[] };

export async function snapshotRows(conn: Connection, tenant: Tenant, ids: number[]): Promise<RowSnapshot> {
  const rows = await query<{ id: number; raw: string; updated: string | null }>(
    conn,
    `SELECT id, raw_data::text AS raw, to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS.US') AS updated
       FROM memory_logs WHERE user_id = $1 AND project_id = $2 AND id = ANY($3::int[]) ORDER BY id`,
    [...tenantParams(tenant), ids],
  );
  return { ids: rows.map((r) => r.id), rawData: rows.map((r) => r.raw), updatedAt: rows.map((r) => r.updated) };
}

/** Puts the kept raw_data and updated_at back (run with history off, so it leaves no versions). */
export async function restoreRows(conn: Connection, tenant: Tenant, snapshot: RowSnapshot): Promise<void> {
  await query(
    conn,
    `UPDATE memory_logs m SET raw_data = s.raw_data, updated_at = s.updated_at
       FROM unnest($3::int[], $4::jsonb[], $5::timestamp[]) AS s(id, raw_data, updated_at)
      WHERE m.user_id = $1 AND m.project_id = $2 AND m.id = s.id`,
    [...tenantParams(tenant), snapshot.ids, snapshot.rawData, snapshot.updatedAt],
  );
}

/** The ids of the tenant's `n` newest memories. */
export async function newestIds(conn: Connection, tenant: Tenant, n: number): Promise<number[]> {
  const rows = await query<{ id: number }>(
    conn,
    `SELECT id FROM memory_logs WHERE user_id = $1 AND project_id = $2
      ORDER BY created_at DESC NULLS LAST, id DESC LIMIT $3`,
    [...tenantParams(tenant), n],
  );
  return rows.map((r) => r.id);
}

/** A bulk edit the way an agent writes one in plain SQL: a key added to each row's raw_data. */
export async function bulkEdit(conn: Connection, tenant: Tenant, ids: number[], run: number): Promise<number> {
  const rows = await query<{ id: number }>(
    conn,
    `UPDATE memory_logs SET raw_data = raw_data || jsonb_build_object('bench_edit', $4::int), updated_at = now()
      WHERE user_id = $1 AND project_id = $2 AND id = ANY($3::int[]) RETURNING id`,
    [...tenantParams(tenant), ids, run],
  );
  return rows.length;
}

export type VersionStore = { versions: number; lastVersionId: number; bytes: number };

/** The tenant's kept versions and the size of the whole table (heap, TOAST and indexes). */
export async function versionStore(conn: Connection, tenant: Tenant): Promise<VersionStore> {
  const [row] = await query<{ versions: number; last: string | null; bytes: string }>(
    conn,
    `SELECT count(*)::int AS versions, max(version_id)::text AS last,
            pg_total_relation_size('memory_versions')::text AS bytes
       FROM memory_versions WHERE user_id = $1 AND project_id = $2`,
    tenantParams(tenant),
  );
  return { versions: row!.versions, lastVersionId: Number(row!.last ?? 0), bytes: Number(row!.bytes) };
}

/**
 * Rewrites memory_versions without free space, so that its growth is what new versions take: the
 * specification's deletes, rolled back, leave the space of the versions they made to be reused.
 */
export async function compactVersions(conn: Connection): Promise<void> {
  await query(conn, "VACUUM FULL memory_versions");
}

/** Removes the versions the benchmark made (those after `lastVersionId`), so the tenant's history is as before. */
export async function dropVersionsAfter(conn: Connection, tenant: Tenant, lastVersionId: number): Promise<void> {
  await query(conn, "DELETE FROM memory_versions WHERE user_id = $1 AND project_id = $2 AND version_id > $3", [
    ...tenantParams(tenant),
    lastVersionId,
  ]);
  await query(conn, "VACUUM memory_versions");
}
