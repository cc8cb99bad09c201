import Link from "next/link";
import { IntentLink } from "@/components/ui/intent-link";
import { PendingMark } from "@/components/ui/pending-mark";
import { MAX_OFFSET, type MemoryListQuery } from "@/db/list-query";
import type { Total } from "@/db/queries/memory-count";
import { formatCount } from "@/lib/format";
import { withParams } from "@/lib/memory-query/url";
import { PageSizeSelect } from "./page-size-select";

/**
 * Page numbers for the first 10,000 memories; beyond, or whenever asked, "Load deeper" follows
 * the keyset cursor, which costs the same at any depth.
 */
export function Pagination({
  query,
  total,
  nextCursor,
  shown,
  params,
}: {
  query: MemoryListQuery;
  total: Total;
  nextCursor: string | null;
  shown: number;
  params: URLSearchParams;
}) {
  const numbered = Math.max(1, Math.ceil(Math.min(total.value, MAX_OFFSET) / query.limit));
  const inCursorMode = Boolean(query.cursor);
  const current = query.page;
  const pages = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, numbered])]
    .filter((p) => p >= 1 && p <= numbered)
    .sort((a, b) => a - b);
  const pageLink = (page: number) => withParams(params, { page: page === 1 ? null : String(page), cursor: null });
  const totalText = `${total.exact ? "" : "at least "}${formatCount(total.value)}`;
  const start = inCursorMode ? null : (current - 1) * query.limit + 1;

  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="muted" aria-live="polite">
        {shown === 0
          ? `No memories on this page of ${totalText}.`
          : start !== null
            ? `${formatCount(start)}–${formatCount(start + shown - 1)} of ${totalText}`
            : `${formatCount(shown)} memories deeper in ${totalText}`}
      </p>
      <div className="flex flex-wrap items-center gap-1">
        {inCursorMode ? (
          <Link className="btn btn-sm" href={pageLink(1)}>
            First page
          </Link>
        ) : (
          <>
            {current > 1 && (
              <IntentLink className="btn btn-sm" href={pageLink(current - 1)} rel="prev">
                Previous
                <PendingMark />
              </IntentLink>
            )}
            {pages.map((p, i) => (
              <span key={p} className="flex items-center gap-1">
                {i > 0 && p - pages[i - 1]! > 1 && <span className="px-1 muted">…</span>}
                <IntentLink
                  className={`btn btn-sm min-w-8 ${p === current ? "btn-primary" : ""}`}
                  href={pageLink(p)}
                  aria-label={`Page ${p}`}
                  aria-current={p === current ? "page" : undefined}
                >
                  {p}
                  <PendingMark />
                </IntentLink>
              </span>
            ))}
            {current < numbered && (
              // The page a reader most likely wants next is fetched as soon as this one shows.
              <Link className="btn btn-sm" href={pageLink(current + 1)} rel="next" prefetch>
                Next
                <PendingMark />
              </Link>
            )}
          </>
        )}
        {nextCursor && (inCursorMode || current >= numbered) && (
          <Link
            className="btn btn-sm"
            href={withParams(params, { cursor: nextCursor, page: null })}
            title="Continue after the last memory shown, at any depth"
          >
            Load deeper
          </Link>
        )}
        <PageSizeSelect value={query.limit} />
      </div>
    </nav>
  );
}
