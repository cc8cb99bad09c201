"use client";

import type { Table } from "@tanstack/react-table";

/** Selects every memory of the page; shows "some" (indeterminate) when only part of it is selected. */
export function SelectAllCheckbox<T>({ table, id }: { table: Table<T>; id?: string }) {
  return (
    <input
      id={id}
      type="checkbox"
      aria-label="Select all memories on this page"
      checked={table.getIsAllRowsSelected()}
      ref={(el) => {
        if (el) el.indeterminate = table.getIsSomeRowsSelected();
      }}
      onChange={table.getToggleAllRowsSelectedHandler()}
    />
  );
}
