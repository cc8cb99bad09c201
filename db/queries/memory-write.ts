import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { conflict, notFound } from "@/db/app-error";
import { type Database, getDb } from "../client";
import { exactTimestamp } from "../exact-timestamp";
import { memoryLogs, type RawData } from "../schema";
import type { Tenant } from "../tenant";
import { type WriteContext, writeAs } from "../write-context";
import { recordEmbedders } from "./memory-embedders";
import { tenantWhere } from "./memory-filters";
import { getMemory, type MemoryDetail } from "./memory-read";

/** The specification's "Create Memory", with the embedding when there is one. */
export async function insertMemory(
  tenant: Tenant,
  input: { rawData: RawData; embedding: number[] | null; embedder?: string },
  db?: Database,
): Promise<MemoryDetail> {
  const conn = db ?? (await getDb());
  const id = await conn.transaction(async (tx) => {
    const [row] = await tx
      .insert(memoryLogs)
      .values({
        userId: tenant.userId,
        projectId: tenant.projectId,
        rawData: input.rawData,
        embedding: input.embedding,
      })
      .returning({ id: memoryLogs.id });
    if (input.embedding && input.embedder) await recordEmbedders(tenant, [row!.id], input.embedder, tx);
    return row!.id;
  });
  return (await getMemory(tenant, id, conn))!;
}

/**
 * Replaces raw_data only if the memory still has the `version` the user saw; otherwise refuses
 * with a conflict rather than overwrite someone else's change. Text that stores as the same jsonb
 * text changes nothing, not even updated_at (`unchanged`).
 */
export async function updateMemoryRawData(
  tenant: Tenant,
  input: {
    id: number;
    rawData: RawData;
    version: string /** Replaces the embedding too when given (null removes it). */;
    embedding?: number[] | null;
  },
  db?: Database,
  write?: WriteContext,
): Promise<MemoryDetail & { unchanged: boolean }> {
  const conn = db ?? (await getDb());
  const atVersion = and(
    tenantWhere(tenant),
    eq(memoryLogs.id, input.id),
    sql`${exactTimestamp(sql`${memoryLogs.updatedAt}`)} = ${input.version}`,
  );
  const updated = await writeAs(conn, write, (tx) =>
    tx
      .update(memoryLogs)
      .set({
        rawData: input.rawData,
        updatedAt: sql`now()`,
        ...(input.embedding !== undefined ? { embedding: input.embedding } : {}),
      })
      .where(
        and(
          atVersion,
          // Only a real change is written: other text, or (when one is given) another vector.
          input.embedding === undefined
            ? sql`${memoryLogs.rawData}::text is distinct from (${input.rawData}::jsonb)::text`
            : sql`(${memoryLogs.rawData}::text is distinct from (${input.rawData}::jsonb)::text or ${memoryLogs.embedding} is distinct from ${input.embedding === null ? null : sql`${JSON.stringify(input.embedding)}::vector`})`,
        ),
      )
      .returning({ id: memoryLogs.id }),
  );
  const current = await getMemory(tenant, input.id, conn);
  if (!current) throw notFound(`Memory ${input.id}`);
  if (updated.length) return { ...current, unchanged: false };
  if (current.version === input.version) return { ...current, unchanged: true };
  throw conflict(
    `Memory ${input.id} changed since you opened it (it was updated at ${current.version}). Reload it to see the change, then edit again.`,
  );
}
