"use client";

import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type RowSelectionState,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, Check, Minus } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { isOnControl, isTyping } from "@/components/ui/filter-box";
import { IntentLink } from "@/components/ui/intent-link";
import { PendingMark } from "@/components/ui/pending-mark";
import { SMALL_SCREEN, useMediaQuery } from "@/components/ui/use-media-query";
import type { SortField, SortOrder } from "@/db/list-query";
import type { Total } from "@/db/queries/memory-count";
import type { MemorySummary } from "@/db/queries/memory-list";
import type { Tenant } from "@/db/tenant";
import { formatCount, formatDateTimeShort } from "@/lib/format";
import { withParams } from "@/lib/memory-query/url";
import { memoryPath } from "@/lib/paths";
import { BulkActions } from "./bulk-actions";
import { ColumnMenu } from "./column-menu";
import { MemoryCards } from "./memory-cards";
import { SelectAllCheckbox } from "./select-all-checkbox";

const VISIBILITY_KEY = "semantix.memory-table.columns";

type Props = {
  tenant: Tenant;
  items: MemorySummary[];
  total: Total;
  sort: SortField;
  order: SortOrder;
  /** The list's query string, carried into the inspector for previous/next and back. */
  queryString: string;
};

/**
 * The memory list: server-side paging, sorting and filtering (all in the URL), selection on the
 * page or of everything matching, and keyboard use (j/k move, Enter opens, x selects).
 * The page keys it by its query string, so a new page or filter starts with nothing selected.
 * Below `md` the rows are cards (only one of the two is rendered, so each control exists once).
 */
