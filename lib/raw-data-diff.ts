import { create, type Delta } from "jsondiffpatch";
import { childPath } from "./json-path-format";
import { type JsonNode, members, parseJsonText } from "./json-text";

/** One difference between two versions of raw_data, at a path in the JSON-path filter's syntax. */
export type PathChange =
  | { path: string; kind: "added"; after: string }
  | { path: string; kind: "removed"; before: string }
  | { path: string; kind: "changed"; before: string; after: string };

// jsondiffpatch compares JavaScript values, where 12345678901234567890 and ...891 are one number.
// Numbers are therefore compared by their text, as strings that start with NUL: jsonb refuses NUL
// in its strings, so no stored string can look like one. Keys carry a prefix, so "__proto__" is a
// key like any other in the library's plain-object deltas (and no key looks like its "_t").
const NUMBER = "\u0000";
const KEY = "k";
type Value = string | boolean | null | Value[] | { [key: string]: Value };

function comparable(text: string, node: JsonNode): Value {
  switch (node.type) {
    case "object": {
      const out = Object.create(null) as { [key: string]: Value };
      for (const [key, child] of members(node)) out[KEY + key] = comparable(text, child);
      return out;
    }
    case "array":
      return (node.children ?? []).map((child) => comparable(text, child));
    case "number":
      return NUMBER + text.slice(node.offset, node.offset + node.length);
    default:
      return node.value as string | boolean | null;
  }
}

/** A value as compact JSON text, numbers exactly as they were written. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value.startsWith(NUMBER) ? value.slice(1) : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(textOf).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k.slice(KEY.length))}:${textOf((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

// Moves inside arrays would read as riddles in a list of paths; an item that moved is removed at
// one index and added at another. Objects in arrays are matched by position, so a change inside
// one reads as that path changed.
const differ = create({ arrays: { detectMove: false }, matchByPosition: true });

function parse(text: string): Value {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new Error(`raw_data that is not JSON: ${parsed.message}`);
  return comparable(text, parsed.root);
}

/**
 * What changed from one raw_data text to another, path by path, in document order: keys added,
 * removed or given another value (a changed type is a changed value), array items added or removed
 * by index (the old index for a removal, the new one for an addition).
 */
export function diffRawData(before: string, after: string): PathChange[] {
  const delta = differ.diff(parse(before), parse(after));
  const changes: PathChange[] = [];
  if (delta) walk(delta, "", changes);
  return changes;
}

function walk(delta: Delta, path: string, out: PathChange[]): void {
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ path, kind: "added", after: textOf(delta[0]) });
    else if (delta.length === 2) out.push({ path, kind: "changed", before: textOf(delta[0]), after: textOf(delta[1]) });
    else if (delta[2] === 0) out.push({ path, kind: "removed", before: textOf(delta[0]) });
    return;
  }
  if (delta === undefined || delta === null || typeof delta !== "object") return;
  const entries = Object.entries(delta as Record<string, Delta>);
  if ((delta as { _t?: string })._t === "a") {
    // Removals first (old indexes), then additions and changes (new indexes), each in index order.
    const removed = entries
      .filter(([k]) => k.startsWith("_") && k !== "_t")
      .map(([k, d]) => [Number(k.slice(1)), d] as const);
    const kept = entries.filter(([k]) => !k.startsWith("_")).map(([k, d]) => [Number(k), d] as const);
    for (const [index, d] of removed.sort((a, b) => a[0] - b[0])) walk(d, childPath(path, index), out);
    for (const [index, d] of kept.sort((a, b) => a[0] - b[0])) walk(d, childPath(path, index), out);
    return;
  }
  for (const [key, d] of entries) walk(d, childPath(path, key.slice(KEY.length)), out);
}
