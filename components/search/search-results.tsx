import Link from "next/link";
import type { SearchHit, SearchMetric } from "@/db/queries/search";
import type { Tenant } from "@/db/tenant";
import { memoryPath, similarPath } from "@/lib/paths";

const METRIC_NAME: Record<SearchMetric, string> = { l2: "L2 distance", cosine: "cosine distance" };

/** Ranked results as cards: rank, score bar, raw distance with its metric, content with the query's words marked. */
export function SearchResults({
  tenant,
  hits,
  metric,
  query,
  compact = false,
}: {
  tenant: Tenant;
  hits: SearchHit[];
  metric: SearchMetric;
  query?: string;
  compact?: boolean;
}) {
  return (
    <ol className="space-y-2" aria-label="Search results">
      {hits.map((hit) => {
        const share = Math.max(0, Math.min(1, metric === "cosine" ? (hit.score + 1) / 2 : hit.score));
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
              {!compact && (
                <div className="flex flex-wrap items-center gap-1">
                  {hit.tags.map((t, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a tag may repeat; the position tells the copies apart
                    <span key={`${t}-${i}`} className="chip">
                      {t}
                    </span>
                  ))}
                  {hit.component && <span className="font-mono text-xs muted">{hit.component}</span>}
                </div>
              )}
            </div>
            <div className="w-40 shrink-0 space-y-1 text-right text-xs">
              <div className="h-1.5 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-700" aria-hidden>
                <div className="h-full bg-blue-600" style={{ width: `${share * 100}%` }} />
              </div>
              <p>
                score <strong className="tabular-nums">{hit.score.toFixed(4)}</strong>
              </p>
              <p className="muted tabular-nums" title={METRIC_NAME[metric]}>
                {METRIC_NAME[metric]} {hit.distance.toFixed(4)}
              </p>
              {!compact && (
                <Link href={similarPath(tenant, hit.id, metric)} className="link">
                  Find similar
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** Marks the query's words in the text, case-insensitively. */
function Highlighted({ text, query }: { text: string; query?: string }) {
  const words = (query ?? "").toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  if (words.length === 0) return <>{text}</>;
  const pattern = new RegExp(
    `(${[...new Set(words)].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`,
    "giu",
  );
  const parts = text.split(pattern);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one text, in order
          <mark key={i} className="rounded bg-yellow-200 px-0.5 dark:bg-yellow-700/60">
            {part}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one text, in order
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}
