import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { type MigrationStatus, migrationStatus } from "../migrate";
import { type IndexState, missingIndexes } from "../recommended-indexes";
import { selectRows } from "../rows";
import { indexedTenants, RECALL_TARGET } from "./vector-index-recall";

export type DatabaseInfo = {
  serverVersion: string;
  pgvectorVersion: string | null;
  migrations: MigrationStatus;
  /** Recommended indexes not (validly) built: see `npm run db:indexes`. */
  missingIndexes: IndexState[];
  /** The tenants' own vector indexes and what their recall was measured to be (no tenant is named). */
  vectorIndexes: VectorIndexSummary | null;
};

export type VectorIndexSummary = {
  count: number;
  /** Measured and met the target: searched through the index. */
  trusted: number;
  /** Below the target at every ef_search: those tenants are searched exactly. */
  belowTarget: number;
  unmeasured: number;
  /** Measured before many writes. */
  stale: number;
  lowestRecall: number | null;
  target: number;
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
    vectorIndexes: migrations.upToDate ? await vectorIndexSummary(db) : null,
  };
}

async function vectorIndexSummary(db: Database): Promise<VectorIndexSummary> {
  const recalls = (await indexedTenants(db)).map((t) => t.recall);
  const measured = recalls.filter((r) => r !== null);
  return {
    count: recalls.length,
    trusted: measured.filter((r) => r.efSearch !== null).length,
    belowTarget: measured.filter((r) => r.efSearch === null).length,
    unmeasured: recalls.length - measured.length,
    stale: measured.filter((r) => r.stale).length,
    lowestRecall: measured.length ? Math.min(...measured.map((r) => r.recall)) : null,
    target: RECALL_TARGET,
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
