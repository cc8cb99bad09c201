"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { FormEvent } from "react";
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
    go(next);
  };

  return (
    // Remount when the URL changes (a facet click, back/forward) so the fields show the URL's filters.
    // biome-ignore lint/a11y/useSemanticElements: a form with the search role submits on Enter and is named as a landmark
    <form
      key={params.toString()}
      onSubmit={apply}
      role="search"
      aria-label="Filter memories"
      className="card flex flex-wrap items-end gap-3 p-3"
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
          <button type="button" className="btn" onClick={() => go(kept(keep ?? []))}>
            Clear filters
          </button>
        )}
        <button type="submit" className="btn btn-primary">
          Apply filters
        </button>
      </div>
    </form>
  );
}
