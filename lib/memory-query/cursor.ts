import { invalid } from "../errors";
import type { SortField, SortOrder } from "./params";

/** Where a page ended: the sort key of its last row (as PostgreSQL prints it) and its id. */
export type Cursor = { sort: SortField; order: SortOrder; key: string; id: number };

const TIMESTAMP = /^(-infinity|\d{4,}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?( BC)?)$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.key, cursor.id])).toString("base64url");
}

/** Decodes a cursor made by encodeCursor for the same sort and order; anything else is refused. */
export function decodeCursor(raw: string, sort: SortField, order: SortOrder): Cursor {
  const bad = () => invalid("cursor", "The cursor is not valid: it was changed, or it belongs to another sort order. Start again from the first page.");
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
  if (sort === "id" ? key !== String(id) : !TIMESTAMP.test(key)) throw bad();
  return { sort, order, key, id };
}
