import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Database, getDb } from "../client";
import { selectRows } from "../rows";
import { memoryVersions, type RawData } from "../schema";
import type { Tenant } from "../tenant";

/**
 * One version of a memory. The current row is the newest (`versionId` null, `replacedAt` null);
 * each earlier one is a row memory_versions kept when an update or delete replaced it.
 * Timestamps of the row are exact text (microseconds, 'none' for NULL), as `version` is.
 */
export type MemoryVersion = {
  /** 1 for the oldest kept version, counting up to the current row. */
  version: number;
  versionId: number | null;
  rawData: RawData;
  createdAt: string;
  updatedAt: string;
  /** When an update or delete replaced this version, by whom (null: outside the dashboard). */
  replacedAt: string | null;
  change: "update" | "delete" | null;
  actor: string | null;
  operation: string | null;
  /** The embedder of the vector that replaced this one, when the app made it. */
  replacedByEmbedder: string | null;
  /** For a deleted version: when the app put the memory back from the trash, and who (null when not known). */
  restoredAt: string | null;
  restoredBy: string | null;
  hasEmbedding: boolean;
  /** Distances from the previous version's vector; null when either has none or this is the oldest. */
  drift: { l2: number; cosine: number | null } | null;
  embeddingChanged: boolean;
};

const rowSchema = z.object({
  version_id: z.string().nullable(),
  raw_data: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  replaced_at: z.string().nullable(),
  change: z.enum(["u", "d"]).nullable(),
  actor: z.string().nullable(),
  operation: z.string().nullable(),
  embedder: z.string().nullable(),
  restored_at: z.string().nullable(),
  restored_by: z.string().nullable(),
  has_embedding: z.boolean(),
  l2: z.coerce.number().nullable(),
  cosine: z.coerce.number().nullable(),
  changed: z.boolean().nullable(),
});

const stamp = (column: string) =>
  sql.raw(
    `case when ${column} is null then 'none' when isfinite(${column}) then to_char(${column}, 'YYYY-MM-DD HH24:MI:SS.US') else ${column}::text end`,
  );

/**
 * A memory's versions, newest first: the current row (when it exists) and every kept one. The
 * drift of each vector from the one before is computed here, so no vector leaves the database.
 * Empty when the tenant has no such memory and kept none of it.
 */
export async function memoryHistory(tenant: Tenant, id: number, db?: Database): Promise<MemoryVersion[]> {
  const conn = db ?? (await getDb());
  const rows = await selectRows(
    conn,
    sql`
    with kept as (
      select version_id, raw_data, embedding, created_at, updated_at, replaced_at, change, actor, operation, embedder,
             restored_at, restored_by
        from memory_versions
       where user_id = ${tenant.userId} and project_id = ${tenant.projectId} and memory_id = ${id}
      union all
      select null, raw_data, embedding, created_at, updated_at, null, null, null, null, null, null, null
        from memory_logs
       where user_id = ${tenant.userId} and project_id = ${tenant.projectId} and id = ${id}
    ),
    ordered as (
      select *, lag(embedding) over w as previous, row_number() over w as n
        from kept window w as (order by version_id nulls last)
    )
    select version_id::text, raw_data::text as raw_data, ${stamp("created_at")} as created_at,
           ${stamp("updated_at")} as updated_at,
           to_char(replaced_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as replaced_at,
           change, actor, operation::text, embedder,
           to_char(restored_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as restored_at, restored_by, embedding is not null as has_embedding,
           (embedding <-> previous)::float8 as l2,
           case when vector_norm(embedding) > 0 and vector_norm(previous) > 0 then (embedding <=> previous)::float8 end as cosine,
           case when n = 1 then null else embedding is distinct from previous end as changed
      from ordered
     order by n desc`,
    rowSchema,
  );
  return rows.map((r, i) => ({
    version: rows.length - i,
    versionId: r.version_id === null ? null : Number(r.version_id),
    rawData: r.raw_data,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    replacedAt: r.replaced_at,
    change: r.change === "u" ? "update" : r.change === "d" ? "delete" : null,
    actor: r.actor,
    operation: r.operation,
    replacedByEmbedder: r.embedder,
    restoredAt: r.restored_at,
    restoredBy: r.restored_by,
    hasEmbedding: r.has_embedding,
    drift: r.l2 === null ? null : { l2: r.l2, cosine: r.cosine },
    embeddingChanged: r.changed === true,
  }));
}

/** One kept version of the tenant's memory `memoryId`, with its vector; null for another memory's or tenant's. */
export async function keptVersion(
  tenant: Tenant,
  memoryId: number,
  versionId: number,
  db?: Database,
): Promise<{ rawData: RawData; embedding: number[] | null; vectorEmbedder: string | null } | null> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({
      rawData: memoryVersions.rawData,
      embedding: memoryVersions.embedding,
      vectorEmbedder: memoryVersions.vectorEmbedder,
    })
    .from(memoryVersions)
    .where(
      and(
        eq(memoryVersions.userId, tenant.userId),
        eq(memoryVersions.projectId, tenant.projectId),
        eq(memoryVersions.memoryId, memoryId),
        eq(memoryVersions.versionId, versionId),
      ),
    );
  return row ?? null;
}

/** Deletes versions replaced more than `retentionDays` ago, in every tenant; answers how many went. */
export async function purgeExpiredVersions(retentionDays: number, db?: Database): Promise<number> {
  const conn = db ?? (await getDb());
  const rows = await conn
    .delete(memoryVersions)
    .where(sql`${memoryVersions.replacedAt} < now() - make_interval(days => ${retentionDays})`)
    .returning({ versionId: memoryVersions.versionId });
  return rows.length;
}

/** How many replaced versions a project keeps, and since when (index-only on the project's index). */
export async function projectHistory(
  projectId: string,
  db?: Database,
): Promise<{ versions: number; oldest: Date | null }> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({ versions: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${memoryVersions.replacedAt})` })
    .from(memoryVersions)
    .where(eq(memoryVersions.projectId, projectId));
  return { versions: row?.versions ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}
