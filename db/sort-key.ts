import { type SQL, sql } from "drizzle-orm";
import { memoryLogs } from "./schema";

export const SORT_FIELDS = ["created_at", "updated_at", "id"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortOrder = "asc" | "desc";

/**
 * The sort key as the recommended indexes store it. Timestamps are nullable in the
 * specification's schema; NULL sorts as the oldest so keyset comparisons stay simple.
 */
export function sortKey(field: SortField): SQL {
  if (field === "id") return sql`${memoryLogs.id}`;
  const column = field === "created_at" ? memoryLogs.createdAt : memoryLogs.updatedAt;
  return sql`coalesce(${column}, '-infinity'::timestamp)`;
}
