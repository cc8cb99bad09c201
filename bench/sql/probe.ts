import "server-only";
import os from "node:os";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pgvector from "pgvector";
import type { Connection, Database } from "@/db/connect";
import * as schema from "@/db/schema";
import type { Tenant } from "@/db/tenant";
import { inRolledBackTransaction, query } from "./session";

/**
 * The benchmark's questions to the database that are not part of any measured work: picking
 * filter values and query vectors, exact answers for recall, checksums, sizes, versions and
 * query plans.
 */

const tenantParams = (tenant: Tenant) => [tenant.userId, tenant.projectId];

export type TenantFacts = { rows: number; embedded: number; oldest: string | null; newest: string | null };

export async function tenantFacts(conn: Connection, tenant: Tenant): Promise<TenantFacts> {
  const [row] = await query<TenantFacts>(
    conn,
    `SELECT count(*)::int AS rows, count(embedding)::int AS embedded,
            to_char(min(created_at), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS oldest,
            to_char(max(created_at), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS newest
       FROM memory_logs WHERE user_id = $1 AND project_id = $2`,
    tenantParams(tenant),
  );
  return row!;
}

/** `n` of the tenant's memories with an embedding, in an order fixed by `seed` (query memories for search by memory). */
export async function sampleEmbeddedIds(conn: Connection, tenant: Tenant, n: number, seed: number): Promise<number[]> {
  const rows = await query<{ id: number }>(
    conn,
    `SELECT id FROM memory_logs WHERE user_id = $1 AND project_id = $2 AND embedding IS NOT NULL
      ORDER BY hashint8extended(id, $3) LIMIT $4`,
    [...tenantParams(tenant), seed, n],
  );
  return rows.map((r) => r.id);
}

/** The content of `n` of the tenant's memories, in an order fixed by `seed` (query texts for search by text). */
export async function sampleContents(conn: Connection, tenant: Tenant, n: number, seed: number): Promise<string[]> {
  const rows = await query<{ content: string }>(
    conn,
    `SELECT raw_data->>'content' AS content FROM memory_logs WHERE user_id = $1 AND project_id = $2 AND raw_data ? 'content'
      ORDER BY hashint8extended(id, $3) LIMIT $4`,
    [...tenantParams(tenant), seed, n],
  );
  return rows.map((r) => r.content);
}

/** The created_at of the tenant's `n`th newest memory, as `timestamp` text: a filter from it matches about n rows. */
export async function nthNewest(conn: Connection, tenant: Tenant, n: number): Promise<string | null> {
  const [row] = await query<{ at: string }>(
    conn,
    `SELECT to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.US') AS at FROM memory_logs
      WHERE user_id = $1 AND project_id = $2 AND created_at IS NOT NULL
      ORDER BY created_at DESC OFFSET $3 LIMIT 1`,
    [...tenantParams(tenant), Math.max(0, n - 1)],
  );
  return row?.at ?? null;
}

export type Neighbour = { id: number; distance: number };

/**
 * The true k nearest memories of the tenant by L2 distance: index scans are switched off, so no
 * approximate index takes part; the tenant's rows come from a bitmap scan of its B-tree.
 */
export function exactNeighbours(
  conn: Connection,
  tenant: Tenant,
  vector: number[],
  k: number,
  excludeId?: number,
): Promise<Neighbour[]> {
  return inRolledBackTransaction(conn, async (s) => {
    await s.exec("SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off");
    return s.query<Neighbour>(
      `SELECT id, (embedding <-> $3::vector)::float8 AS distance FROM memory_logs
        WHERE user_id = $1 AND project_id = $2 AND embedding IS NOT NULL AND id <> $4
        ORDER BY embedding <-> $3::vector, id LIMIT $5`,
      [...tenantParams(tenant), pgvector.toSql(vector), excludeId ?? -1, k],
    );
  });
}

/** Exact L2 distances from `vector` to these memories (to judge results whose ids differ from the exact answer only on ties). */
export async function distancesTo(conn: Connection, vector: number[], ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await query<Neighbour>(
    conn,
    `SELECT id, (embedding <-> $1::vector)::float8 AS distance FROM memory_logs WHERE id = ANY($2::int[])`,
    [pgvector.toSql(vector), ids],
  );
  return new Map(rows.map((r) => [r.id, r.distance]));
}

