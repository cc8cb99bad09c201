import type { ExportRow } from "@/db/queries/export";

export type ExportFormat = "ndjson" | "csv";

/** One NDJSON line: every column, the embedding included (null when there is none). */
export function ndjsonLine(row: ExportRow): string {
  return (
    `{"id":${row.id},"user_id":${JSON.stringify(row.userId)},"project_id":${JSON.stringify(row.projectId)},` +
    `"raw_data":${row.rawDataJson},"embedding":${row.embeddingJson ?? "null"},` +
    `"created_at":${JSON.stringify(row.createdAt)},"updated_at":${JSON.stringify(row.updatedAt)}}\n`
  );
}

export function csvHeader(withEmbedding: boolean): string {
  return `id,user_id,project_id,created_at,updated_at,raw_data${withEmbedding ? ",embedding" : ""}\r\n`;
}

/**
 * One CSV record (RFC 4180): raw_data as JSON text; the embedding only when asked for. The id is
 * digits and the timestamps ISO 8601 in UTC; every text cell goes through `textCell`.
 */
export function csvLine(row: ExportRow, withEmbedding: boolean): string {
  const fields = [
    String(row.id),
    textCell(row.userId),
    textCell(row.projectId),
    utcCell(row.createdAt),
    utcCell(row.updatedAt),
    textCell(row.rawDataJson),
  ];
  if (withEmbedding) fields.push(textCell(row.embeddingJson ?? ""));
  return `${fields.map(csvField).join(",")}\r\n`;
}

/**
 * A timestamp with its zone (ISO 8601, `Z`): the columns hold UTC without saying so, and a
 * spreadsheet would read a bare time as local. `infinity` stays as it is.
 */
function utcCell(value: string | null): string {
  if (value === null) return "";
  return /^\d{4,}-\d{2}-\d{2}T/.test(value) ? `${value}Z` : value;
}

/** OWASP's CSV injection rule: a cell a spreadsheet would run as a formula starts with a single quote. */
function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Quoted when it holds a quote, comma or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
