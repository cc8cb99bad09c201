import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { memoryImports, memoryLogs, type RawData } from "../schema";
import type { Tenant } from "../tenant";

/** One checked line of an import: timestamps as the file wrote them (null: now). */
export type ImportRow = {
  rawData: RawData;
  embedding: number[] | null;
  createdAt: string | null;
  updatedAt: string | null;
};

const BATCH = 500;

export type Imported = { importId: string; ids: number[] };

/**
 * Inserts checked rows into the tenant in one transaction: all or nothing. Timestamps given in
 * the file are kept to the microsecond (bound as text, not through a Date); missing ones are now().
 * The ids inserted are recorded under the import's id in the same transaction (Undo, revert).
 */
export async function insertImported(
  tenant: Tenant,
  rows: ImportRow[],
  options: { db?: Database; importedBy?: string | null } = {},
): Promise<Imported> {
  const conn = options.db ?? (await getDb());
  const importId = randomUUID();
  return conn.transaction(async (tx) => {
    const ids: number[] = [];
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const inserted = await tx
        .insert(memoryLogs)
        .values(
          batch.map((r) => ({
            userId: tenant.userId,
            projectId: tenant.projectId,
            rawData: r.rawData,
            embedding: r.embedding,
            createdAt: r.createdAt === null ? sql`now()` : sql`${r.createdAt}::timestamptz::timestamp`,
            updatedAt:
              r.updatedAt === null
                ? r.createdAt === null
                  ? sql`now()`
                  : sql`${r.createdAt}::timestamptz::timestamp`
                : sql`${r.updatedAt}::timestamptz::timestamp`,
          })),
        )
        .returning({ id: memoryLogs.id });
      ids.push(...inserted.map((r) => r.id));
    }
    await tx.insert(memoryImports).values({
      id: importId,
      userId: tenant.userId,
      projectId: tenant.projectId,
      memoryIds: ids,
      importedBy: options.importedBy ?? null,
    });
    return { importId, ids };
  });
}
