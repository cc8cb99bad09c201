import type { RawData } from "../db/schema";

/** The text of a memory that gets embedded and shown: `content`, else `text`; null when there is none. */
export function memoryText(raw: RawData): string | null {
  for (const key of ["content", "text"]) {
    const value = raw[key];
    if (typeof value === "string" && value.trim()) return value;
  }
  return null;
}
