import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Connection, type Database, openPglite, openPostgres } from "@/db/connect";
import { runMigrations } from "@/db/migrate";

/** A database kind the data-layer tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export type TestDatabase = { name: "pglite" | "postgres"; open(): Promise<Connection> };

const pgliteDatabase: TestDatabase = { name: "pglite", open: () => openPglite(null) };

function postgresDatabase(adminUrl: string): TestDatabase {
  return {
    name: "postgres",
    async open() {
      // A database of its own per test: migrations and DDL never collide between tests.
      const name = `semantix_test_${randomBytes(6).toString("hex")}`;
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const conn = await openPostgres(url.toString(), { max: 4 });
      return {
        ...conn,
        async close() {
          await conn.close();
          await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        },
      };
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export const testDatabases: TestDatabase[] = [
  pgliteDatabase,
  ...(process.env.TEST_DATABASE_URL ? [postgresDatabase(process.env.TEST_DATABASE_URL)] : []),
];

/** Plain SQL with positional parameters, the way an application outside this dashboard writes. */
export async function rawQuery<T = Record<string, unknown>>(
  conn: Connection,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (conn.kind === "pglite") return (await conn.client.query<T>(text, params)).rows;
  return (await conn.pool.query(text, params)).rows as T[];
}

export async function rawExec(conn: Connection, script: string): Promise<void> {
  if (conn.kind === "pglite") await conn.client.exec(script);
  else await conn.pool.query(script);
}

export const specDdl = fs.readFileSync(path.join(import.meta.dirname, "..", "fixtures", "spec-ddl.sql"), "utf8");

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `semantix-${prefix}-`));
}

/** A fresh database of this kind with the migrations applied; `db` is the Drizzle handle the queries take. */
export async function openMigrated(database: TestDatabase): Promise<{ conn: Connection; db: Database }> {
  const conn = await database.open();
  await runMigrations(conn);
  return { conn, db: conn.db };
}
