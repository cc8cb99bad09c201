import { invalid } from "./app-error";
import type { SortField, SortOrder } from "./sort-key";

/** Where a page ended: the sort key of its last row (as PostgreSQL prints it) and its id. */
export type Cursor = { sort: SortField; order: SortOrder; key: string; id: number };

const TIMESTAMP = /^(\d{4,6})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?$/;
const MAX_YEAR = 294_276; // PostgreSQL's last timestamp year

/** A sort key as listMemories prints it: ±infinity or a timestamp that exists in the calendar. */
function isTimestampKey(key: string): boolean {
  if (key === "-infinity" || key === "infinity") return true;
  const m = TIMESTAMP.exec(key);
  if (!m) return false;
  const [year, month, day, hh, mm, ss] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1 || year > MAX_YEAR || hh > 23 || mm > 59 || ss > 59) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.key, cursor.id])).toString("base64url");
}

/** Decodes a cursor made by encodeCursor for the same sort and order; anything else is refused. */
export function decodeCursor(raw: string, sort: SortField, order: SortOrder): Cursor {
  const bad = () =>
    invalid(
      "cursor",
      "The cursor is not valid: it was changed, or it belongs to another sort order. Start again from the first page.",
    );
  if (raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
  const [s, o, key, id] = parsed as unknown[];
  if (s !== sort || o !== order || typeof key !== "string" || typeof id !== "number") throw bad();
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw bad();
  if (sort === "id" ? key !== String(id) : !isTimestampKey(key)) throw bad();
  return { sort, order, key, id };
}
