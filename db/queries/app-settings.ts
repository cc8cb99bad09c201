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
