import "server-only";
import { type DatabaseConfig, databaseConfig } from "./config";
import { trashRetentionDays } from "../lib/trash-retention";
import { type Connection, type Database, openPglite, openPostgres } from "./connect";
import { runMigrations } from "./migrate";
import { purgeExpiredTrash } from "./queries/trash";
import { seedDemoData } from "./seed";

export type { Database } from "./connect";

// One connection per process, kept on globalThis so dev reloads and separately bundled
// server layers share it: PGlite must never be opened twice on the same folder.
const holder = globalThis as typeof globalThis & { __semantixConnection?: Promise<Connection> };

/** The app's connection, opened on first use. A failed open is retried on the next call. */
export function getConnection(): Promise<Connection> {
  holder.__semantixConnection ??= openForApp(databaseConfig()).catch((error: unknown) => {
    holder.__semantixConnection = undefined;
    throw error;
  });
  return holder.__semantixConnection;
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}

async function openForApp(config: DatabaseConfig): Promise<Connection> {
  const conn = await openMigratedForApp(config);
  scheduleTrashPurge(conn.db);
  return conn;
}

async function openMigratedForApp(config: DatabaseConfig): Promise<Connection> {
  // A real server is never migrated or seeded behind its owner's back: see `npm run db:migrate`.
  // Its first admin comes from ADMIN_EMAIL and ADMIN_PASSWORD, or from `npm run user:add`.
  if (config.kind === "postgres") {
    const conn = await openPostgres(config.url);
    await import("../lib/auth/users")
      .then(({ ensureFirstAdmin }) => ensureFirstAdmin({ demo: false }, conn.db))
      .catch((error: unknown) =>
        console.error("[auth] could not create the first admin:", error instanceof Error ? error.message : error),
      );
    return conn;
  }

  const conn = await openPglite(config.dir);
  try {
    await runMigrations(conn);
    if (conn.created) {
      console.log(`[db] new embedded database at ${config.dir}: adding demo data…`);
      const result = await seedDemoData(conn.db);
      console.log(`[db] demo data ready: ${result.memories} memories in ${result.projects} projects`);
    }
    // Imported here: the account code reads the database through this module.
    const { ensureFirstAdmin } = await import("../lib/auth/users");
    const admin = await ensureFirstAdmin({ demo: true }, conn.db);
    if (admin) console.log(`[auth] created the first admin: ${admin}`);
    return conn;
  } catch (error) {
    await conn.close();
    throw error;
  }
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

const DAY_MS = 86_400_000;

/** Purges expired trash now and then once a day, for as long as the process runs. */
function scheduleTrashPurge(db: Database): void {
  const purge = () =>
    purgeExpiredTrash(trashRetentionDays(), db)
      .then((n) => n > 0 && console.log(`[trash] purged ${n} deleted memories past the retention period`))
      .catch((error: unknown) =>
        console.error("[trash] purge failed:", error instanceof Error ? error.message : error),
      );
  void purge();
  setInterval(purge, DAY_MS).unref();
}
