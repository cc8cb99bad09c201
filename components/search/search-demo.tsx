"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type ReactNode, useEffect, useRef, useState, useTransition } from "react";
import { useSlashFocus } from "@/components/ui/filter-box";
import type { Tenant } from "@/db/tenant";
import { formatCount } from "@/lib/format";
import { compareSearchPath, memoryPath } from "@/lib/paths";
import type { SearchResponse } from "@/lib/search";
import { ScoreCutoff } from "./score-cutoff";
import { SearchResults } from "./search-results";

type Props = {
  tenant: Tenant;
  /** The answer to the URL's search, computed by the server page (null when the URL asks for none). */
  result: SearchResponse | null;
  error: string | null;
  embedderLabel: string;
  /** The list filters the search runs within, shown under the query. */
  filters: ReactNode;
};

type Field = "q" | "k" | "metric" | "threshold" | "mode";
const DEFAULTS: Record<Field, string> = { q: "", k: "10", metric: "l2", threshold: "", mode: "vector" };
const TYPING_DELAY_MS = 250;
const MODE_NAME: Record<SearchResponse["mode"], string> = {
  vector: "vector: nearest by embedding",
  keyword: "keyword: full-text search of the text",
  hybrid: "hybrid: vector and keyword results fused by rank",
};

/** What the tenant index's last recall measurement says (db/queries/vector-index-recall.ts). */
function describeRecall(recall: SearchResponse["indexRecall"]): string {
  if (!recall) return "not measured yet (npm run db:indexes measures it)";
  const measured = `recall@10 ${recall.recall.toFixed(3)}`;
  if (recall.efSearch === null)
    return `${measured}, below ${recall.target} at every ef_search: this user is searched exactly`;
  return `${measured} at ef_search ${recall.efSearch}${recall.stale ? ", measured before many writes (npm run db:indexes measures again)" : ""}`;
}

/** The search a comparison starts with beside this one: the same under the other kind of ranking (or metric). */
function comparedWith(params: URLSearchParams): URLSearchParams {
  const other = new URLSearchParams(params);
  if (!other.get("q")) {
    // "Similar to" has one mode: compare its metrics instead.
    if (other.get("metric") === "cosine") other.delete("metric");
    else other.set("metric", "cosine");
    other.delete("threshold");
    return other;
  }
  if ((other.get("mode") ?? "vector") === "vector") {
    other.set("mode", "hybrid");
    other.delete("threshold");
  } else other.delete("mode");
  return other;
}

/**
 * The demo search: a big query box that searches as you type, results as cards, and how they were
 * found. The URL is the state: the fields show it, the results are the server's answer to it, and
 * only the user's input writes it (after a pause in typing, or at once on Enter or a choice), so a
 * link that changes the URL, such as "Find similar", is never undone.
 */
