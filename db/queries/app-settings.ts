import "server-only";
import { eq } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { appSettings } from "../schema";

/** The stored value of `key`, created with `make()` on first use (the first writer wins a race). */
export async function settingOrCreate(key: string, make: () => string, db?: Database): Promise<string> {
  const conn = db ?? (await getDb());
  await conn.insert(appSettings).values({ key, value: make() }).onConflictDoNothing();
  const [row] = await conn.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row!.value;
}

/** Sets `key` to `value`, whatever it held. */
export async function putSetting(key: string, value: string, db?: Database): Promise<void> {
  const conn = db ?? (await getDb());
  await conn.insert(appSettings).values({ key, value }).onConflictDoUpdate({ target: appSettings.key, set: { value } });
}

/** The stored value of `key`, or null when it has none. */
export async function readSetting(key: string, db?: Database): Promise<string | null> {
  const conn = db ?? (await getDb());
  const [row] = await conn.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row?.value ?? null;
}
