import "server-only";
import { and, asc, isNull, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { memoryLogs, type RawData } from "../schema";
import type { Tenant } from "../tenant";
import { exactTimestamp } from "./memories";
import { tenantWhere } from "./memory-filters";

// A memory can be embedded when it has a non-blank content or text (as memoryText in lib/raw-data reads it).
const hasText = sql`coalesce(nullif(btrim(${memoryLogs.rawData} ->> 'content'), ''), nullif(btrim(${memoryLogs.rawData} ->> 'text'), '')) is not null`;

/** The next memories of the tenant that have text but no embedding, oldest id first. */
export async function memoriesToEmbed(tenant: Tenant, limit: number, db?: Database): Promise<{ id: number; rawData: RawData; version: string }[]> {
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
export async function missingEmbeddings(tenant: Tenant, db?: Database): Promise<{ missing: number; embeddable: number }> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({ missing: sql<number>`count(*)::int`, embeddable: sql<number>`(count(*) filter (where ${hasText}))::int` })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), isNull(memoryLogs.embedding)));
  return row ?? { missing: 0, embeddable: 0 };
}