export function SearchDemo({ tenant, result, error, embedderLabel, filters }: Props) {
  const pathname = usePathname();
  const router = useRouter();
  const params = useSearchParams();
  const urlValue = (field: Field) => params.get(field) ?? DEFAULTS[field];
  // What the user typed that the URL does not say yet.
  const [drafts, setDrafts] = useState<Partial<Record<Field, string>>>({});
  const value = (field: Field) => drafts[field] ?? urlValue(field);
  const [pending, startTransition] = useTransition();
  const box = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const written = useRef<string | null>(null);
  useSlashFocus(box);

  const current = params.toString();
  useEffect(() => {
    // The URL changed: by our own write, the drafts it holds are done; by anything else (a link,
    // back or forward), it wins over whatever was typed and not yet written.
    if (current !== written.current) clearTimeout(timer.current);
    setDrafts((d) => {
      if (current !== written.current) return Object.keys(d).length ? {} : d;
      const left = Object.entries(d).filter(
        ([f, v]) => (new URLSearchParams(current).get(f) ?? DEFAULTS[f as Field]) !== v,
      );
      return left.length === Object.keys(d).length ? d : Object.fromEntries(left);
    });
  }, [current]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const write = (changes: Partial<Record<Field, string>>) => {
    clearTimeout(timer.current);
    // The URL as it is now (not as it was when the keystroke was rendered), with the user's fields.
    const next = new URLSearchParams(window.location.search);
    for (const [field, v] of Object.entries(changes)) {
      if (v && v !== DEFAULTS[field as Field]) next.set(field, v);
      else next.delete(field);
    }
    if (next.get("q")?.trim()) next.delete("similar"); // a typed query replaces "similar to"
    if (next.has("mode")) next.delete("threshold"); // a maximum distance is for vector search alone
    const text = next.toString();
    if (text === new URLSearchParams(window.location.search).toString()) return;
    written.current = text;
    startTransition(() => router.replace(`${pathname}${text ? `?${text}` : ""}`, { scroll: false }));
  };
  const change = (field: Field, v: string, delay = TYPING_DELAY_MS) => {
    const next = { ...drafts, [field]: v };
    setDrafts(next);
    clearTimeout(timer.current);
    if (delay === 0) write(next);
    else timer.current = setTimeout(() => write(next), delay);
  };

  const q = value("q");
  const shownQuery = params.get("q") ?? "";
  const similar = params.get("similar");
  const threshold = params.get("threshold");
  const mode = value("mode");

  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/useSemanticElements: a form with the search role submits on Enter and is named as a landmark */}
      <form
        role="search"
        aria-label="Similarity search"
        className="card space-y-3 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          write(drafts);
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          Search by meaning
          <input
            ref={box}
            type="search"
            value={q}
            onChange={(e) => change("q", e.target.value)}
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
              value={value("k")}
              onChange={(e) => change("k", e.target.value)}
              className="input w-20"
            />
          </label>
          <label className="flex flex-col gap-1">
            Mode
            <select value={mode} onChange={(e) => change("mode", e.target.value, 0)} className="input">
              <option value="vector">vector (by meaning)</option>
              {/* Keyword and hybrid search need words: a "similar to" search has none. */}
              <option value="keyword" disabled={Boolean(similar && !q)}>
                keyword (by words)
              </option>
              <option value="hybrid" disabled={Boolean(similar && !q)}>
                hybrid (both, fused by rank)
              </option>
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Metric
            <select value={value("metric")} onChange={(e) => change("metric", e.target.value, 0)} className="input">
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
              value={mode === "vector" ? value("threshold") : ""}
              onChange={(e) => change("threshold", e.target.value)}
              disabled={mode !== "vector"}
              title={mode === "vector" ? undefined : "A maximum distance applies to vector search only"}
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
      {filters}

      {error && (
        <p
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}

      {result && (
        <div className="grid gap-4 *:min-w-0 lg:grid-cols-[1fr_16rem]" aria-busy={pending}>
          <div className="min-w-0 space-y-2">
            <p className="text-right text-xs">
              <Link href={compareSearchPath(tenant, params, comparedWith(params))} className="link">
                Compare with another search
              </Link>
            </p>
            {similar && !shownQuery && (
              <p className="text-sm">
                Memories similar to{" "}
                <Link href={memoryPath(tenant, Number(similar))} className="link">
                  memory {similar}
                </Link>
              </p>
            )}
            {result.items.length === 0 ? (
              <p className="card p-6 text-center text-sm muted">
                {result.mode === "keyword"
                  ? result.keyword?.words
                    ? "No memory holds these words."
                    : "No word to search for: words such as “the” or “and” are left out, and a query of -exclusions alone would match everything."
                  : `No memory with an embedding matches${threshold ? " within that distance" : ""}.`}
              </p>
            ) : (
              <SearchResults
                tenant={tenant}
                hits={result.items}
                metric={result.metric}
                mode={result.mode}
                query={shownQuery}
              />
            )}
          </div>
          <div className="min-w-0 space-y-4">
            <aside aria-label="How this search ran" className="card h-fit space-y-2 p-4 text-sm">
              <h2 className="font-semibold">Explain</h2>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                <dt className="muted">Mode</dt>
                <dd>{MODE_NAME[result.mode]}</dd>
                {result.keyword && (
                  <>
                    <dt className="muted">Words</dt>
                    <dd className="break-all font-mono text-xs">{result.keyword.words || "none searchable"}</dd>
                    <dt className="muted">Hold them</dt>
                    <dd className="tabular-nums">
                      {formatCount(result.keyword.matched)} {result.keyword.matched === 1 ? "memory" : "memories"}
                    </dd>
                  </>
                )}
                {result.fusion && (
                  <>
                    <dt className="muted">Fusion</dt>
                    <dd>
                      reciprocal rank fusion: 1 / ({result.fusion.constant} + rank), summed over the top{" "}
                      {result.fusion.depth} of each list
                    </dd>
                  </>
                )}
                {result.strategy !== "keyword" && (
                  <>
                    <dt className="muted">Strategy</dt>
                    <dd>
                      {result.strategy === "exact"
                        ? "exact scan (true top k)"
                        : "this user's HNSW index (approximate nearest neighbours)"}
                    </dd>
                    <dt className="muted">Compared</dt>
                    <dd className="tabular-nums">
                      {result.examined === null ? "not counted" : `${formatCount(result.examined)} memories`}
                    </dd>
                    <dt className="muted">Index</dt>
                    <dd className="break-all">{result.indexes?.length ? result.indexes.join(", ") : "none"}</dd>
                    {result.indexRecall !== undefined && (
                      <>
                        <dt className="muted">Index recall</dt>
                        <dd data-testid="index-recall">{describeRecall(result.indexRecall)}</dd>
                      </>
                    )}
                  </>
                )}
                <dt className="muted">Took</dt>
                <dd className="tabular-nums">{result.tookMs} ms</dd>
                <dt className="muted">Embedder</dt>
                <dd>
                  {result.embedder
                    ? `${result.embedder.provider} · ${result.embedder.model}`
                    : result.mode === "keyword"
                      ? "none (words only)"
                      : "stored embedding"}
                </dd>
              </dl>
              {result.mode === "keyword" ? (
                <p className="text-xs muted">
                  Ranked by PostgreSQL ts_rank_cd over the text ({result.keyword?.language} stemming).
                </p>
              ) : (
                <p className="text-xs muted">Score: {result.scoreFormula}.</p>
              )}
              {result.withoutEmbedding !== null && result.withoutEmbedding > 0 && (
                <p className="text-xs text-amber-700 dark:text-amber-400">
                  {formatCount(result.withoutEmbedding)} matching memories have no embedding and were left out.
                </p>
              )}
            </aside>
            {result.distribution && result.distribution.length > 1 && (
              <ScoreCutoff key={current} tenant={tenant} hits={result.distribution} metric={result.metric} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
