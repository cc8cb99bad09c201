import Link from "next/link";
import type { Tenant } from "@/db/tenant";
import type { SearchQuery } from "@/lib/memory-query/search-params";
import type { ResultHit, SearchResponse } from "@/lib/search";
import { type CompareSide, type RankChange, rankChanges } from "@/lib/search-compare";
import { SearchResults } from "./search-results";

export type CompareColumn = {
  side: CompareSide;
  query: SearchQuery;
  /** The side as a search of its own. */
  link: string;
  result: SearchResponse | null;
  error: string | null;
};

const label = (side: CompareSide) => side.toUpperCase();

/** The two searches' results side by side; each card says where the other search ranks it. */
export function CompareResults({ tenant, columns }: { tenant: Tenant; columns: CompareColumn[] }) {
  return (
    <div className="grid gap-4 *:min-w-0 lg:grid-cols-2">
      {columns.map((column) => {
        const other = columns.find((c) => c.side !== column.side)!;
        const changes = rankChanges(column.result?.items ?? [], other.result?.items ?? []);
        const shared = [...changes.values()].filter((c) => c.otherRank !== null).length;
        return (
          <section
            key={column.side}
            aria-label={`Search ${label(column.side)}`}
            className="min-w-0 space-y-2"
            data-side={column.side}
          >
            <header className="card space-y-1 p-3 text-sm">
              <h2 className="font-semibold">
                {label(column.side)}: {describeQuery(column.query)}
              </h2>
              {column.result && other.result && (
                <p className="muted" data-testid="shared-count">
                  {shared} of {column.result.items.length} also in {label(other.side)}
                </p>
              )}
              <Link href={column.link} className="link text-xs">
                Open {label(column.side)} as a search
              </Link>
            </header>
            {column.error ? (
              <p
                role="alert"
                className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
              >
                {column.error}
              </p>
            ) : !column.result ? (
              <p className="card p-6 text-center text-sm muted">Type a query for {label(column.side)} above.</p>
            ) : column.result.items.length === 0 ? (
              <p className="card p-6 text-center text-sm muted">No memory matches this search.</p>
            ) : (
              <SearchResults
                tenant={tenant}
                hits={column.result.items}
                metric={column.result.metric}
                mode={column.result.mode}
                {...(column.query.target?.kind === "text" ? { query: column.query.target.q } : {})}
                annotate={(hit: ResultHit) => <Placement change={changes.get(hit.id)} other={label(other.side)} />}
              />
            )}
          </section>
        );
      })}
    </div>
  );
}

/** "#3 in B · up 2" for a result both searches share, "only in A" for one the other lacks. */
function Placement({ change, other }: { change: RankChange | undefined; other: string }) {
  if (!change || change.otherRank === null)
    return (
      <span className="chip" data-testid="placement">
        not in {other}
      </span>
    );
  const moved = change.moved ?? 0;
  return (
    <span
      className="chip border-blue-300 bg-blue-50 text-blue-900 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100"
      data-testid="placement"
      data-shared
    >
      in both · #{change.otherRank} in {other}
      {moved !== 0 && ` · ${moved > 0 ? "higher" : "lower"} here by ${Math.abs(moved)}`}
    </span>
  );
}

function describeQuery(query: SearchQuery): string {
  const target = !query.target
    ? "no query"
    : query.target.kind === "text"
      ? `“${query.target.q}”`
      : `similar to memory ${query.target.id}`;
  return `${target} · ${query.mode} · ${query.metric === "l2" ? "L2" : "cosine"} · k ${query.k}`;
}