/** Count and digest of every column of the tenant's memories: equal before and after a delete and its restore. */
export async function tenantChecksum(conn: Connection, tenant: Tenant): Promise<{ rows: number; digest: string }> {
  const [row] = await query<{ rows: number; digest: string }>(
    conn,
    `SELECT count(*)::int AS rows,
            coalesce(md5(string_agg(md5(id || '|' || raw_data::text || '|' || coalesce(embedding::text, '-') || '|' ||
                                        coalesce(created_at::text, '-') || '|' || coalesce(updated_at::text, '-')), '' ORDER BY id)), '') AS digest
       FROM memory_logs WHERE user_id = $1 AND project_id = $2`,
    tenantParams(tenant),
  );
  return row!;
}

export async function tableRows(conn: Connection): Promise<number> {
  const [row] = await query<{ n: number }>(conn, "SELECT count(*)::int AS n FROM memory_logs");
  return row!.n;
}

export type DatabaseFacts = {
  kind: Connection["kind"];
  version: string;
  pgvector: string | null;
  settings: Record<string, string>;
  tableBytes: number;
  heapBytes: number;
  indexes: { name: string; bytes: number }[];
};

const SETTINGS = [
  "shared_buffers",
  "work_mem",
  "maintenance_work_mem",
  "effective_cache_size",
  "max_parallel_workers_per_gather",
  "jit",
  "random_page_cost",
];

export async function databaseFacts(conn: Connection): Promise<DatabaseFacts> {
  const [versions] = await query<{ version: string; pgvector: string | null }>(
    conn,
    "SELECT current_setting('server_version') AS version, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pgvector",
  );
  const settings = await query<{ name: string; setting: string }>(
    conn,
    "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name",
    [SETTINGS],
  );
  const [sizes] = await query<{ total: string; heap: string }>(
    conn,
    "SELECT pg_total_relation_size('memory_logs')::text AS total, pg_table_size('memory_logs')::text AS heap",
  );
  const indexes = await query<{ name: string; bytes: string }>(
    conn,
    `SELECT c.relname AS name, pg_relation_size(c.oid)::text AS bytes FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'memory_logs'::regclass ORDER BY c.relname`,
  );
  return {
    kind: conn.kind,
    version: versions?.version ?? "unknown",
    pgvector: versions?.pgvector ?? null,
    settings: Object.fromEntries(settings.map((s) => [s.name, s.setting])),
    tableBytes: Number(sizes?.total ?? 0),
    heapBytes: Number(sizes?.heap ?? 0),
    indexes: indexes.map((i) => ({ name: i.name, bytes: Number(i.bytes) })),
  };
}

export function machineFacts() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
  };
}
export type MachineFacts = ReturnType<typeof machineFacts>;

export type CapturedQuery = { sql: string; params: unknown[] };

/**
 * Runs `work` with a Drizzle handle on the same connection that records every statement it
 * sends, so the statements of an app function can be explained afterwards.
 */
export async function captureQueries(
  conn: Connection,
  work: (db: Database) => Promise<unknown>,
): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const logger = { logQuery: (sql: string, params: unknown[]) => void captured.push({ sql, params }) };
  const db: Database =
    conn.kind === "pglite"
      ? drizzlePglite({ client: conn.client, schema, logger })
      : drizzlePg({ client: conn.pool, schema, logger });
  await work(db);
  return captured;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of one statement, in a transaction rolled back afterwards (writes are
 * undone), after the `settings` statements (set_config) the app ran before it in its own transaction.
 */
export function explainAnalyze(
  conn: Connection,
  sql: string,
  params: unknown[],
  settings: CapturedQuery[] = [],
): Promise<string[]> {
  return inRolledBackTransaction(conn, async (s) => {
    for (const setting of settings) await s.query(setting.sql, setting.params);
    const rows = await s.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    return rows.map((r) => Object.values(r)[0] ?? "");
  });
}
