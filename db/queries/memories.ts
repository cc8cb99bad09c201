import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { encodeCursor, type Cursor } from "@/lib/memory-query/cursor";
import { COUNT_CAP, type MemoryFilters, type MemoryListQuery, type SortOrder } from "@/lib/memory-query/params";
import { conflict, notFound } from "@/lib/errors";
import { getDb, type Database } from "../client";
import { selectRows } from "../rows";
import { memoryLogs, type MemoryLog, type RawData } from "../schema";
import type { Tenant } from "../tenant";
import { memoryWhere, sortKey, tenantWhere } from "./memory-filters";
import { COUNT_BUDGET, planList, walking, type ListPlan } from "./list-plan";
import { isUnfiltered, tenantCounts } from "./tenant-stats";
import { moveToTrash } from "./trash";

/** A row of the memory list: previews are cut here, so a 100 KB memory never reaches the table whole. */
export type MemorySummary = {
  id: number;
  createdAt: Date | null;
  updatedAt: Date | null;
  preview: string | null;
  tags: string[];
  tagCount: number;
  component: string | null;
  hasEmbedding: boolean;
  size: number;
};

export type Total = { value: number; exact: boolean };
export type MemoryPage = { items: MemorySummary[]; nextCursor: string | null; total: Total };

/** A whole memory plus `version`, the exact `updated_at` an edit must carry to detect conflicts. */
export type MemoryDetail = MemoryLog & { version: string };

export const PREVIEW_CHARS = 280;
const PREVIEW_TAGS = 20;

// Exact text of a timestamp, independent of the server's DateStyle, for cursors and versions.
export const exactTimestamp = (column: SQL) =>
  sql<string>`case when ${column} is null then 'none' when isfinite(${column}) then to_char(${column}, 'YYYY-MM-DD HH24:MI:SS.US') else ${column}::text end`;

const tagsJson = sql`(${memoryLogs.rawData} -> 'tags')`;

/** The columns of a MemorySummary, computed in the database so big memories are cut there. */
export const summaryFields = {
  id: memoryLogs.id,
  createdAt: memoryLogs.createdAt,
  updatedAt: memoryLogs.updatedAt,
  preview: sql<string | null>`left(coalesce(${memoryLogs.rawData} ->> 'content', ${memoryLogs.rawData} ->> 'text'), ${PREVIEW_CHARS})`,
  // Tags as text: a string as itself, anything else as its JSON text (a number keeps every digit).
  tags: sql<string[]>`case when jsonb_typeof(${tagsJson}) = 'array'
    then array(select case when jsonb_typeof(t) = 'string' then t #>> '{}' else t::text end from jsonb_array_elements(${tagsJson}) t limit ${PREVIEW_TAGS})
    else '{}'::text[] end`,
  tagCount: sql<number>`case when jsonb_typeof(${tagsJson}) = 'array' then jsonb_array_length(${tagsJson}) else 0 end`,
  component: sql<string | null>`left(${memoryLogs.rawData} ->> 'component', 200)`,
  hasEmbedding: sql<boolean>`${memoryLogs.embedding} is not null`,
  size: sql<number>`octet_length(${memoryLogs.rawData}::text)`,
};

/** One page of a tenant's memories: by page number (OFFSET) or after a cursor (keyset), with a capped total. */
export async function listMemories(tenant: Tenant, query: MemoryListQuery, db?: Database): Promise<MemoryPage> {
  const conn = db ?? (await getDb());
  const plan = isUnfiltered(query.filters) ? null : await planList(conn, tenant, query.filters);
  const [rows, total] = await Promise.all([
    plan?.read === "none"
      ? []
      : selectSummaries(conn, tenant, query, {
          limit: query.limit + 1,
          offset: query.cursor ? 0 : (query.page - 1) * query.limit,
          after: query.cursor,
          order: query.order,
          ...(plan ? { read: plan.read } : {}),
        }),
    countMemories(tenant, query.filters, conn, plan),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor({ sort: query.sort, order: query.order, key: last.cursorKey, id: last.id }) : null;
  // A total counted over part of the tenant is at least what this page shows.
  const offset = query.cursor ? 0 : (query.page - 1) * query.limit;
  const seen = offset + page.length + (nextCursor ? 1 : 0);
  return { items: page.map(toSummary), nextCursor, total: total.exact || total.value >= seen ? total : { value: seen, exact: false } };
}

/**
 * The memories just before and after `id` in the list the user came from (same filters and
 * sort), for previous/next in the inspector. Null where the list ends, or when `id` is not
 * in the tenant.
 */
export async function memoryNeighbours(
  tenant: Tenant,
  query: MemoryListQuery,
  id: number,
  db?: Database,
): Promise<{ previous: number | null; next: number | null }> {
  const conn = db ?? (await getDb());
  const key = sortKey(query.sort);
  const [current] = await conn
    .select({ key: query.sort === "id" ? sql<string>`${memoryLogs.id}::text` : exactTimestamp(key) })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), eq(memoryLogs.id, id)));
  if (!current) return { previous: null, next: null };
  const at = { sort: query.sort, order: query.order, key: current.key, id };
  const reverse = query.order === "desc" ? "asc" : "desc";
  const [after, before] = await Promise.all([
    selectSummaries(conn, tenant, query, { limit: 1, offset: 0, after: at, order: query.order }),
    selectSummaries(conn, tenant, query, { limit: 1, offset: 0, after: { ...at, order: reverse }, order: reverse }),
  ]);
  return { previous: before[0]?.id ?? null, next: after[0]?.id ?? null };
}

