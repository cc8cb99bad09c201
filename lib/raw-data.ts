import { invalid } from "@/db/app-error";
import { compactJson, type JsonNode, member, members, nodeText, parseJsonText } from "./json-text";
import { hasLoneSurrogate } from "./unicode";

export const RAW_DATA_MAX_BYTES = 256 * 1024;

// Runs in the browser too (the editor validates as you type), so no Buffer.
const encoder = new TextEncoder();
export const utf8Bytes = (text: string) => encoder.encode(text).length;
const MAX_DEPTH = 100;
// jsonb keeps numbers as PostgreSQL's numeric, which holds at most this many digits before and after the point.
const MAX_DIGITS_BEFORE_POINT = 131_072;
const MAX_DIGITS_AFTER_POINT = 16_383;
// numeric_in refuses exponents from INT_MAX / 2 on, whatever the digits.
const MAX_EXPONENT = 1_073_741_822;

/**
 * Checks the JSON text of a memory's raw_data and answers it without whitespace, every number and
 * key as written. Accepts only what PostgreSQL's jsonb stores unchanged: a JSON object of at most
 * 256 KB, no key written twice (jsonb would keep only the last), no NUL character or broken
 * Unicode in a string, no number beyond numeric's range. A refusal names the path.
 */
export function checkRawDataText(text: string): string {
  if (utf8Bytes(text) > RAW_DATA_MAX_BYTES * 4) throw tooLarge(utf8Bytes(text));
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw invalid("rawData", `raw_data is ${parsed.message}.`);
  const root = parsed.root;
  if (root.type !== "object")
    throw invalid("rawData", `raw_data must be a JSON object such as {"content": "..."}, not ${kindOf(root)}.`);
  inspect(text, root, "raw_data", 0);
  const compact = compactJson(text);
  const bytes = utf8Bytes(compact);
  if (bytes > RAW_DATA_MAX_BYTES) throw tooLarge(bytes);
  return compact;
}

function inspect(text: string, node: JsonNode, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw invalid("rawData", `raw_data is nested deeper than ${MAX_DEPTH} levels.`);
  if (node.type === "string") {
    checkString(String(node.value), path);
    return;
  }
  if (node.type === "number") {
    checkNumber(nodeText(text, node), path);
    return;
  }
  if (node.type === "array") {
    for (const [i, child] of (node.children ?? []).entries()) inspect(text, child, `${path}[${i}]`, depth + 1);
    return;
  }
  if (node.type !== "object") return;
  const seen = new Set<string>();
  for (const [key, child] of members(node)) {
    checkString(key, `a key in ${path}`);
    if (seen.has(key))
      throw invalid("rawData", `${path}.${key} is written twice; a JSON object keeps only one value per key.`);
    seen.add(key);
    inspect(text, child, `${path}.${key}`, depth + 1);
  }
}

function checkString(s: string, where: string): void {
  if (s.includes("\u0000"))
    throw invalid("rawData", `${where} contains a NUL character (\\u0000), which PostgreSQL cannot store.`);
  if (hasLoneSurrogate(s)) throw invalid("rawData", `${where} contains broken Unicode (a lone surrogate).`);
}

/** Refuses a number PostgreSQL's numeric cannot hold, from its digits alone (no rounding on the way). */
function checkNumber(written: string, path: string): void {
  const [, whole = "", fraction = "", exponentText] = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(written) ?? [];
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const firstSignificant = (whole + fraction).search(/[1-9]/);
  // Digits after the point count even for zero (0.000 keeps its scale); before it, from the first significant one.
  const afterPoint = fraction.length - exponent;
  const beforePoint = firstSignificant < 0 ? 0 : whole.length + exponent - firstSignificant;
  if (
    Math.abs(exponent) > MAX_EXPONENT ||
    beforePoint > MAX_DIGITS_BEFORE_POINT ||
    afterPoint > MAX_DIGITS_AFTER_POINT
  ) {
    throw invalid(
      "rawData",
      `${path} is the number ${written.length > 40 ? `${written.slice(0, 40)}…` : written}, beyond what PostgreSQL can store (at most ${MAX_DIGITS_BEFORE_POINT.toLocaleString("en-US")} digits before the point and ${MAX_DIGITS_AFTER_POINT.toLocaleString("en-US")} after).`,
    );
  }
}

function tooLarge(bytes: number) {
  return invalid("rawData", `raw_data is ${Math.ceil(bytes / 1024)} KB; the limit is ${RAW_DATA_MAX_BYTES / 1024} KB.`);
}

function kindOf(node: JsonNode): string {
  if (node.type === "null") return "null";
  return node.type === "array" ? "an array" : `a ${node.type}`;
}

/** What the dashboard reads of a memory besides showing it whole: its text, tags and component. */
export type RawDataFields = { text: string | null; tags: string[]; component: string | null };

/**
 * The text that gets embedded and shown (`content`, else `text`; null when neither is a non-blank
 * string), the tags (a tag that is not a string as its JSON text) and the component, read from
 * raw_data's JSON text.
 */
export function rawDataFields(rawData: string): RawDataFields {
  const parsed = parseJsonText(rawData);
  const root = parsed.ok && parsed.root.type === "object" ? parsed.root : null;
  if (!root) return { text: null, tags: [], component: null };
  const stringAt = (key: string) => {
    const node = member(root, key);
    return node?.type === "string" ? String(node.value) : null;
  };
  const text = [stringAt("content"), stringAt("text")].find((s) => s !== null && s.trim() !== "") ?? null;
  const tags = member(root, "tags");
  return {
    text,
    tags:
      tags?.type === "array"
        ? (tags.children ?? []).map((t) => (t.type === "string" ? String(t.value) : nodeText(rawData, t)))
        : [],
    component: stringAt("component"),
  };
}

/** The text of a memory that gets embedded and shown: `content`, else `text`; null when there is none. */
export const memoryText = (rawData: string): string | null => rawDataFields(rawData).text;
