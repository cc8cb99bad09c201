import "server-only";
import { invalid, notFound } from "@/db/app-error";
import type { Database } from "@/db/client";
import {
  memoryEmbedding,
  SCORE_FORMULA,
  type SearchMetric,
  type SearchResult,
  searchNearest,
} from "@/db/queries/search";
import type { Tenant } from "@/db/tenant";
import { assertEmbedding, defaultEmbedder, type Embedder } from "./embedding";
import type { SearchQuery, SearchTarget } from "./memory-query/search-params";

export type SearchResponse = SearchResult & {
  metric: SearchMetric;
  scoreFormula: string;
  /** Who embedded the query (null when searching by a stored memory's embedding). */
  embedder: { provider: string; model: string } | null;
  tookMs: number;
};

/** Runs a search by text (embedded with the configured embedder) or by a stored memory (itself excluded). */
export async function runSearch(
  tenant: Tenant,
  query: SearchQuery & { target: SearchTarget },
  options: { embedder?: Embedder; db?: Database; explain?: boolean } = {},
): Promise<SearchResponse> {
  const started = performance.now();
  let vector: number[];
  let embedder: Embedder | null = null;
  if (query.target.kind === "text") {
    embedder = options.embedder ?? defaultEmbedder();
    const [v] = await embedder.embed([query.target.q]);
    assertEmbedding(v, `The ${embedder.provider} embedder (${embedder.model})`);
    vector = v;
  } else {
    const stored = await memoryEmbedding(tenant, query.target.id, options.db);
    if (stored === undefined) throw notFound(`Memory ${query.target.id}`);
    if (stored === null) throw invalid("similar", `Memory ${query.target.id} has no embedding: re-embed it first.`);
    vector = stored;
  }
  const result = await searchNearest(
    tenant,
    {
      vector,
      metric: query.metric,
      k: query.k,
      filters: query.filters,
      ...(query.threshold !== undefined ? { threshold: query.threshold } : {}),
      ...(query.target.kind === "similar" ? { excludeId: query.target.id } : {}),
      explain: options.explain ?? false,
    },
    options.db,
  );
  return {
    ...result,
    metric: query.metric,
    scoreFormula: SCORE_FORMULA[query.metric],
    embedder: embedder ? { provider: embedder.provider, model: embedder.model } : null,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
