import "server-only";
import { getConnection, getDb, setConnectionPreparer } from "@/db/client";
import type { Connection } from "@/db/connect";
import { runMigrations } from "@/db/migrate";
import { purgeExpiredVersions } from "@/db/queries/memory-history";
import { purgeExpiredTrash } from "@/db/queries/trash";
import { ensureFirstAdmin } from "./auth/users";
import { seedDemoData } from "./demo-seed";
import { applyMemoryHistorySetting } from "./history-setting";
import { startJobRunner } from "./jobs/runner";
import { historyRetentionDays, trashRetentionDays } from "./retention";

// Once per process, kept on globalThis like the connection: a second call waits for the first.
const holder = globalThis as typeof globalThis & { __semantixStartup?: Promise<void> };

/**
 * The server's start-up work, run before it answers any request (instrumentation.ts): opens and
 * prepares the database, then purges expired trash now and once a day. It never throws: a
 * database that cannot be opened or prepared is logged here, and every page and /api/health say why.
 */
export function startServer(): Promise<void> {
  holder.__semantixStartup ??= (async () => {
    // Every connection the app opens is prepared first, so one that failed here is prepared again on the next request.
    setConnectionPreparer(prepareDatabase);
    try {
      await getConnection();
    } catch (error) {
      console.error("[db] start-up could not prepare the database:", message(error));
    }
    scheduleTrashPurge();
    // Jobs queued or left running by the last process go on from where they stopped.
    startJobRunner();
  })();
  return holder.__semantixStartup;
}

const prepared = new WeakSet<Connection>();

/**
 * Makes the app's database ready for its first request. The embedded one is migrated, filled
 * with demo data when its folder is new, and given the first admin. A real server is never
 * migrated or seeded behind its owner's back (see `npm run db:migrate`); its first admin comes
 * from ADMIN_EMAIL and ADMIN_PASSWORD, or from `npm run user:add`.
 */
export async function prepareDatabase(conn: Connection): Promise<void> {
  // A connection's folder is new only to its first preparation.
  const first = !prepared.has(conn);
  prepared.add(conn);
  if (conn.kind === "postgres") {
    await ensureFirstAdmin({ demo: false }, conn.db).catch((error: unknown) =>
      console.error("[auth] could not create the first admin:", message(error)),
    );
    await applyMemoryHistorySetting(conn.db).catch((error: unknown) =>
      console.error("[history] could not apply MEMORY_HISTORY:", message(error)),
    );
    return;
  }
  await runMigrations(conn);
  if (conn.created && first) {
    console.log(`[db] new embedded database at ${conn.dir ?? "(in memory)"}: adding demo data…`);
    const result = await seedDemoData(conn.db);
    console.log(`[db] demo data ready: ${result.memories} memories in ${result.projects} projects`);
  }
  const admin = await ensureFirstAdmin({ demo: true }, conn.db);
  if (admin) console.log(`[auth] created the first admin: ${admin}`);
  await applyMemoryHistorySetting(conn.db);
}

const DAY_MS = 86_400_000;

/** Purges expired trash and history now and then once a day, for as long as the process runs. */
function scheduleTrashPurge(): void {
  const purge = () =>
    getDb()
      .then(async (db) => {
        const trash = await purgeExpiredTrash(trashRetentionDays(), db);
        if (trash > 0) console.log(`[trash] purged ${trash} deleted memories past the retention period`);
        const versions = await purgeExpiredVersions(historyRetentionDays(), db);
        if (versions > 0) console.log(`[history] purged ${versions} memory versions past the retention period`);
      })
      .catch((error: unknown) => console.error("[trash] purge failed:", message(error)));
  void purge();
  setInterval(purge, DAY_MS).unref();
}

const message = (error: unknown) => (error instanceof Error ? error.message : error);
