import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { migrationStatus, type MigrationStatus } from "../migrate";
import { selectRows } from "../rows";

export type DatabaseInfo = { serverVersion: string; pgvectorVersion: string | null; migrations: MigrationStatus };

/** What /api/health reports: versions of the server and of pgvector, and whether migrations are applied. */
export async function databaseInfo(db: Database): Promise<DatabaseInfo> {
  const [versions] = await selectRows(
    db,
    sql`select current_setting('server_version') as "server",
               (select extversion from pg_extension where extname = 'vector') as "pgvector"`,
    z.object({ server: z.string(), pgvector: z.string().nullable() }),
  );
  return {
    serverVersion: versions?.server ?? "unknown",
    pgvectorVersion: versions?.pgvector ?? null,
    migrations: await migrationStatus(db),
  };
}
