import { invalid } from "@/db/app-error";

const SEGMENT = /^([A-Za-z0-9_-]+)((?:\[\d{1,6}\])*)$/;
const MAX_LENGTH = 200;
const MAX_DEPTH = 16;

/**
 * Parses a JSON path such as `meta.source` or `entities[0].type` into the segments of a
 * PostgreSQL `#>` path. Keys are letters, digits, `_` and `-`; array indexes are `[n]`.
 */
export function parseJsonPath(raw: string, field = "path"): string[] {
  const path = raw.trim();
  if (!path) throw invalid(field, "The JSON path is empty.");
  if (path.length > MAX_LENGTH) throw invalid(field, `The JSON path is longer than ${MAX_LENGTH} characters.`);
  const segments: string[] = [];
  for (const part of path.split(".")) {
    const match = SEGMENT.exec(part);
    if (!match) {
      throw invalid(
        field,
        `"${path}" is not a valid JSON path: use keys of letters, digits, "_" or "-" separated by dots, with array indexes like [0] (for example meta.source or entities[0].type).`,
      );
    }
    segments.push(match[1]!, ...[...match[2]!.matchAll(/\[(\d+)\]/g)].map((m) => String(Number(m[1]))));
  }
  if (segments.length > MAX_DEPTH) throw invalid(field, `The JSON path is deeper than ${MAX_DEPTH} levels.`);
  return segments;
}
