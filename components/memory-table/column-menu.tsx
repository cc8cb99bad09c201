"use client";

import type { Table, VisibilityState } from "@tanstack/react-table";
import { Columns3 } from "lucide-react";
import { Menu } from "@/components/ui/menu";

/** Show or hide columns; the choice is kept in this browser. */
export function ColumnMenu<T>({ table, onChange }: { table: Table<T>; onChange: (next: VisibilityState) => void }) {
  return (
    <Menu className="relative">
      <summary className="btn btn-sm cursor-pointer list-none" aria-label="Choose columns">
        <Columns3 className="size-4" aria-hidden /> Columns
      </summary>
      <fieldset className="card absolute right-0 z-20 mt-1 w-44 space-y-1 p-2 shadow-lg">
        <legend className="sr-only">Visible columns</legend>
        {table
          .getAllLeafColumns()
          .filter((c) => c.getCanHide())
          .map((column) => (
            <label
              key={column.id}
              className="flex items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <input
                type="checkbox"
                checked={column.getIsVisible()}
                onChange={(e) => onChange({ ...table.getState().columnVisibility, [column.id]: e.target.checked })}
              />
              {typeof column.columnDef.header === "string" ? column.columnDef.header : column.id}
            </label>
          ))}
      </fieldset>
    </Menu>
  );
}
