import { createScanner, type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";

// JSON kept as text. JSON.parse turns 12345678901234567890 into 12345678901234567000 and 1e400
// into Infinity; these helpers never make JavaScript numbers of JSON numbers, so what the database
// stores is what the user sees, edits and gets back. Runs in the browser too (tree view, editor).

export type JsonNode = Node;

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

const PROBLEMS: Record<string, string> = {
  InvalidSymbol: "an unexpected character",
  InvalidNumberFormat: "a number written wrongly",
  PropertyNameExpected: "a missing key (keys are quoted strings)",
  ValueExpected: "a missing value",
  ColonExpected: "a missing colon after a key",
  CommaExpected: "a missing comma",
  CloseBraceExpected: "a missing }",
  CloseBracketExpected: "a missing ]",
  EndOfFileExpected: "text after the end of the JSON value",
  InvalidCommentToken: "a comment (JSON has none)",
  UnexpectedEndOfString: "a string that is not closed",
  UnexpectedEndOfNumber: "a number that ends too early",
  InvalidUnicode: "a broken \\u escape",
  InvalidEscapeCharacter: "an unknown escape after \\",
  InvalidCharacter: "a control character (a tab or line break) inside a string; write it as \\t or \\n",
};

export type JsonParse = { ok: true; root: JsonNode } | { ok: false; message: string; offset: number };

/** Parses strict JSON (no comments, no trailing commas) into a tree whose nodes point into `text`. */
export function parseJsonText(text: string): JsonParse {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, STRICT);
  const first = errors[0];
  if (first || !root) {
    const offset = first?.offset ?? 0;
    const what = first ? (PROBLEMS[printParseErrorCode(first.error)] ?? "a syntax error") : "no value";
    return { ok: false, offset, message: `not valid JSON: ${what} at ${position(text, offset)}` };
  }
  return { ok: true, root };
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const column = `column ${offset - before.lastIndexOf("\n")}`;
  return text.includes("\n") ? `line ${before.split("\n").length}, ${column}` : column;
}

/** The text of a node exactly as written: a number keeps every digit. */
export const nodeText = (text: string, node: JsonNode): string => text.slice(node.offset, node.offset + node.length);

// jsonc-parser's token kinds (SyntaxKind, a const enum that isolated modules cannot read).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const EOF = 17;

/** The tokens of a JSON text, trivia skipped, each exactly as written. */
function* tokens(text: string): Generator<{ kind: number; text: string }> {
  const scanner = createScanner(text, true);
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    yield { kind, text: text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()) };
  }
}

/**
 * The same JSON indented by two spaces; only whitespace between tokens changes. (jsonc-parser's
 * own formatter applies one edit at a time, which takes minutes on a 256 KB memory.)
 */
export function prettyJson(text: string): string {
  const out: string[] = [];
  let depth = 0;
  let opened = false; // the previous token opened a container: an empty one closes on the same line
  const newline = () => out.push(`\n${"  ".repeat(depth)}`);
  for (const token of tokens(text)) {
    const closes = token.kind === CLOSE_BRACE || token.kind === CLOSE_BRACKET;
    if (closes) depth--;
    if (opened ? !closes : closes) newline();
    opened = token.kind === OPEN_BRACE || token.kind === OPEN_BRACKET;
    if (opened) depth++;
    out.push(token.kind === COLON ? ": " : token.text);
    if (token.kind === COMMA) newline();
  }
  return out.join("");
}

/** The same JSON without whitespace between tokens: what size limits measure. */
export function compactJson(text: string): string {
  let out = "";
  for (const token of tokens(text)) out += token.text;
  return out;
}

/** An object's members as [key, value node] pairs, in the order written (a `__proto__` key is a key like any other). */
export function members(node: JsonNode): [string, JsonNode][] {
  if (node.type !== "object") return [];
  return (node.children ?? []).flatMap((p) =>
    p.children?.length === 2 ? [[String(p.children[0]!.value), p.children[1]!] as [string, JsonNode]] : [],
  );
}

/** The value of `key` in an object node, the last one when written twice (as jsonb keeps it). */
export function member(node: JsonNode, key: string): JsonNode | undefined {
  return members(node).findLast(([k]) => k === key)?.[1];
}
