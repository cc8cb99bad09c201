import "server-only";
import { type DatabaseConfig, databaseConfig } from "./config";
import { type Connection, type Database, openPglite, openPostgres } from "./connect";

export type { Database } from "./connect";

// One connection per process, kept on globalThis so dev reloads and separately bundled
// server layers share it: PGlite must never be opened twice on the same folder.
const holder = globalThis as typeof globalThis & {
  __semantixConnection?: Promise<Connection>;
  __semantixPrepare?: (conn: Connection) => Promise<void>;
};

/**
 * What a newly opened connection goes through before anyone uses it. The server's start-up
 * (lib/startup.ts) sets it to migrate and seed the embedded database; this module only connects.
 */
export function setConnectionPreparer(prepare: (conn: Connection) => Promise<void>): void {
  holder.__semantixPrepare = prepare;
}

/**
 * The app's connection, opened (and prepared) on first use. A failed open or preparation closes
 * it and is retried on the next call, so a start-up that failed once is not left half done.
 */
export function getConnection(): Promise<Connection> {
  holder.__semantixConnection ??= openPrepared(databaseConfig()).catch((error: unknown) => {
    holder.__semantixConnection = undefined;
    throw error;
  });
  return holder.__semantixConnection;
}

async function openPrepared(config: DatabaseConfig): Promise<Connection> {
  const conn = await open(config);
  try {
    await holder.__semantixPrepare?.(conn);
  } catch (error) {
    await conn.close().catch(() => {});
    throw error;
  }
  return conn;
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}

function open(config: DatabaseConfig): Promise<Connection> {
  return config.kind === "postgres" ? openPostgres(config.url) : openPglite(config.dir);
}

/** Closes the app's connection; the next getConnection() opens a new one (with the environment of then). */
export async function closeConnection(): Promise<void> {
  const pending = holder.__semantixConnection;
  holder.__semantixConnection = undefined;
  if (pending) await (await pending.catch(() => null))?.close();
}

/** Makes `conn` the app's connection (tests and scripts that open their own database). */
export function setConnection(conn: Connection): void {
  holder.__semantixConnection = Promise.resolve(conn);
}