async function selectSummaries(
  conn: Database,
  tenant: Tenant,
  query: MemoryListQuery,
  page: { limit: number; offset: number; after?: Cursor; order: SortOrder; read?: "walk" | "collect" },
) {
  const where = memoryWhere(tenant, query.filters, { tagIndex: page.read !== "walk" });
  const key = sortKey(query.sort);
  const direction = page.order === "desc" ? desc : asc;
  const order = query.sort === "id" ? [direction(memoryLogs.id)] : [direction(key), direction(memoryLogs.id)];
  // Collecting: the same order written so no index provides it, so the planner gathers the
  // matches through the filter's own index instead of walking the tenant in list order.
  const collectOrder =
    query.sort === "id" ? [direction(sql`${memoryLogs.id} + 0`)] : [direction(sql`${key} + interval '0 seconds'`), direction(sql`${memoryLogs.id} + 0`)];
  const findOrder = page.read === "collect" ? collectOrder : order;

  let keyset: SQL | undefined;
  if (page.after) {
    const c = page.after;
    const cmp = page.order === "desc" ? sql`<` : sql`>`;
    keyset = query.sort === "id" ? sql`${memoryLogs.id} ${cmp} ${c.id}` : sql`(${key}, ${memoryLogs.id}) ${cmp} (${c.key}::timestamp, ${c.id})`;
  }

  const fields = { ...summaryFields, cursorKey: query.sort === "id" ? sql<string>`${memoryLogs.id}::text` : exactTimestamp(key) };
  // The plan (db/queries/list-plan.ts) applies to finding the page's rows only.
  const find = <T>(work: (db: Database) => Promise<T>) => (page.read === "walk" ? walking(conn, work) : work(conn));
  if (page.offset > 0) {
    // Deep pages: OFFSET walks the skipped rows; let it walk ids and sort keys only (an
    // index-only scan when it can) and compute the summaries of the page's rows only. The outer
    // order is the inner query's, which no index of the table provides, so the planner keeps
    // the inner plan instead of walking the tenant's sort index to avoid sorting 50 rows.
    const ids = conn
      .select({ id: sql<number>`${memoryLogs.id}`.as("page_id"), key: sql`${query.sort === "id" ? memoryLogs.id : key}`.as("page_key") })
      .from(memoryLogs)
      .where(where)
      .orderBy(...findOrder)
      .limit(page.limit)
      .offset(page.offset)
      .as("page");
    return find((db) =>
      db
        .select(fields)
        .from(ids)
        .innerJoin(memoryLogs, and(eq(memoryLogs.id, ids.id), tenantWhere(tenant)))
        .orderBy(direction(ids.key), direction(ids.id)),
    );
  }
  return find((db) =>
    db
      .select(fields)
      .from(memoryLogs)
      .where(keyset ? and(where, keyset) : where)
      .orderBy(...findOrder)
      .limit(page.limit),
  );
}

function toSummary({ cursorKey: _, ...row }: Awaited<ReturnType<typeof selectSummaries>>[number]): MemorySummary {
  return summaryFromRow(row);
}

/** A row selected with summaryFields, as a MemorySummary. */
export function summaryFromRow({ tags, ...row }: { tags: string[] } & Omit<MemorySummary, "tags">): MemorySummary {
  return { ...row, tags: tags.map((t) => t.slice(0, 100)) };
}

/**
 * How many memories match: the whole tenant, or one tag or component alone, exactly from the kept
 * totals; other filters counted exactly up to COUNT_CAP and as "at least" beyond; on a big tenant,
 * filters no index answers are counted over its newest COUNT_BUDGET rows only, as "at least"
 * (a full count would read every row of the tenant).
 */
export async function countMemories(tenant: Tenant, filters: MemoryFilters, db?: Database, knownPlan?: ListPlan | null): Promise<Total> {
  const conn = db ?? (await getDb());
  if (isUnfiltered(filters)) return { value: (await tenantCounts(tenant, conn)).memories, exact: true };
  const plan = knownPlan ?? (await planList(conn, tenant, filters));
  if (plan.count.from === "facets") return { value: plan.count.value, exact: true };
  if (plan.count.from === "budget") {
    const newest = conn
      .select({ matches: sql<boolean>`(${memoryWhere(tenant, filters, { tagIndex: false })})`.as("matches") })
      .from(memoryLogs)
      .where(tenantWhere(tenant))
      .orderBy(desc(sortKey("created_at")), desc(memoryLogs.id))
      .limit(COUNT_BUDGET)
      .as("newest");
    const [row] = await conn.select({ matched: sql<number>`(count(*) filter (where ${sql.identifier("newest")}.matches))::int` }).from(newest);
    return { value: row?.matched ?? 0, exact: false };
  }
  const capped = conn
    .select({ one: sql`1` })
    .from(memoryLogs)
    .where(memoryWhere(tenant, filters, { tagIndex: plan.read !== "walk" }))
    .limit(COUNT_CAP + 1)
    .as("capped");
  const [row] = await conn.select({ n: sql<number>`count(*)::int` }).from(capped);
  const n = row?.n ?? 0;
  return n > COUNT_CAP ? { value: COUNT_CAP, exact: false } : { value: n, exact: true };
}

