import "server-only";
import { and, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { conflict } from "@/db/app-error";
import { type Database, getDb } from "../client";
import type { MemoryFilters } from "../filters";
import { selectRows } from "../rows";
import { memoryLogs } from "../schema";
import type { Tenant } from "../tenant";
import { type WriteContext, writeAs } from "../write-context";
import { memoryWhere, tenantWhere } from "./memory-filters";

/** One change to many memories: tags added (after the kept ones) and removed, and the component set. */
export type BulkEdit = { addTags: string[]; removeTags: string[]; component?: string };

/** The memories it applies to: these ids of the tenant, or all matching the filters (if still `expectedCount`). */
export type BulkEditTarget = { ids: number[] } | { filters: MemoryFilters; expectedCount: number };

export type BulkEditResult = {
  /** Memories the target named that exist. */
  matched: number;
  /** Memories whose raw_data changed; the first 10,000 ids, in id order. */
  updated: number;
  updatedIds: number[];
  /** Memories that already were as asked: not written, not even updated_at. */
  unchanged: number;
  /** Memories left alone because the edit does not apply: raw_data is not an object, or `tags` is not a list. */
  skipped: number[];
  /** Ids asked for that the tenant does not have (always empty for a filter). */
  notFound: number[];
};

const ID_LIMIT = 10_000;

/**
 * Applies `edit` to the target's memories in one transaction, under `write` (so each memory's
 * previous raw_data is kept in its history under the operation, and the whole edit reverts at once).
 * Only what the edit touches changes: other keys, the order of kept tags and tags that are not
 * strings stay as stored. A memory the edit leaves as it was is not written.
 */
export async function bulkEditMemories(
  tenant: Tenant,
  target: BulkEditTarget,
  edit: BulkEdit,
  write: WriteContext,
  db?: Database,
): Promise<BulkEditResult> {
  const conn = db ?? (await getDb());
  const asked = "ids" in target ? [...new Set(target.ids)] : null;
  const where =
    asked === null
      ? memoryWhere(tenant, (target as { filters: MemoryFilters }).filters)
      : and(tenantWhere(tenant), sql`${memoryLogs.id} = any(${`{${asked.join(",")}}`}::int[])`)!;
  const raw = sql`${memoryLogs.rawData}`;
  const skip = skipCondition(raw, edit);
  const next = nextRawData(raw, edit);

  return writeAs(conn, write, async (tx) => {
    const found = await selectRows(
      tx,
      sql`select ${memoryLogs.id} as id, ${skip} as skip from ${memoryLogs} where ${where} order by ${memoryLogs.id} for update`,
      z.object({ id: z.coerce.number(), skip: z.boolean() }),
    );
    if (asked === null && "expectedCount" in target && found.length !== target.expectedCount)
      throw conflict(
        `The filter now matches ${found.length} memories, not the ${target.expectedCount} you confirmed. Nothing was changed; check the count again.`,
      );
    const skipped = found.filter((r) => r.skip).map((r) => r.id);
    const updated = await selectRows(
      tx,
      sql`
      update ${memoryLogs} set raw_data = n.next, updated_at = now()
      from (select ${memoryLogs.id} as id, ${next} as next from ${memoryLogs} where ${where} and not (${skip})) n
      where ${memoryLogs.id} = n.id and ${tenantWhere(tenant)} and ${memoryLogs.rawData} is distinct from n.next
      returning ${memoryLogs.id} as id`,
      z.object({ id: z.coerce.number() }),
    );
    const ids = updated.map((r) => r.id).sort((a, b) => a - b);
    const present = new Set(found.map((r) => r.id));
    return {
      matched: found.length,
      updated: ids.length,
      updatedIds: ids.slice(0, ID_LIMIT),
      unchanged: found.length - skipped.length - ids.length,
      skipped,
      notFound: asked?.filter((id) => !present.has(id)) ?? [],
    };
  });
}

const hasTagPart = (edit: BulkEdit) => edit.addTags.length > 0 || edit.removeTags.length > 0;

/** Where the edit cannot apply without changing what it was not asked to change. */
function skipCondition(raw: SQL, edit: BulkEdit): SQL {
  const notObject = sql`jsonb_typeof(${raw}) <> 'object'`;
  if (!hasTagPart(edit)) return notObject;
  return sql`(${notObject} or (${raw} ? 'tags' and jsonb_typeof(${raw} -> 'tags') <> 'array'))`;
}

/** raw_data after the edit, in SQL (the tags are parameters, never spliced in). */
function nextRawData(raw: SQL, edit: BulkEdit): SQL {
  let next = raw;
  if (hasTagPart(edit)) {
    const add = JSON.stringify(edit.addTags);
    const remove = JSON.stringify(edit.removeTags);
    const kept = sql`coalesce(${raw} -> 'tags', '[]'::jsonb)`;
    const tags = sql`(
      select coalesce(jsonb_agg(e order by o), '[]'::jsonb) from (
        select e, o from jsonb_array_elements(${kept}) with ordinality k(e, o)
        where not exists (select 1 from jsonb_array_elements(${remove}::jsonb) r(x) where r.x = k.e)
        union all
        select a, 1000000000 + i from jsonb_array_elements(${add}::jsonb) with ordinality n(a, i)
        where not exists (select 1 from jsonb_array_elements(${kept}) k2(x) where k2.x = n.a)
      ) t)`;
    // Removing from a memory without tags adds no empty list.
    next = sql`case when not (${raw} ? 'tags') and jsonb_array_length(${add}::jsonb) = 0 then ${raw}
      else jsonb_set(${raw}, '{tags}', ${tags}) end`;
  }
  if (edit.component !== undefined) next = sql`jsonb_set(${next}, '{component}', to_jsonb(${edit.component}::text))`;
  return next;
}