export function MemoryTable({ tenant, items, total, sort, order, queryString }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [active, setActive] = useState(-1);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>({});
  const cards = useMediaQuery(SMALL_SCREEN);

  useEffect(() => {
    try {
      const saved = localStorage.getItem(VISIBILITY_KEY);
      if (saved) setColumnVisibility(JSON.parse(saved) as VisibilityState);
    } catch {
      // unreadable preference: keep the defaults
    }
  }, []);
  const changeVisibility = (next: VisibilityState) => {
    setColumnVisibility(next);
    localStorage.setItem(VISIBILITY_KEY, JSON.stringify(next));
  };

  const href = (id: number) => memoryPath(tenant, id, queryString);
  const sortHref = (field: SortField) =>
    `${pathname}${withParams(new URLSearchParams(queryString), { sort: field, order: field === sort && order === "desc" ? "asc" : "desc" })}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: href is rebuilt each render from these values only
  const columns = useMemo<ColumnDef<MemorySummary>[]>(
    () => [
      {
        id: "select",
        enableHiding: false,
        header: ({ table }) => <SelectAllCheckbox table={table} />,
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Select memory ${row.original.id}`}
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
          />
        ),
      },
      { id: "id", header: "ID", cell: ({ row }) => <span className="font-mono tabular-nums">{row.original.id}</span> },
      {
        id: "content",
        header: "Content",
        enableHiding: false,
        cell: ({ row }) => (
          <IntentLink
            href={href(row.original.id)}
            className="line-clamp-2 block min-w-64 max-w-xl text-zinc-900 hover:underline dark:text-zinc-100"
            aria-label={`Open memory ${row.original.id}`}
          >
            {row.original.preview ?? <span className="italic muted">(no content)</span>}
          </IntentLink>
        ),
      },
      {
        id: "tags",
        header: "Tags",
        cell: ({ row }) => (
          <div className="flex max-w-48 flex-wrap gap-1">
            {row.original.tags.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a tag may repeat; the position tells the copies apart
              <span key={`${t}-${i}`} className="chip" title={t}>
                {t}
              </span>
            ))}
            {row.original.tagCount > row.original.tags.length && (
              <span className="text-xs muted">+{row.original.tagCount - row.original.tags.length}</span>
            )}
          </div>
        ),
      },
      {
        id: "component",
        header: "Component",
        cell: ({ row }) => <span className="font-mono text-xs">{row.original.component ?? "—"}</span>,
      },
      {
        id: "created_at",
        header: "Created (UTC)",
        cell: ({ row }) => (
          <span className="whitespace-nowrap text-xs muted">{formatDateTimeShort(row.original.createdAt)}</span>
        ),
      },
      {
        id: "updated_at",
        header: "Updated (UTC)",
        cell: ({ row }) => (
          <span className="whitespace-nowrap text-xs muted">{formatDateTimeShort(row.original.updatedAt)}</span>
        ),
      },
      {
        id: "embedding",
        header: "Embedding",
        cell: ({ row }) =>
          row.original.hasEmbedding ? (
            <span className="inline-flex items-center gap-1 text-xs text-emerald-700 dark:text-emerald-400">
              <Check className="size-3.5" aria-hidden /> yes
            </span>
          ) : (
            <span className="inline-flex items-center gap-1 text-xs text-amber-700 dark:text-amber-400">
              <Minus className="size-3.5" aria-hidden /> none
            </span>
          ),
      },
    ],
    // href depends only on these
    [queryString, tenant.projectId, tenant.userId],
  );

  const table = useReactTable({
    data: items,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.id),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    state: { rowSelection, columnVisibility },
    onRowSelectionChange: (updater) => {
      setAllMatching(false);
      setRowSelection(updater);
    },
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey || document.querySelector("[role=dialog]")) return;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        setActive((i) => Math.max(0, Math.min(items.length - 1, i + (e.key === "j" ? 1 : -1))));
      } else if (e.key === "Enter" && active >= 0 && items[active] && !isOnControl(e.target)) {
        e.preventDefault();
        router.push(href(items[active].id));
      } else if (e.key === "x" && active >= 0 && items[active]) {
        e.preventDefault();
        table.getRow(String(items[active].id)).toggleSelected();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    if (active >= 0) document.querySelector(`[data-row-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const selectedIds = Object.keys(rowSelection)
    .filter((k) => rowSelection[k])
    .map(Number);
  const sortable: Record<string, SortField> = { id: "id", created_at: "created_at", updated_at: "updated_at" };

  return (
    <div className="space-y-2">
      <div className="flex min-h-9 flex-wrap items-center justify-between gap-2">
        <BulkActions
          tenant={tenant}
          selectedIds={selectedIds}
          pageSize={items.length}
          total={total}
          allMatching={allMatching}
          onSelectAllMatching={() => setAllMatching(true)}
          onClear={() => {
            setRowSelection({});
            setAllMatching(false);
          }}
          queryString={queryString}
        />
        {!cards && <ColumnMenu table={table} onChange={changeVisibility} />}
      </div>
      {cards ? (
        <MemoryCards table={table} href={href} active={active} />
      ) : (
        <div className="card relative overflow-x-auto">
          <table className="w-full text-sm" aria-label="Memories" aria-rowcount={total.exact ? total.value : -1}>
            <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const field = sortable[header.column.id];
                    const isSorted = field === sort;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className={`th ${header.column.id === "select" ? "w-8" : ""}`}
                        aria-sort={isSorted ? (order === "asc" ? "ascending" : "descending") : undefined}
                      >
                        {field ? (
                          <IntentLink
                            href={sortHref(field)}
                            scroll={false}
                            className="inline-flex items-center gap-1 hover:text-zinc-900 dark:hover:text-zinc-100"
                          >
                            {flexRender(header.column.columnDef.header, header.getContext())}
                            <PendingMark />
                            {isSorted ? (
                              order === "asc" ? (
                                <ArrowUp className="size-3" aria-hidden />
                              ) : (
                                <ArrowDown className="size-3" aria-hidden />
                              )
                            ) : (
                              <ArrowUpDown className="size-3 opacity-40" aria-hidden />
                            )}
                          </IntentLink>
                        ) : (
                          flexRender(header.column.columnDef.header, header.getContext())
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {table.getRowModel().rows.map((row, index) => (
                <tr
                  key={row.id}
                  data-row-index={index}
                  aria-current={index === active ? "true" : undefined}
                  className={`${index === active ? "bg-blue-50 outline-2 -outline-offset-2 outline-blue-500 dark:bg-blue-950/50" : "hover:bg-zinc-50 dark:hover:bg-zinc-800/50"} ${row.getIsSelected() ? "bg-blue-50/60 dark:bg-blue-950/30" : ""}`}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="td">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hidden text-xs muted md:block">
        Keys: <kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>x</kbd> select ·{" "}
        {formatCount(items.length)} shown
      </p>
    </div>
  );
}
