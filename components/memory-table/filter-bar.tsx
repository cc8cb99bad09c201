"use client";

import * as Drawer from "@radix-ui/react-dialog";
import { SlidersHorizontal } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { FilterInput } from "@/db/filters";
import type { Tenant } from "@/db/tenant";
import { FilterControl } from "./filter-controls";

// Applying filters keeps the sort and page size, and starts from the first page.
const KEEP = ["sort", "order", "limit"];

/**
 * Every filter of the memory list, written to the URL on Apply so the view can be shared. The page
 * hands over the controls (FILTER_INPUTS of db/filters), whether the list is filtered, whose values
 * complete the fields, and `keep`: the page's own parameters that Apply and Clear leave as they are
 * (the search's query).
 * Wide screens show the form inline; below `md` it opens in a drawer from the bottom, and only
 * one copy of the form exists at a time, so each field keeps a single label.
 */
export function FilterBar({
  inputs,
  filtered,
  tenant,
  keep,
}: {
  inputs: readonly FilterInput[];
  filtered: boolean;
  /** Completes tags, components and JSON paths from this user's. */
  tenant?: Tenant;
  keep?: readonly string[];
}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [drawer, setDrawer] = useState(false);

  const kept = (keys: readonly string[]) => {
    const next = new URLSearchParams();
    for (const key of keys) {
      const value = params.get(key);
      if (value) next.set(key, value);
    }
    return next;
  };
  const go = (next: URLSearchParams) => router.push(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = kept(keep ?? KEEP);
    // Typed fields are trimmed and blank ones are no filter; chips and a JSON value (data-exact) are kept as they are.
    for (const field of event.currentTarget.elements) {
      if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement) || !field.name) continue;
      const value = field.dataset.exact === undefined ? field.value.trim() : field.value;
      if (value !== "") next.append(field.name, value);
    }
    setDrawer(false);
    go(next);
  };

  const form = (inDrawer: boolean) => (
    // Remount when the URL changes (a facet click, back/forward) so the fields show the URL's filters.
    // biome-ignore lint/a11y/useSemanticElements: a form with the search role submits on Enter and is named as a landmark
    <form
      key={params.toString()}
      onSubmit={apply}
      role="search"
      aria-label="Filter memories"
      className={inDrawer ? "flex flex-wrap items-end gap-3" : "card hidden flex-wrap items-end gap-3 p-3 md:flex"}
    >
      {inputs.map((input) => (
        <FilterControl
          key={input.control === "json-path" ? input.path : "param" in input ? input.param : input.from}
          input={input}
          params={params}
          tenant={tenant}
        />
      ))}
      <div className="ml-auto flex gap-2">
        {filtered && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDrawer(false);
              go(kept(keep ?? []));
            }}
          >
            Clear filters
          </button>
        )}
        <button type="submit" className="btn btn-primary">
          Apply filters
        </button>
      </div>
    </form>
  );

  return (
    <>
      <Drawer.Root open={drawer} onOpenChange={setDrawer}>
        <Drawer.Trigger className="btn w-full justify-center md:hidden">
          <SlidersHorizontal className="size-4" aria-hidden /> Filters{filtered ? " (on)" : ""}
        </Drawer.Trigger>
        <Drawer.Portal>
          <Drawer.Overlay className="fixed inset-0 z-40 bg-black/40" />
          <Drawer.Content className="card fixed inset-x-0 bottom-0 z-50 max-h-[85dvh] overflow-y-auto rounded-b-none p-4 shadow-xl">
            <Drawer.Title className="mb-1 text-base font-semibold">Filters</Drawer.Title>
            <Drawer.Description className="mb-3 text-sm muted">Narrow the list, then apply.</Drawer.Description>
            {form(true)}
          </Drawer.Content>
        </Drawer.Portal>
      </Drawer.Root>
      {!drawer && form(false)}
    </>
  );
}
