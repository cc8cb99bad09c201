import "server-only";
import { and, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { MemoryFilters, SortField } from "@/lib/memory-query/params";
import { memoryLogs } from "../schema";
import type { Tenant } from "../tenant";

/** The tenant condition every statement on memory_logs starts from. */
export function tenantWhere(tenant: Tenant): SQL {
  return and(eq(memoryLogs.userId, tenant.userId), eq(memoryLogs.projectId, tenant.projectId))!;
}

const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** Escapes LIKE's wildcards so the user's text is matched literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The tenant and every filter, as one WHERE condition. Values and JSON paths are bound parameters.
 * `tagIndex: false` leaves out the condition idx_memory_logs_tenant_tags answers, for plans that
 * walk the tenant's rows in order instead (common tags: see db/queries/list-plan.ts).
 */
export function memoryWhere(tenant: Tenant, filters: MemoryFilters, options: { tagIndex?: boolean } = {}): SQL {
  const conditions: SQL[] = [tenantWhere(tenant)];
  const tags = sql`(${memoryLogs.rawData} -> 'tags')`;
  if (filters.tags.length) {
    // ?| and ?& also match a plain string or an object key: only a tags array counts.
    conditions.push(sql`jsonb_typeof(${tags}) = 'array'`);
    conditions.push(
      filters.tagMode === "all"
        ? sql`${tags} ?& ${textArray(filters.tags)}`
        : sql`${tags} ?| ${textArray(filters.tags)}`,
    );
    // The same condition as keys of idx_memory_logs_tenant_tags (a superset: the line above decides).
    if (options.tagIndex !== false) {
      const keys = textArray(filters.tags.map((tag) => `${tenant.userId}\u001f${tenant.projectId}\u001f${tag}`));
      const tenantTags = sql`memory_tenant_tags(${memoryLogs.userId}, ${memoryLogs.projectId}, ${memoryLogs.rawData})`;
      conditions.push(filters.tagMode === "all" ? sql`${tenantTags} @> ${keys}` : sql`${tenantTags} && ${keys}`);
    }
  }
  if (filters.components.length) {
    conditions.push(inArray(sql`(${memoryLogs.rawData} ->> 'component')`, filters.components));
  }
  const path = filters.jsonPath;
  if (path) {
    const at = textArray(path.segments);
    if (path.op === "equals") conditions.push(sql`(${memoryLogs.rawData} #>> ${at}) = ${path.value}`);
    else if (path.op === "present") conditions.push(sql`(${memoryLogs.rawData} #> ${at}) is not null`);
    else conditions.push(sql`(${memoryLogs.rawData} #> ${at}) is null`);
  }
  if (filters.text) {
    conditions.push(sql`(${memoryLogs.rawData} ->> 'content') ilike ${likePattern(filters.text)} escape '\\'`);
  }
  // Bounds are bound as timestamp text: Date#toISOString writes years past 9999 in a form PostgreSQL refuses.
  // Each is also written on the sort key, so the tenant's newest-first index scans just the range.
  const createdKey = sortKey("created_at");
  if (filters.from) {
    conditions.push(sql`${memoryLogs.createdAt} >= ${timestampText(filters.from)}::timestamp`);
    conditions.push(sql`${createdKey} >= ${timestampText(filters.from)}::timestamp`);
  }
  if (filters.before) {
    conditions.push(sql`${memoryLogs.createdAt} < ${timestampText(filters.before)}::timestamp`);
    conditions.push(sql`${createdKey} < ${timestampText(filters.before)}::timestamp`);
  }
  if (filters.embedding === "with") conditions.push(isNotNull(memoryLogs.embedding));
  if (filters.embedding === "without") conditions.push(isNull(memoryLogs.embedding));
  return and(...conditions)!;
}

/**
 * The sort key as the recommended indexes store it. Timestamps are nullable in the
 * specification's schema; NULL sorts as the oldest so keyset comparisons stay simple.
 */
export function sortKey(field: SortField): SQL {
  if (field === "id") return sql`${memoryLogs.id}`;
  const column = field === "created_at" ? memoryLogs.createdAt : memoryLogs.updatedAt;
  return sql`coalesce(${column}, '-infinity'::timestamp)`;
}

/** A UTC instant as `timestamp` input text, for any year PostgreSQL stores. */
export function timestampText(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
  );
}
