import "server-only";
import type { Database } from "@/db/client";
import { putSetting, readSetting } from "@/db/queries/app-settings";

// The database's trigger (migration 0013) reads this row: 'off' keeps no versions, for every writer.
const KEY = "memory_history";

/** MEMORY_HISTORY from the environment: "on", "off", or undefined when unset (the database's choice stands). */
export function memoryHistoryFromEnv(env: Record<string, string | undefined> = process.env): "on" | "off" | undefined {
  const raw = env.MEMORY_HISTORY?.trim().toLowerCase();
  if (!raw) return undefined;
  if (raw === "on" || raw === "off") return raw;
  throw new Error(`MEMORY_HISTORY must be on or off, not "${env.MEMORY_HISTORY}".`);
}

/** Writes MEMORY_HISTORY, when set, into the database, where the trigger reads it. */
export async function applyMemoryHistorySetting(
  db: Database,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const wanted = memoryHistoryFromEnv(env);
  if (wanted) await putSetting(KEY, wanted, db);
}

/** Switches keeping versions on or off for every writer of the database. */
export function setMemoryHistory(db: Database, on: boolean): Promise<void> {
  return putSetting(KEY, on ? "on" : "off", db);
}

/** Whether the database keeps memory versions now (on unless switched off). */
export async function memoryHistoryOn(db?: Database): Promise<boolean> {
  return (await readSetting(KEY, db)) !== "off";
}
