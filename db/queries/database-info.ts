import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { type MigrationStatus, migrationStatus } from "../migrate";
import { type IndexState, missingIndexes } from "../recommended-indexes";
import { selectRows } from "../rows";

export type DatabaseInfo = {
  serverVersion: string;
  pgvectorVersion: string | null;
  migrations: MigrationStatus;
  /** Recommended indexes not (validly) built: see `npm run db:indexes`. */
  missingIndexes: IndexState[];
};

/** What /api/health reports: versions of the server and of pgvector, and whether migrations are applied. */
export async function databaseInfo(db: Database): Promise<DatabaseInfo> {
  const [versions] = await selectRows(
    db,
    sql`select current_setting('server_version') as "server",
               (select extversion from pg_extension where extname = 'vector') as "pgvector"`,
    z.object({ server: z.string(), pgvector: z.string().nullable() }),
  );
  const migrations = await migrationStatus(db);
  const tableExists = migrations.applied > 0 || (await hasMemoryLogs(db));
  return {
    serverVersion: versions?.server ?? "unknown",
    pgvectorVersion: versions?.pgvector ?? null,
    migrations,
    missingIndexes: tableExists ? await missingIndexes(db) : [],
  };
}

async function hasMemoryLogs(db: Database): Promise<boolean> {
  const [row] = await selectRows(
    db,
    sql`select to_regclass('memory_logs') is not null as "exists"`,
    z.object({ exists: z.boolean() }),
  );
  return row?.exists ?? false;
}
