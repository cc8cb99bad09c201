import { embeddingStats } from "@/lib/embedding-stats";

/** Whether the memory has an embedding, and what it looks like: size, norm, range and a strip of its values. */
export function EmbeddingPanel({ embedding }: { embedding: number[] | null }) {
  if (!embedding) {
    return (
      <section aria-labelledby="embedding-title" className="card space-y-1 p-4">
        <h2 id="embedding-title" className="text-sm font-semibold">
          Embedding
        </h2>
        <p className="text-sm text-amber-700 dark:text-amber-400">
          No embedding: this memory is left out of similarity search. Re-embed it to add one.
        </p>
      </section>
    );
  }
  const s = embeddingStats(embedding);
  const scale = Math.max(Math.abs(s.min), Math.abs(s.max), 1e-9);
  const bucketScale = Math.max(...s.buckets.map(Math.abs), 1e-9);
  const fmt = (v: number) => v.toFixed(4);
  return (
    <section aria-labelledby="embedding-title" className="card space-y-3 p-4">
      <h2 id="embedding-title" className="text-sm font-semibold">
        Embedding
      </h2>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="muted">Dimensions</dt>
        <dd className="tabular-nums">{s.dimensions}</dd>
        <dt className="muted">L2 norm</dt>
        <dd className="tabular-nums">{fmt(s.norm)}</dd>
        <dt className="muted">Min / max</dt>
        <dd className="tabular-nums">
          {fmt(s.min)} / {fmt(s.max)}
        </dd>
        <dt className="muted">Mean</dt>
        <dd className="tabular-nums">{fmt(s.mean)}</dd>
      </dl>
      <figure>
        <svg
          viewBox={`0 0 ${s.buckets.length * 3} 40`}
          className="h-12 w-full"
          role="img"
          aria-label={`Values of the ${s.dimensions} dimensions, averaged in ${s.buckets.length} groups`}
        >
          <line
            x1="0"
            x2={s.buckets.length * 3}
            y1="20"
            y2="20"
            className="stroke-zinc-300 dark:stroke-zinc-700"
            strokeWidth="0.5"
          />
          {s.buckets.map((v, i) => {
            const h = (Math.abs(v) / bucketScale) * 19;
            return (
              <rect
                // biome-ignore lint/suspicious/noArrayIndexKey: one bar per dimension, in dimension order
                key={i}
                x={i * 3}
                y={v >= 0 ? 20 - h : 20}
                width="2.2"
                height={Math.max(h, 0.3)}
                className={v >= 0 ? "fill-blue-600" : "fill-rose-500"}
              />
            );
          })}
        </svg>
        <figcaption className="text-xs muted">
          Mean value per group of {Math.ceil(s.dimensions / s.buckets.length)} dimensions (scale ±{fmt(scale)}).
        </figcaption>
      </figure>
    </section>
  );
}