/** The exact number of matching memories, uncapped: what a delete by filter would remove. */
export async function countMatching(tenant: Tenant, filters: MemoryFilters, db?: Database): Promise<number> {
  const conn = db ?? (await getDb());
  const [row] = await conn.select({ n: sql<number>`count(*)::int` }).from(memoryLogs).where(memoryWhere(tenant, filters));
  return row?.n ?? 0;
}

/** The specification's "Get Memory by ID": null when the id is missing or belongs to another tenant. */
export async function getMemory(tenant: Tenant, id: number, db?: Database): Promise<MemoryDetail | null> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({
      id: memoryLogs.id,
      userId: memoryLogs.userId,
      projectId: memoryLogs.projectId,
      rawData: memoryLogs.rawData,
      embedding: memoryLogs.embedding,
      createdAt: memoryLogs.createdAt,
      updatedAt: memoryLogs.updatedAt,
      version: exactTimestamp(sql`${memoryLogs.updatedAt}`),
    })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), eq(memoryLogs.id, id)));
  return row ?? null;
}

/** Does this tenant have any memory? Tenants exist only through their memories. */
export async function tenantExists(tenant: Tenant, db?: Database): Promise<boolean> {
  const conn = db ?? (await getDb());
  const rows = await conn.select({ id: memoryLogs.id }).from(memoryLogs).where(tenantWhere(tenant)).limit(1);
  return rows.length > 0;
}

/** The specification's "Create Memory", with the embedding when there is one. */
export async function insertMemory(
  tenant: Tenant,
  input: { rawData: RawData; embedding: number[] | null },
  db?: Database,
): Promise<MemoryDetail> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .insert(memoryLogs)
    .values({ userId: tenant.userId, projectId: tenant.projectId, rawData: input.rawData, embedding: input.embedding })
    .returning({ id: memoryLogs.id });
  return (await getMemory(tenant, row!.id, conn))!;
}

/**
 * Replaces raw_data only if the memory still has the `version` the user saw; otherwise refuses
 * with a conflict rather than overwrite someone else's change. Text that stores as the same jsonb
 * text changes nothing, not even updated_at (`unchanged`).
 */
export async function updateMemoryRawData(
  tenant: Tenant,
  input: { id: number; rawData: RawData; version: string; /** Replaces the embedding too when given (null removes it). */ embedding?: number[] | null },
  db?: Database,
): Promise<MemoryDetail & { unchanged: boolean }> {
  const conn = db ?? (await getDb());
  const atVersion = and(tenantWhere(tenant), eq(memoryLogs.id, input.id), sql`${exactTimestamp(sql`${memoryLogs.updatedAt}`)} = ${input.version}`);
  const updated = await conn
    .update(memoryLogs)
    .set({ rawData: input.rawData, updatedAt: sql`now()`, ...(input.embedding !== undefined ? { embedding: input.embedding } : {}) })
    .where(and(atVersion, sql`${memoryLogs.rawData}::text is distinct from (${input.rawData}::jsonb)::text`))
    .returning({ id: memoryLogs.id });
  const current = await getMemory(tenant, input.id, conn);
  if (!current) throw notFound(`Memory ${input.id}`);
  if (updated.length) return { ...current, unchanged: false };
  if (current.version === input.version) return { ...current, unchanged: true };
  throw conflict(`Memory ${input.id} changed since you opened it (it was updated at ${current.version}). Reload it to see the change, then edit again.`);
}

/** The text each memory would be embedded from, for the ids of this tenant that exist. */
export async function memoryTexts(tenant: Tenant, ids: number[], db?: Database): Promise<{ id: number; rawData: RawData; version: string }[]> {
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
): Promise<number[]> {
  if (vectors.length === 0) return [];
  const conn = db ?? (await getDb());
  return conn.transaction(async (tx) => {
    const done: number[] = [];
    for (const v of vectors) {
      const rows = await tx
        .update(memoryLogs)
        .set({ embedding: v.embedding, updatedAt: sql`now()` })
        .where(and(tenantWhere(tenant), eq(memoryLogs.id, v.id), sql`${exactTimestamp(sql`${memoryLogs.updatedAt}`)} = ${v.version}`))
        .returning({ id: memoryLogs.id });
      if (rows.length) done.push(v.id);
    }
    return done;
  });
}

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
    reason: options.reason ?? (unique.length === 1 ? `Deleted memory ${unique[0]}` : `Deleted ${unique.length} selected memories`),
  });
  const deleted = new Set(moved);
  return { deleted: unique.filter((id) => deleted.has(id)), notFound: unique.filter((id) => !deleted.has(id)), operation };
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
