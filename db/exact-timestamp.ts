import { type SQL, sql } from "drizzle-orm";

// Exact text of a timestamp, independent of the server's DateStyle, for cursors and versions.
export const exactTimestamp = (column: SQL) =>
  sql<string>`case when ${column} is null then 'none' when isfinite(${column}) then to_char(${column}, 'YYYY-MM-DD HH24:MI:SS.US') else ${column}::text end`;
