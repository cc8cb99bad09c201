import "server-only";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { type Cursor, encodeCursor } from "../cursor";
import { exactTimestamp } from "../exact-timestamp";
import { isUnfiltered } from "../filters";
import type { MemoryListQuery, SortOrder } from "../list-query";
import { memoryPreview } from "../memory-text";
import { memoryLogs } from "../schema";
import { sortKey } from "../sort-key";
import type { Tenant } from "../tenant";
import { planList, walking } from "./list-plan";
import { countMemories, type Total } from "./memory-count";
import { memoryWhere, tenantWhere } from "./memory-filters";

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

export type MemoryPage = { items: MemorySummary[]; nextCursor: string | null; total: Total };

const PREVIEW_TAGS = 20;

const tagsJson = sql`(${memoryLogs.rawData} -> 'tags')`;

/** The columns of a MemorySummary, computed in the database so big memories are cut there. */
export const summaryFields = {
  id: memoryLogs.id,
  createdAt: memoryLogs.createdAt,
  updatedAt: memoryLogs.updatedAt,
  preview: memoryPreview(memoryLogs.rawData),
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
    rows.length > query.limit && last
      ? encodeCursor({ sort: query.sort, order: query.order, key: last.cursorKey, id: last.id })
      : null;
  // A total counted over part of the tenant is at least what this page shows.
  const offset = query.cursor ? 0 : (query.page - 1) * query.limit;
  const seen = offset + page.length + (nextCursor ? 1 : 0);
  return {
    items: page.map(toSummary),
    nextCursor,
    total: total.exact || total.value >= seen ? total : { value: seen, exact: false },
  };
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
    query.sort === "id"
      ? [direction(sql`${memoryLogs.id} + 0`)]
      : [direction(sql`${key} + interval '0 seconds'`), direction(sql`${memoryLogs.id} + 0`)];
  const findOrder = page.read === "collect" ? collectOrder : order;

  let keyset: SQL | undefined;
  if (page.after) {
    const c = page.after;
    const cmp = page.order === "desc" ? sql`<` : sql`>`;
    keyset =
      query.sort === "id"
        ? sql`${memoryLogs.id} ${cmp} ${c.id}`
        : sql`(${key}, ${memoryLogs.id}) ${cmp} (${c.key}::timestamp, ${c.id})`;
  }

  const fields = {
    ...summaryFields,
    cursorKey: query.sort === "id" ? sql<string>`${memoryLogs.id}::text` : exactTimestamp(key),
  };
  // The plan (db/queries/list-plan.ts) applies to finding the page's rows only.
  const find = <T>(work: (db: Database) => Promise<T>) => (page.read === "walk" ? walking(conn, work) : work(conn));
  if (page.offset > 0) {
    // Deep pages: OFFSET walks the skipped rows; let it walk ids and sort keys only (an
    // index-only scan when it can) and compute the summaries of the page's rows only. The outer
    // order is the inner query's, which no index of the table provides, so the planner keeps
    // the inner plan instead of walking the tenant's sort index to avoid sorting 50 rows.
    const ids = conn
      .select({
        id: sql<number>`${memoryLogs.id}`.as("page_id"),
        key: sql`${query.sort === "id" ? memoryLogs.id : key}`.as("page_key"),
      })
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
