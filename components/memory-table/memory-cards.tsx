"use client";

import type { Table } from "@tanstack/react-table";
import { Check, Minus } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import type { MemorySummary } from "@/db/queries/memory-list";
import { formatDateTimeShort } from "@/lib/format";
import { SelectAllCheckbox } from "./select-all-checkbox";

/**
 * The memory list as cards, for screens below `md`: the table's rows with the same selection
 * (one table state) and the same link to the inspector.
 */
export function MemoryCards({
  table,
  href,
  active,
}: {
  table: Table<MemorySummary>;
  href: (id: number) => string;
  active: number;
}) {
  const selectAllId = useId();
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2 px-1 text-sm muted">
        <SelectAllCheckbox table={table} id={selectAllId} />
        <label htmlFor={selectAllId}>Select all on this page</label>
      </div>
      <ul aria-label="Memories" className="space-y-2">
        {table.getRowModel().rows.map((row, index) => {
          const m = row.original;
          return (
            <li
              key={row.id}
              data-row-index={index}
              aria-current={index === active ? "true" : undefined}
              className={`card flex gap-3 p-3 ${index === active ? "outline-2 -outline-offset-2 outline-blue-500" : ""} ${row.getIsSelected() ? "bg-blue-50/60 dark:bg-blue-950/30" : ""}`}
            >
              <input
                type="checkbox"
                className="mt-1 shrink-0"
                aria-label={`Select memory ${m.id}`}
                checked={row.getIsSelected()}
                onChange={row.getToggleSelectedHandler()}
              />
              <div className="min-w-0 flex-1 space-y-1.5">
                <Link
                  href={href(m.id)}
                  className="line-clamp-3 text-sm break-words text-zinc-900 hover:underline dark:text-zinc-100"
                  aria-label={`Open memory ${m.id}`}
                >
                  {m.preview ?? <span className="italic muted">(no content)</span>}
                </Link>
                {(m.tags.length > 0 || m.component) && (
                  <div className="flex flex-wrap items-center gap-1">
                    {m.component && <span className="font-mono text-xs">{m.component}</span>}
                    {m.tags.map((t, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a tag may repeat; the position tells the copies apart
                      <span key={`${t}-${i}`} className="chip max-w-full truncate" title={t}>
                        {t}
                      </span>
                    ))}
                    {m.tagCount > m.tags.length && <span className="text-xs muted">+{m.tagCount - m.tags.length}</span>}
                  </div>
                )}
                <p className="flex flex-wrap gap-x-3 text-xs muted">
                  <span className="font-mono tabular-nums">#{m.id}</span>
                  <span>{formatDateTimeShort(m.createdAt)} UTC</span>
                  {m.hasEmbedding ? (
                    <span className="inline-flex items-center gap-1 text-emerald-700 dark:text-emerald-400">
                      <Check className="size-3.5" aria-hidden /> embedding
                    </span>
                  ) : (
                    <span className="inline-flex items-center gap-1 text-amber-700 dark:text-amber-400">
                      <Minus className="size-3.5" aria-hidden /> no embedding
                    </span>
                  )}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
