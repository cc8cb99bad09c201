"use client";

import { Copy } from "lucide-react";
import { copyText } from "./copy";

/** A small icon button that copies `value`; `label` is its accessible name and its tooltip. */
export function CopyButton({ value, label, what }: { value: string; label: string; what: string }) {
  return (
    <button
      type="button"
      className="rounded p-0.5 muted hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
      aria-label={label}
      title={label}
      onClick={() => copyText(value, what)}
    >
      <Copy className="size-3.5" aria-hidden />
    </button>
  );
}
