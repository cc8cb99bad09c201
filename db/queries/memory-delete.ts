import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { conflict, notFound } from "@/db/app-error";
import { type Database, getDb } from "../client";
import type { MemoryFilters } from "../filters";
import { memoryImports, memoryLogs } from "../schema";
import type { Tenant } from "../tenant";
import { memoryWhere, tenantWhere } from "./memory-filters";
import { moveToTrash } from "./trash";

export type DeleteOptions = { db?: Database; deletedBy?: string | null; reason?: string };

/**
 * Deletes these ids of the tenant, moving them to the trash as one delete operation (its id is
 * what Undo restores); ids of other tenants or missing ones are reported, not touched.
 */
export async function deleteMemories(
  tenant: Tenant,
  ids: number[],
  options: DeleteOptions = {},
): Promise<{ deleted: number[]; notFound: number[]; operation: string }> {
  const unique = [...new Set(ids)];
  const operation = randomUUID();
  if (unique.length === 0) return { deleted: [], notFound: [], operation };
  const conn = options.db ?? (await getDb());
  const moved = await moveToTrash(conn, and(tenantWhere(tenant), inArray(memoryLogs.id, unique))!, {
    operation,
    deletedBy: options.deletedBy ?? null,
    reason:
      options.reason ??
      (unique.length === 1 ? `Deleted memory ${unique[0]}` : `Deleted ${unique.length} selected memories`),
  });
  const deleted = new Set(moved);
  return {
    deleted: unique.filter((id) => deleted.has(id)),
    notFound: unique.filter((id) => !deleted.has(id)),
    operation,
  };
}

/**
 * Deletes every memory matching the filters (into the trash, as one operation), but only if
 * their number is still the one the user confirmed; otherwise nothing is deleted.
 */
export async function deleteMatching(
  tenant: Tenant,
  filters: MemoryFilters,
  expectedCount: number,
  options: DeleteOptions = {},
): Promise<{ deleted: number; operation: string }> {
  const conn = options.db ?? (await getDb());
  const operation = randomUUID();
  return conn.transaction(async (tx) => {
    const moved = await moveToTrash(tx, memoryWhere(tenant, filters), {
      operation,
      deletedBy: options.deletedBy ?? null,
      reason: options.reason ?? "Deleted all memories matching a filter",
    });
    if (moved.length !== expectedCount) {
      throw conflict(
        `The filter now matches ${moved.length} memories, not the ${expectedCount} you confirmed. Nothing was deleted; check the preview again.`,
      );
    }
    return { deleted: moved.length, operation };
  });
}

/**
 * Undoes an import: the memories it created that still exist move to the trash as one delete
 * operation (restorable like any other). Refuses an import of another tenant or none at all.
 */
export async function deleteImported(
  tenant: Tenant,
  importId: string,
  options: DeleteOptions = {},
): Promise<{ deleted: number[]; imported: number; operation: string }> {
  const conn = options.db ?? (await getDb());
  const operation = randomUUID();
  return conn.transaction(async (tx) => {
    const [found] = await tx
      .select({ ids: memoryImports.memoryIds })
      .from(memoryImports)
      .where(
        and(
          eq(memoryImports.id, importId),
          eq(memoryImports.userId, tenant.userId),
          eq(memoryImports.projectId, tenant.projectId),
        ),
      );
    if (!found) throw notFound("That import");
    // One array parameter, whatever the size (a list of 100,000 parameters would exceed the protocol's limit).
    const ids = `{${found.ids.join(",")}}`;
    const deleted = await moveToTrash(tx, and(tenantWhere(tenant), sql`${memoryLogs.id} = any(${ids}::int[])`)!, {
      operation,
      deletedBy: options.deletedBy ?? null,
      reason: options.reason ?? `Reverted an import of ${found.ids.length} memories`,
    });
    if (deleted.length === 0)
      throw conflict("Nothing of this import is left: its memories were already deleted or the import undone.");
    return { deleted: deleted.sort((a, b) => a - b), imported: found.ids.length, operation };
  });
}
