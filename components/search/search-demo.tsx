"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { useSlashFocus } from "@/components/ui/filter-box";
import type { Tenant } from "@/db/tenant";
import { formatCount } from "@/lib/format";
import type { SearchResponse } from "@/lib/search";
import { SearchResults } from "./search-results";

type Props = {
  tenant: Tenant;
  /** The page's URL parameters; results for them were computed on the server. */
  initialParams: string;
  initialResult: SearchResponse | null;
  initialError: string | null;
  embedderLabel: string;
};

/** The demo search: a big query box that searches as you type, results as cards, and how they were found. */
export function SearchDemo({ tenant, initialParams, initialResult, initialError, embedderLabel }: Props) {
  const pathname = usePathname();
  const { search } = useMemoryActions();
  const start = new URLSearchParams(initialParams);
  const [q, setQ] = useState(start.get("q") ?? "");
  const [k, setK] = useState(start.get("k") ?? "10");
  const [metric, setMetric] = useState(start.get("metric") ?? "l2");
  const [threshold, setThreshold] = useState(start.get("threshold") ?? "");
  const similar = start.get("similar");
  const [result, setResult] = useState(initialResult);
  const [error, setError] = useState(initialError);
  const [pending, startTransition] = useTransition();
  const box = useRef<HTMLInputElement>(null);
  const first = useRef(true);
  useSlashFocus(box);

  useEffect(() => {
    if (first.current) {
      first.current = false; // the server already answered the URL's search
      return;
    }
    const params = new URLSearchParams(initialParams);
    for (const [key, value] of Object.entries({ q, k, metric, threshold })) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    if (q) params.delete("similar");
    const timer = setTimeout(() => {
      // The URL always reproduces what is shown.
      window.history.replaceState(null, "", `${pathname}?${params}`);
      if (!q.trim() && !params.get("similar")) {
        setResult(null);
        setError(null);
        return;
      }
      startTransition(async () => {
        const answer = await search({ ...tenant, query: params.toString() });
        if (answer.ok) {
          setResult(answer.data);
          setError(null);
        } else setError(answer.error);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [q, k, metric, threshold, initialParams, pathname, tenant, search]);

  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/useSemanticElements: a form with the search role submits on Enter and is named as a landmark */}
      <form
        role="search"
        aria-label="Similarity search"
        className="card space-y-3 p-4"
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          Search by meaning
          <input
            ref={box}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={
              similar && !q
                ? `Memories similar to memory ${similar}`
                : "Ask something, e.g. “password reset email is late”  ( / )"
            }
            className="input py-3 text-lg"
            // biome-ignore lint/a11y/noAutofocus: the page exists to type a query; its box is where the user starts
            autoFocus
          />
        </label>
        <div className="flex flex-wrap items-end gap-3 text-xs muted">
          <label className="flex flex-col gap-1">
            Results (k)
            <input
              type="number"
              min={1}
              max={100}
              value={k}
              onChange={(e) => setK(e.target.value)}
              className="input w-20"
            />
          </label>
          <label className="flex flex-col gap-1">
            Metric
            <select value={metric} onChange={(e) => setMetric(e.target.value)} className="input">
              <option value="l2">L2 distance (&lt;-&gt;)</option>
              <option value="cosine">cosine distance (&lt;=&gt;)</option>
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Max distance
            <input
              type="number"
              min={0}
              step="0.05"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
              placeholder="none"
              className="input w-28"
            />
          </label>
          <p className="ml-auto max-w-md text-right">
            Query embedded by <strong>{embedderLabel}</strong>. Compare only with memories embedded by the same model:
            distances between vectors of different models mean nothing.
          </p>
        </div>
      </form>

      {error && (
        <p
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}

      {result && (
        <div className="grid gap-4 lg:grid-cols-[1fr_16rem]" aria-busy={pending}>
          <div className="min-w-0">
            {result.items.length === 0 ? (
              <p className="card p-6 text-center text-sm muted">
                No memory with an embedding matches{threshold ? " within that distance" : ""}.
              </p>
            ) : (
              <SearchResults tenant={tenant} hits={result.items} metric={result.metric} query={q} />
            )}
          </div>
          <aside aria-label="How this search ran" className="card h-fit space-y-2 p-4 text-sm">
            <h2 className="font-semibold">Explain</h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="muted">Strategy</dt>
              <dd>
                {result.strategy === "exact"
                  ? "exact scan (true top k)"
                  : "this user's HNSW index (approximate nearest neighbours)"}
              </dd>
              <dt className="muted">Compared</dt>
              <dd className="tabular-nums">{formatCount(result.examined)} memories</dd>
              <dt className="muted">Index</dt>
              <dd className="break-all">{result.indexes?.length ? result.indexes.join(", ") : "none"}</dd>
              <dt className="muted">Took</dt>
              <dd className="tabular-nums">{result.tookMs} ms</dd>
              <dt className="muted">Embedder</dt>
              <dd>{result.embedder ? `${result.embedder.provider} · ${result.embedder.model}` : "stored embedding"}</dd>
            </dl>
            <p className="text-xs muted">Score: {result.scoreFormula}.</p>
            {result.withoutEmbedding > 0 && (
              <p className="text-xs text-amber-700 dark:text-amber-400">
                {formatCount(result.withoutEmbedding)} matching memories have no embedding and were left out.
              </p>
            )}
          </aside>
        </div>
      )}
    </div>
  );
}
