import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import pg from "pg";
import pgvector from "pgvector";
import { lockDataFolder } from "./pglite-lock";
import { retryReadsOnce } from "./read-retry";
import * as schema from "./schema";

// jsonb reaches the app as the database's text, never through JSON.parse (which rounds big
// numbers): raw_data is shown, edited and exported exactly as stored (db/json-text.ts).
const JSONB_OID = 3802;
const jsonbAsText = (text: string) => text;
// Drizzle's node-postgres queries take their parsers from pg's global registry, not the pool's.
pg.types.setTypeParser(JSONB_OID, jsonbAsText);

export type Schema = typeof schema;
/** The one Drizzle type the queries use, whichever database is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type Connection =
  | {
      kind: "pglite";
      db: PgliteDatabase<Schema>;
      client: PGlite;
      dir: string | null;
      created: boolean;
      close(): Promise<void>;
    }
  | {
      kind: "postgres";
      db: NodePgDatabase<Schema>;
      pool: pg.Pool;
      /** Looks up the `vector` type again, once a migration has created it. */
      registerVectorType(): Promise<void>;
      close(): Promise<void>;
    };

const PGLITE_PARSERS = { [JSONB_OID]: jsonbAsText };

/**
 * Opens PGlite with pgvector. `dir` null means in memory. A folder is locked for this process;
 * `created` tells whether the folder held no database before (first start).
 */
export async function openPglite(dir: string | null): Promise<Extract<Connection, { kind: "pglite" }>> {
  if (dir === null) {
    const client = await PGlite.create({ extensions: { vector }, parsers: PGLITE_PARSERS });
    return {
      kind: "pglite",
      client,
      dir,
      created: true,
      db: drizzlePglite({ client, schema }),
      close: () => client.close(),
    };
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const release = lockDataFolder(dir);
  try {
    const created = !fs.existsSync(path.join(dir, "PG_VERSION"));
    const client = await PGlite.create({ dataDir: dir, extensions: { vector }, parsers: PGLITE_PARSERS });
    const close = async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    };
    return { kind: "pglite", client, dir, created, db: drizzlePglite({ client, schema }), close };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Opens a node-postgres pool whose clients parse `vector` columns into number arrays (pgvector's
 * parser, registered per pool rather than per client so no query races the registration).
 */
export async function openPostgres(
  url: string,
  options: { max?: number } = {},
): Promise<Extract<Connection, { kind: "postgres" }>> {
  let vectorOid: number | undefined;
  const getTypeParser = ((oid: number, format?: "text" | "binary") =>
    oid === vectorOid ? vectorFromSql : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
  const newPool = (max: number, settings = "") => {
    const created = new pg.Pool({
      connectionString: url,
      max,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      types: { getTypeParser },
      // memory_logs stores timestamps without zone; the app writes and reads them as UTC, whatever the server's TimeZone.
      options: `-c TimeZone=UTC${settings}`,
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    created.on("error", (error) => console.error("[db] idle PostgreSQL connection failed:", error.message));
    // Nor a checked-out one (a transaction between statements), which the pool does not listen to:
    // its caller sees the broken connection on its next statement.
    created.on("connect", (client) => client.on("error", () => undefined));
    return retryReadsOnce(created);
  };
  const pool = newPool(options.max ?? 10);
  // Sessions for list queries that must walk an index in order (db/queries/list-plan.ts): the
  // settings come with the connection, so such a query is one round trip, not a transaction.
  // No JIT: a sort these queries cannot avoid (a window over a few rows) carries the cost that
  // disables sorts, which would make the planner compile the statement for hundreds of milliseconds.
  const walkPool = newPool(
    Math.max(2, Math.ceil((options.max ?? 10) / 2)),
    " -c enable_bitmapscan=off -c enable_sort=off -c jit=off",
  );

  const registerVectorType = async () => {
    const { rows } = await pool.query<{ oid: number }>("select oid::int as oid from pg_type where typname = 'vector'");
    vectorOid = rows[0]?.oid;
  };
  // Before the first migration the type does not exist yet (and the server may be down):
  // queries then report the problem themselves.
  await registerVectorType().catch(() => undefined);
  const db = drizzlePg({ client: pool, schema });
  walkingDatabases.set(db, drizzlePg({ client: walkPool, schema }));
  return {
    kind: "postgres",
    pool,
    registerVectorType,
    db,
    close: async () => void (await Promise.all([pool.end(), walkPool.end()])),
  };
}

const walkingDatabases = new WeakMap<Database, Database>();

/** The handle whose sessions never plan a bitmap scan or a sort, for a PostgreSQL handle; none on PGlite. */
export const walkingDatabase = (db: Database): Database | undefined => walkingDatabases.get(db);

function vectorFromSql(value: string): number[] | null {
  const parsed = pgvector.fromSql(value);
  return Array.isArray(parsed) ? parsed : null;
}
