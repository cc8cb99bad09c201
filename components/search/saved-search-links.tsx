import Link from "next/link";
import type { ReactNode } from "react";
import type { SavedSearch } from "@/db/queries/saved-searches";
import { searchPath } from "@/lib/paths";

export type SavedSearchItem = Pick<SavedSearch, "id" | "userId" | "name" | "params">;

/** What a saved search asks, in a few words: its query (or memory), mode and metric. */
function summary(params: string): string {
  const p = new URLSearchParams(params);
  const what = p.get("q") ? `“${p.get("q")}”` : p.get("similar") ? `similar to memory ${p.get("similar")}` : "";
  const filters = [...p.keys()].filter((k) => !["q", "similar", "mode", "metric", "k", "threshold"].includes(k));
  return [what, p.get("mode") ?? "vector", p.get("metric") ?? "l2", filters.length ? "filtered" : null]
    .filter(Boolean)
    .join(" · ");
}

/** The project's saved searches as links that run them; `actions` adds controls to each. */
export function SavedSearchLinks({
  projectId,
  items,
  actions,
}: {
  projectId: string;
  items: SavedSearchItem[];
  actions?: (item: SavedSearchItem) => ReactNode;
}) {
  return (
    <ul aria-label="Saved searches" className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
          <Link href={searchPath({ projectId, userId: item.userId }, item.params)} className="link font-medium">
            {item.name}
          </Link>
          <span className="min-w-0 break-all text-xs muted">
            {item.userId} · {summary(item.params)}
          </span>
          {actions && <span className="ml-auto">{actions(item)}</span>}
        </li>
      ))}
    </ul>
  );
}
