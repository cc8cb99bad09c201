"use client";

import { ChevronDown, ChevronRight, Copy, Link2 } from "lucide-react";
import { useState } from "react";
import { copyText } from "@/components/ui/copy";
import { childPath } from "@/lib/json-path-format";
import { type JsonNode, members, nodeText, parseJsonText, prettyJson } from "@/lib/json-text";

const PAGE = 100;
const LONG_STRING = 500;

/**
 * raw_data as a collapsible tree, read from its JSON text: numbers show every digit as stored and
 * every key (`__proto__` too) appears. Every node can copy its value and its path.
 */
export function JsonTree({ text }: { text: string }) {
  const parsed = parseJsonText(text);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a tree of values, not form fields: a fieldset would say otherwise
    <div role="group" aria-label="raw_data tree" className="font-mono text-[13px] leading-6">
      {parsed.ok ? (
        <TreeNode text={text} name={null} node={parsed.root} path="" depth={0} />
      ) : (
        <p className="muted">{parsed.message}</p>
      )}
    </div>
  );
}

function TreeNode({
  text,
  name,
  node,
  path,
  depth,
}: {
  text: string;
  name: string | number | null;
  node: JsonNode;
  path: string;
  depth: number;
}) {
  const isContainer = node.type === "object" || node.type === "array";
  const entries: [string | number, JsonNode][] =
    node.type === "array" ? (node.children ?? []).map((child, i) => [i, child]) : members(node);
  const [open, setOpen] = useState(depth < 2 && entries.length <= 50);
  const [shown, setShown] = useState(PAGE);
  const label = name === null ? "raw_data" : typeof name === "number" ? `[${name}]` : name;
  const where = path || "raw_data";

  const actions = (
    <span className="ml-2 inline-flex gap-1 opacity-0 group-hover/node:opacity-100 group-focus-within/node:opacity-100">
      <button
        type="button"
        className="rounded p-0.5 hover:bg-zinc-200 dark:hover:bg-zinc-700"
        aria-label={`Copy value of ${where}`}
        title={`Copy value of ${where}`}
        onClick={() =>
          copyText(node.type === "string" ? String(node.value) : prettyJson(nodeText(text, node)), "value")
        }
      >
        <Copy className="size-3.5" aria-hidden />
      </button>
      {path && (
        <button
          type="button"
          className="rounded p-0.5 hover:bg-zinc-200 dark:hover:bg-zinc-700"
          aria-label={`Copy path ${path}`}
          title={`Copy path ${path}`}
          onClick={() => copyText(path, `path ${path}`)}
        >
          <Link2 className="size-3.5" aria-hidden />
        </button>
      )}
    </span>
  );

  if (!isContainer) {
    return (
      <div className="group/node pl-5">
        <span className="text-zinc-600 dark:text-zinc-400">{label}:</span> <Scalar text={text} node={node} />
        {actions}
      </div>
    );
  }

  const bracket = node.type === "array" ? ["[", "]"] : ["{", "}"];
  return (
    <div className="group/node">
      <div className="flex items-center">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          className="inline-flex items-center rounded hover:bg-zinc-100 dark:hover:bg-zinc-800"
          aria-label={`${open ? "Collapse" : "Expand"} ${where}`}
        >
          {open ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
          <span className="ml-1 text-zinc-700 dark:text-zinc-300">{label}</span>
        </button>
        <span className="ml-1 text-zinc-600 dark:text-zinc-400">
          {bracket[0]}
          {!open && `${entries.length} ${node.type === "array" ? "items" : "keys"}${bracket[1]}`}
        </span>
        {actions}
      </div>
      {open && (
        <div className="ml-2 border-l border-zinc-200 pl-2 dark:border-zinc-800">
          {entries.slice(0, shown).map(([key, child], i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an object may hold a key twice in text, so the position is its identity
            <TreeNode key={i} text={text} name={key} node={child} path={childPath(path, key)} depth={depth + 1} />
          ))}
          {entries.length > shown && (
            <button type="button" className="link ml-5 text-xs" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, entries.length - shown)} more of {entries.length - shown}
            </button>
          )}
          <div className="text-zinc-600 dark:text-zinc-400">{bracket[1]}</div>
        </div>
      )}
    </div>
  );
}

function Scalar({ text, node }: { text: string; node: JsonNode }) {
  const [full, setFull] = useState(false);
  if (node.type === "string") {
    const value = String(node.value);
    const long = value.length > LONG_STRING && !full;
    return (
      <span className="break-words whitespace-pre-wrap text-emerald-700 dark:text-emerald-400">
        &quot;{long ? value.slice(0, LONG_STRING) : value}
        {long ? "…" : ""}&quot;
        {long && (
          <button type="button" className="link ml-1 font-sans text-xs" onClick={() => setFull(true)}>
            show all {value.length.toLocaleString("en-US")} characters
          </button>
        )}
      </span>
    );
  }
  if (node.type === "number")
    return <span className="break-all text-blue-700 dark:text-blue-400">{nodeText(text, node)}</span>;
  if (node.type === "boolean")
    return <span className="text-purple-700 dark:text-purple-400">{String(node.value)}</span>;
  return <span className="text-zinc-600 dark:text-zinc-400">null</span>;
}
