import { closeConnection, setConnection } from "@/db/client";
import type { Connection } from "@/db/connect";
import { openMigrated, type TestDatabase } from "./databases";

/**
 * Opens a fresh, migrated database and makes it the app's connection, so server actions and
 * API route handlers (which take no database argument) run against it. Call the returned
 * `close` in afterAll.
 */
export async function openAppDatabase(database: TestDatabase): Promise<{ conn: Connection; close(): Promise<void> }> {
  const { conn } = await openMigrated(database);
  setConnection(conn);
  return { conn, close: () => closeConnection() };
}
