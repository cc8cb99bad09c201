import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { exactTimestamp } from "../exact-timestamp";
import { hasMemoryText } from "../memory-text";
import { memoryLogs, type RawData } from "../schema";
import type { Tenant } from "../tenant";
import { type WriteContext, writeAs } from "../write-context";
import { tenantWhere } from "./memory-filters";

const hasText = hasMemoryText(memoryLogs.rawData);

/** The next memories of the tenant that have text but no embedding, oldest id first. */
export async function memoriesToEmbed(
  tenant: Tenant,
  limit: number,
  db?: Database,
): Promise<{ id: number; rawData: RawData; version: string }[]> {
  const conn = db ?? (await getDb());
  return conn
    .select({
      id: memoryLogs.id,
      rawData: memoryLogs.rawData,
      version: exactTimestamp(sql`${memoryLogs.updatedAt}`),
    })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), isNull(memoryLogs.embedding), hasText))
    .orderBy(asc(memoryLogs.id))
    .limit(limit);
}

/** How many memories of the tenant lack an embedding, and how many of those have text to embed. */
export async function missingEmbeddings(
  tenant: Tenant,
  db?: Database,
): Promise<{ missing: number; embeddable: number }> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({ missing: sql<number>`count(*)::int`, embeddable: sql<number>`(count(*) filter (where ${hasText}))::int` })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), isNull(memoryLogs.embedding)));
  return row ?? { missing: 0, embeddable: 0 };
}

/** The text each memory would be embedded from, for the ids of this tenant that exist. */
export async function memoryTexts(
  tenant: Tenant,
  ids: number[],
  db?: Database,
): Promise<{ id: number; rawData: RawData; version: string }[]> {
  if (ids.length === 0) return [];
  const conn = db ?? (await getDb());
  return conn
    .select({ id: memoryLogs.id, rawData: memoryLogs.rawData, version: exactTimestamp(sql`${memoryLogs.updatedAt}`) })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), inArray(memoryLogs.id, ids)))
    .orderBy(asc(memoryLogs.id));
}

/**
 * The specification's "Update Embedding", scoped to the tenant, for memories still at the version
 * their text was read at (an edit in between would otherwise get the old text's vector).
 * Returns the ids written.
 */
export async function setEmbeddings(
  tenant: Tenant,
  vectors: { id: number; embedding: number[]; version: string }[],
  db?: Database,
  write?: WriteContext,
): Promise<number[]> {
  if (vectors.length === 0) return [];
  const conn = db ?? (await getDb());
  return writeAs(conn, write, async (tx) => {
    const done: number[] = [];
    for (const v of vectors) {
      const rows = await tx
        .update(memoryLogs)
        .set({ embedding: v.embedding, updatedAt: sql`now()` })
        .where(
          and(
            tenantWhere(tenant),
            eq(memoryLogs.id, v.id),
            sql`${exactTimestamp(sql`${memoryLogs.updatedAt}`)} = ${v.version}`,
          ),
        )
        .returning({ id: memoryLogs.id });
      if (rows.length) done.push(v.id);
    }
    return done;
  });
}
