import "server-only";
import { type DatabaseConfig, databaseConfig } from "./config";
import { type Connection, type Database, openPglite, openPostgres } from "./connect";

export type { Database } from "./connect";

// One connection per process, kept on globalThis so dev reloads and separately bundled
// server layers share it: PGlite must never be opened twice on the same folder.
const holder = globalThis as typeof globalThis & { __semantixConnection?: Promise<Connection> };

/**
 * The app's connection, opened on first use. A failed open is retried on the next call. It only
 * connects: the server's start-up (lib/startup.ts) migrates and seeds the embedded database.
 */
export function getConnection(): Promise<Connection> {
  holder.__semantixConnection ??= open(databaseConfig()).catch((error: unknown) => {
    holder.__semantixConnection = undefined;
    throw error;
  });
  return holder.__semantixConnection;
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
