import { type AnyColumn, type SQL, sql } from "drizzle-orm";

// The SQL form of memoryText (lib/raw-data.ts): the text of a memory is raw_data's `content`, else its `text`.
const TEXT_KEYS = ["content", "text"] as const;
const field = (rawData: AnyColumn | SQL, key: (typeof TEXT_KEYS)[number]) => sql`${rawData} ->> ${sql.raw(`'${key}'`)}`;

/** The characters of a memory's text shown in lists (the memory table, search results, the trash). */
export const PREVIEW_CHARS = 280;

/** The start of a memory's text, for lists: the first field present, cut to PREVIEW_CHARS in the database. */
export const memoryPreview = (rawData: AnyColumn | SQL) =>
  sql<string | null>`left(coalesce(${sql.join(
    TEXT_KEYS.map((key) => field(rawData, key)),
    sql`, `,
  )}), ${PREVIEW_CHARS})`;

/**
 * The md5 of a memory's whole text (the field memoryPreview shows), so identical texts can be told
 * apart from merely similar ones; null without text.
 */
export const memoryTextDigest = (rawData: AnyColumn | SQL) =>
  sql<string | null>`md5(coalesce(${sql.join(
    TEXT_KEYS.map((key) => field(rawData, key)),
    sql`, `,
  )}))`;

/** True when the memory has text to embed: a field that is not blank (as memoryText reads it). */
export const hasMemoryText = (rawData: AnyColumn | SQL) =>
  sql<boolean>`coalesce(${sql.join(
    TEXT_KEYS.map((key) => sql`nullif(btrim(${field(rawData, key)}), '')`),
    sql`, `,
  )}) is not null`;
