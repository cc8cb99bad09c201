import { IntentLink } from "@/components/ui/intent-link";
import { PendingMark } from "@/components/ui/pending-mark";
import type { FacetCount, Facets } from "@/db/queries/facets";
import { formatCount } from "@/lib/format";
import { toggleParam } from "@/lib/memory-query/url";

/**
 * Most frequent tags and components under the current filters; a click adds or removes that
 * filter. Under a broad filter on a big user they are counted over the newest matches, and say so.
 */
export function FacetsPanel({ facets, params }: { facets: Facets; params: URLSearchParams }) {
  return (
    <aside aria-label="Facets" className="space-y-5">
      <FacetList title="Tags" param="tag" items={facets.tags} params={params} />
      <FacetList title="Components" param="component" items={facets.components} params={params} />
      {facets.newest !== undefined && (
        <p className="text-xs muted">Counted over the newest {formatCount(facets.newest)} matching memories.</p>
      )}
    </aside>
  );
}

function FacetList({
  title,
  param,
  items,
  params,
}: {
  title: string;
  param: string;
  items: FacetCount[];
  params: URLSearchParams;
}) {
  const active = new Set(params.getAll(param));
  return (
    <section>
      <h2 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{title}</h2>
      {items.length === 0 ? (
        <p className="text-sm muted">None among these memories.</p>
      ) : (
        <ul className="space-y-0.5">
          {items.map((f) => {
            const on = active.has(f.value);
            return (
              <li key={f.value}>
                <IntentLink
                  href={toggleParam(params, param, f.value)}
                  aria-label={`${on ? "Remove" : "Filter by"} ${title === "Tags" ? "tag" : "component"} ${f.value} (${f.count})`}
                  aria-current={on ? "true" : undefined}
                  className={`flex items-center justify-between gap-2 rounded px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${on ? "bg-blue-50 font-medium text-blue-800 dark:bg-blue-950 dark:text-blue-300" : ""}`}
                  scroll={false}
                >
                  <span className="truncate">{f.value}</span>
                  <span className="flex shrink-0 items-center gap-1 tabular-nums text-xs muted">
                    <PendingMark />
                    {formatCount(f.count)}
                  </span>
                </IntentLink>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
