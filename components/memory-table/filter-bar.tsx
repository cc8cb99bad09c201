"use client";

import { X } from "lucide-react";
import { type ReadonlyURLSearchParams, usePathname, useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { useSlashFocus } from "@/components/ui/filter-box";
import { hasFilters } from "@/lib/memory-query/params";

// Applying filters keeps the sort and page size, and starts from the first page.
const KEEP = ["sort", "order", "limit"];

/** Every filter of the memory list, written to the URL on Apply so the view can be shared. */
export function FilterBar() {
  const params = useSearchParams();
  // Remount when the URL changes (a facet click, back/forward) so the fields show the URL's filters.
  return <FilterForm key={params.toString()} params={params} />;
}

function FilterForm({ params }: { params: ReadonlyURLSearchParams }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useRef<HTMLInputElement>(null);
  useSlashFocus(search);

  const [tags, setTags] = useState(params.getAll("tag"));
  const [components, setComponents] = useState(params.getAll("component"));
  const [newTag, setNewTag] = useState("");
  const [newComponent, setNewComponent] = useState("");
  const exists = params.get("exists");
  const [pathMode, setPathMode] = useState(exists === "true" ? "present" : exists === "false" ? "absent" : "equals");

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of KEEP) {
      const value = params.get(key);
      if (value) next.set(key, value);
    }
    const text = (name: string) => String(form.get(name) ?? "").trim();
    if (text("q")) next.set("q", text("q"));
    for (const t of [...tags, newTag.trim()].filter(Boolean)) next.append("tag", t);
    if (tags.length + (newTag.trim() ? 1 : 0) > 1 && text("tagMode") === "all") next.set("tagMode", "all");
    for (const c of [...components, newComponent.trim()].filter(Boolean)) next.append("component", c);
    if (text("path")) {
      next.set("path", text("path"));
      if (pathMode === "equals") next.set("value", String(form.get("value") ?? ""));
      else next.set("exists", pathMode === "present" ? "true" : "false");
    }
    for (const key of ["from", "to", "embedding"]) if (text(key)) next.set(key, text(key));
    router.push(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const dateInput = (name: "from" | "to", label: string) => {
    const value = params.get(name) ?? "";
    // A date picker for dates; a date-time from a shared link stays editable as text.
    const isDateOnly = value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value);
    return (
      <label className="flex flex-col gap-1 text-xs muted">
        {label}
        <input name={name} type={isDateOnly ? "date" : "text"} defaultValue={value} className="input" />
      </label>
    );
  };

  const active = hasFilters(new URLSearchParams(params));

  return (
    <form onSubmit={apply} role="search" aria-label="Filter memories" className="card space-y-3 p-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-56 flex-1 flex-col gap-1 text-xs muted">
          Search content
          <input
            ref={search}
            id="memory-search"
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            placeholder="Text contained in content…  ( / )"
            className="input"
          />
        </label>
        <div className="flex flex-col gap-1 text-xs muted">
          <span>Tags</span>
          <div className="flex flex-wrap items-center gap-1">
            {tags.map((t) => (
              <Chip key={t} label={t} kind="tag" onRemove={() => setTags(tags.filter((x) => x !== t))} />
            ))}
            <input
              value={newTag}
              onChange={(e) => setNewTag(e.target.value)}
              placeholder="Add tag"
              aria-label="Add tag"
              className="input w-28"
            />
            <select
              name="tagMode"
              defaultValue={params.get("tagMode") ?? "any"}
              aria-label="Tag match"
              className="input"
            >
              <option value="any">any of</option>
              <option value="all">all of</option>
            </select>
          </div>
        </div>
        <div className="flex flex-col gap-1 text-xs muted">
          <span>Component</span>
          <div className="flex flex-wrap items-center gap-1">
            {components.map((c) => (
              <Chip
                key={c}
                label={c}
                kind="component"
                onRemove={() => setComponents(components.filter((x) => x !== c))}
              />
            ))}
            <input
              value={newComponent}
              onChange={(e) => setNewComponent(e.target.value)}
              placeholder="Add component"
              aria-label="Add component"
              className="input w-36"
            />
          </div>
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs muted">
          JSON path
          <input
            name="path"
            defaultValue={params.get("path") ?? ""}
            placeholder="meta.source"
            className="input w-40 font-mono"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs muted">
          JSON path condition
          <select value={pathMode} onChange={(e) => setPathMode(e.target.value)} className="input">
            <option value="equals">equals</option>
            <option value="present">is present</option>
            <option value="absent">is absent</option>
          </select>
        </label>
        {pathMode === "equals" && (
          <label className="flex flex-col gap-1 text-xs muted">
            JSON path value
            <input name="value" defaultValue={params.get("value") ?? ""} className="input w-36" />
          </label>
        )}
        {dateInput("from", "Created from")}
        {dateInput("to", "Created to")}
        <label className="flex flex-col gap-1 text-xs muted">
          Embedding
          <select name="embedding" defaultValue={params.get("embedding") ?? ""} className="input">
            <option value="">any</option>
            <option value="with">with embedding</option>
            <option value="without">without embedding</option>
          </select>
        </label>
        <div className="ml-auto flex gap-2">
          {active && (
            <button type="button" className="btn" onClick={() => router.push(pathname, { scroll: false })}>
              Clear filters
            </button>
          )}
          <button type="submit" className="btn btn-primary">
            Apply filters
          </button>
        </div>
      </div>
    </form>
  );
}

function Chip({ label, kind, onRemove }: { label: string; kind: string; onRemove: () => void }) {
  return (
    <span className="chip gap-1 pr-1">
      <span className="truncate">{label}</span>
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove ${kind} ${label}`}
        className="rounded-full p-0.5 hover:bg-zinc-200 dark:hover:bg-zinc-700"
      >
        <X className="size-3" aria-hidden />
      </button>
    </span>
  );
}
