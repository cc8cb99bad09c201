/** A piece of a text, marked when it is one of the query's words. */
export type TextPart = { text: string; marked: boolean };

const WORD = /[\p{L}\p{N}]{2,}/gu;
const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Splits `text` at the query's words (two letters or digits or more), case-insensitively. Only
 * whole words are marked: "cat" marks "Cat" and "cat," but nothing in "concatenate".
 */
export function highlightParts(text: string, query: string | undefined): TextPart[] {
  const words = [...new Set((query ?? "").toLowerCase().match(WORD) ?? [])];
  if (words.length === 0 || text === "") return text === "" ? [] : [{ text, marked: false }];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), marked: false });
    parts.push({ text: match[0], marked: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), marked: false });
  return parts;
}
