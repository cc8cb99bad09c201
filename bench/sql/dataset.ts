import "server-only";
import { z } from "zod";
import type { Connection } from "@/db/connect";
import { query, withSession } from "./session";
import { SPEC_INDEXES } from "./spec-queries";

/**
 * The benchmark's own bookkeeping in the database it fills: a marker in app_settings saying
 * that memory_logs holds generated data (so it may be wiped and refilled), and the steps of
 * loading it.
 */
export const BENCH_MARKER_KEY = "bench_dataset";

const markerSchema = z.object({
  rows: z.number(),
  seed: z.number(),
  state: z.enum(["loading", "ready"]),
  createdAt: z.string(),
  loadMs: z.number().optional(),
  indexes: z.array(z.object({ name: z.string(), ms: z.number(), by: z.string() })).optional(),
  vacuumMs: z.number().optional(),
});
export type BenchMarker = z.infer<typeof markerSchema>;

export type TargetState = { tableExists: boolean; hasRows: boolean; marker: BenchMarker | null };

/** What is in the database before anything is touched (no migration runs before this check). */
export async function inspectTarget(conn: Connection): Promise<TargetState> {
  const [tables] = await query<{ memories: boolean; settings: boolean }>(
    conn,
    "SELECT to_regclass('memory_logs') IS NOT NULL AS memories, to_regclass('app_settings') IS NOT NULL AS settings",
  );
  const tableExists = tables?.memories ?? false;
  const hasRows = tableExists
    ? ((await query<{ any: boolean }>(conn, "SELECT EXISTS (SELECT 1 FROM memory_logs) AS any"))[0]?.any ?? false)
    : false;
  let marker: BenchMarker | null = null;
  if (tables?.settings) {
    const [row] = await query<{ value: string }>(conn, "SELECT value FROM app_settings WHERE key = $1", [
      BENCH_MARKER_KEY,
    ]);
    const parsed = row ? markerSchema.safeParse(JSON.parse(row.value)) : null;
    marker = parsed?.success ? parsed.data : null;
  }
  return { tableExists, hasRows, marker };
}

export async function writeMarker(conn: Connection, marker: BenchMarker): Promise<void> {
  await query(
    conn,
    "INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    [BENCH_MARKER_KEY, JSON.stringify(marker)],
  );
}

/** Empties memory_logs and its trash, and drops every index of memory_logs but its primary key, for a fast load. */
export async function emptyForLoad(conn: Connection): Promise<void> {
  await withSession(conn, async (s) => {
    await s.exec("TRUNCATE memory_logs, memory_logs_trash RESTART IDENTITY");
    const indexes = await s.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'memory_logs'::regclass AND NOT i.indisprimary`,
    );
    for (const { name } of indexes) await s.exec(`DROP INDEX IF EXISTS "${name}"`);
  });
}

/** Builds the specification's three indexes as its DDL does, timing each. */
export async function createSpecIndexes(conn: Connection, onIndex: (name: string, ms: number) => void): Promise<void> {
  for (const index of SPEC_INDEXES) {
    const started = performance.now();
    await query(conn, index.ddl);
    onIndex(index.name, performance.now() - started);
  }
}

/** What a DBA runs after a bulk load: VACUUM (for the visibility map) and ANALYZE (for the planner). */
export async function vacuumAnalyze(
  conn: Connection,
  table: "memory_logs" | "memory_logs_trash" = "memory_logs",
): Promise<void> {
  await query(conn, `VACUUM (ANALYZE) ${table}`);
}

export async function dropGeneratorSchema(conn: Connection): Promise<void> {
  await query(conn, "DROP SCHEMA IF EXISTS bench CASCADE");
}
