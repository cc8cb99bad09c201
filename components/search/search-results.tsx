import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { SearchMetric } from "@/db/queries/search";
import type { Tenant } from "@/db/tenant";
import { formatDateTimeShort } from "@/lib/format";
import { highlightParts } from "@/lib/highlight";
import type { SearchMode } from "@/lib/memory-query/search-params";
import { memoryPath, similarPath } from "@/lib/paths";
import { RRF_K } from "@/lib/rank-fusion";
import type { ResultHit } from "@/lib/search";
import { groupIdenticalHits } from "@/lib/search-hits";

const METRIC_NAME: Record<SearchMetric, string> = { l2: "L2 distance", cosine: "cosine distance" };

/** The best fused score a memory can have: first in both lists. */
const TOP_FUSED = 2 / (RRF_K + 1);

/**
 * Ranked results as cards: rank, score bar, raw distance with its metric, content with the query's
 * words marked, and the memory's identity (id, created, tags, component). Keyword and hybrid
 * results also show the rank each list gave them, and the fused score that ordered them. Hits
 * with identical text are one card marked ×N.
 */
export function SearchResults({
  tenant,
  hits,
  metric,
  mode = "vector",
  query,
  compact = false,
  annotate,
}: {
  tenant: Tenant;
  hits: ResultHit[];
  metric: SearchMetric;
  mode?: SearchMode;
  query?: string;
  /** Without "Find similar" (the inspector's nearest list, which has its own). */
  compact?: boolean;
  /** Something more to say of a hit, beside its identity (a comparison's other rank). */
  annotate?: (hit: ResultHit) => ReactNode;
}) {
  const topKeyword = Math.max(0, ...hits.map((h) => h.keywordScore ?? 0));
  const barShare = (hit: ResultHit): number => {
    if (mode === "hybrid") return (hit.fusedScore ?? 0) / TOP_FUSED;
    if (mode === "keyword") return topKeyword > 0 ? (hit.keywordScore ?? 0) / topKeyword : 0;
    if (hit.score === null) return 0;
    return metric === "cosine" ? (hit.score + 1) / 2 : hit.score;
  };
  return (
    <ol className="space-y-2" aria-label="Search results">
      {groupIdenticalHits(hits).map(({ hit, copies }) => {
        const share = Math.max(0, Math.min(1, barShare(hit)));
        const created = hit.createdAt ? new Date(hit.createdAt) : null;
        return (
          <li key={hit.id} data-memory-id={hit.id} className="card flex gap-3 p-3">
            <span className="w-8 shrink-0 text-right font-mono text-sm muted">
              <span aria-hidden>#{hit.rank}</span>
              <span className="sr-only">Rank {hit.rank}</span>
            </span>
            <div className="min-w-0 flex-1 space-y-1.5">
              <Link
                href={memoryPath(tenant, hit.id)}
                className="block text-sm hover:underline"
                aria-label={`Open memory ${hit.id}`}
              >
                {hit.preview ? (
                  <Highlighted text={hit.preview} query={query} />
                ) : (
                  <span className="italic muted">(no content)</span>
                )}
              </Link>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
                <span className="inline-flex items-center gap-0.5 font-mono muted">
                  id {hit.id}
                  <CopyButton value={String(hit.id)} label={`Copy memory id ${hit.id}`} what={`memory id ${hit.id}`} />
                </span>
                <time className="muted" dateTime={created?.toISOString()} title="Created (UTC)">
                  created {formatDateTimeShort(created)}
                </time>
                {hit.component && (
                  <span className="font-mono muted" title="Component">
                    {hit.component}
                  </span>
                )}
                {hit.tags.length > 0 && (
                  <span className="flex flex-wrap items-center gap-1">
                    {hit.tags.map((t, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a tag may repeat; the position tells the copies apart
                      <span key={`${t}-${i}`} className="chip" title={t}>
                        {t}
                      </span>
                    ))}
                    {hit.tagCount > hit.tags.length && <span className="muted">+{hit.tagCount - hit.tags.length}</span>}
                  </span>
                )}
                {copies.length > 0 && <Copies count={copies.length + 1} copies={copies} tenant={tenant} />}
                {annotate?.(hit)}
              </div>
            </div>
            <div className="w-40 shrink-0 space-y-1 text-right text-xs">
              <div className="h-1.5 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-700" aria-hidden>
                <div className="h-full bg-blue-600" style={{ width: `${share * 100}%` }} />
              </div>
              {mode === "vector" ? (
                hit.score !== null && (
                  <p>
                    score <strong className="tabular-nums">{hit.score.toFixed(4)}</strong>
                  </p>
                )
              ) : (
                <Ranks hit={hit} mode={mode} />
              )}
              <p className="muted tabular-nums" title={METRIC_NAME[metric]}>
                {hit.distance === null
                  ? mode === "keyword"
                    ? null
                    : "no embedding"
                  : `${METRIC_NAME[metric]} ${hit.distance.toFixed(4)}`}
              </p>
              {!compact && hit.hasEmbedding && (
                <Link href={similarPath(tenant, hit.id, metric)} className="link">
                  Find similar<span className="sr-only"> to memory {hit.id}</span>
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Why a keyword or hybrid result is where it is: its rank in each list (a dash when that list's
 * top does not hold it) and, in hybrid mode, the fused score that ordered it.
 */
function Ranks({ hit, mode }: { hit: ResultHit; mode: SearchMode }) {
  const rank = (r: number | null | undefined) => (r ? `#${r}` : "—");
  return (
    <>
      {mode === "hybrid" && (
        <p title={`Reciprocal Rank Fusion: the sum of 1 / (${RRF_K} + rank) over both lists`}>
          fused <strong className="tabular-nums">{(hit.fusedScore ?? 0).toFixed(4)}</strong>
        </p>
      )}
      <p className="tabular-nums" data-testid="ranks">
        {mode === "hybrid" && <>vector {rank(hit.vectorRank)} · </>}keyword {rank(hit.keywordRank)}
      </p>
      {mode === "keyword" && hit.keywordScore != null && (
        <p className="muted tabular-nums" title="PostgreSQL ts_rank_cd">
          keyword score {hit.keywordScore.toFixed(4)}
        </p>
      )}
    </>
  );
}

/** "×N": the other memories with the very same text, each a link. */
function Copies({ count, copies, tenant }: { count: number; copies: ResultHit[]; tenant: Tenant }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span className="chip font-semibold" title={`${count} memories have this text`}>
        <span aria-hidden>×{count}</span>
        <span className="sr-only">{count} memories have this text</span>
      </span>
      <span className="muted">also</span>
      {copies.map((c) => (
        <Link key={c.id} href={memoryPath(tenant, c.id)} className="link font-mono" aria-label={`Open memory ${c.id}`}>
          {c.id}
        </Link>
      ))}
    </span>
  );
}

/** Marks the query's whole words in the text (lib/highlight.ts). */
function Highlighted({ text, query }: { text: string; query?: string }) {
  return (
    <>
      {highlightParts(text, query).map((part, i) =>
        part.marked ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one text, in order
          <mark key={i} className="rounded bg-yellow-200 px-0.5 dark:bg-yellow-700/60 dark:text-zinc-50">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one text, in order
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
