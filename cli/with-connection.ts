import { databaseConfig } from "@/db/config";
import { type Connection, openPglite, openPostgres } from "@/db/connect";

/** Opens the configured database for a command-line script, runs `work`, closes, and turns errors into one clear line. */
export async function withConnection(work: (conn: Connection, where: string) => Promise<void>): Promise<void> {
  const config = databaseConfig();
  const where =
    config.kind === "postgres" ? `PostgreSQL database ${redact(config.url)}` : `embedded database at ${config.dir}`;
  let conn: Connection | undefined;
  try {
    conn = config.kind === "postgres" ? await openPostgres(config.url, { max: 2 }) : await openPglite(config.dir);
    await work(conn, where);
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG) console.error(error);
    process.exitCode = 1;
  } finally {
    await conn?.close();
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "DATABASE_URL";
  }
}
