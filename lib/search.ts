import "server-only";
import { invalid, notFound } from "@/db/app-error";
import type { Database } from "@/db/client";
import { KEYWORD_LANGUAGE, type KeywordHit, keywordSearch } from "@/db/queries/keyword-search";
import type { MemorySummary } from "@/db/queries/memory-list";
import {
  memoryEmbedding,
  SCORE_FORMULA,
  type SearchHit,
  type SearchMetric,
  type SearchResult,
  searchNearest,
  similarityScore,
} from "@/db/queries/search";
import type { Tenant } from "@/db/tenant";
import { assertEmbedding, defaultEmbedder, type Embedder } from "./embedding";
import { tenantModels } from "./embedding/tenant-embedder";
import type { SearchMode, SearchQuery, SearchTarget } from "./memory-query/search-params";
import { RRF_K, reciprocalRankFusion } from "./rank-fusion";

/** One result as every mode answers it: the fields a mode does not compute are null. */
export type ResultHit = MemorySummary & {
  rank: number;
  /** To the query's embedding by the metric; null in keyword mode, or for a memory without embedding. */
  distance: number | null;
  score: number | null;
  textDigest: string | null;
  /** Rank among the vector and the keyword results; null when the memory is not among them. */
  vectorRank?: number | null;
  keywordRank?: number | null;
  keywordScore?: number | null;
  /** Hybrid: the Reciprocal Rank Fusion score that ordered it. */
  fusedScore?: number | null;
};

export type SearchResponse = Omit<SearchResult, "items" | "strategy"> & {
  mode: SearchMode;
  items: ResultHit[];
  /** The vector search's path (in hybrid mode, its vector half's); "keyword" in keyword mode. */
  strategy: SearchResult["strategy"] | "keyword";
  metric: SearchMetric;
  scoreFormula: string;
  /** Keyword and hybrid modes: the words searched for and how many memories hold them. */
  keyword: { language: string; words: string; matched: number } | null;
  /** Hybrid mode: how the two lists were fused, each `depth` deep. */
  fusion: { method: "rrf"; constant: number; depth: number } | null;
  /** Who embedded the query (null when searching by a stored memory's embedding, or by keyword). */
  embedder: { provider: string; model: string } | null;
  /** Why this tenant's distances may mean nothing (its memories mix models); null when they can be trusted. */
  modelWarning: string | null;
  tookMs: number;
  /** Vector mode, when asked: the nearest DISTRIBUTION_K memories' distances, nearest first (the cut-off chart). */
  distribution?: { id: number; distance: number }[];
};

/** How many of the nearest memories the score distribution shows. */
export const DISTRIBUTION_K = 100;

/** How deep each list of a hybrid search goes: a memory ranked low by one list can still rise by the other. */
export const hybridDepth = (k: number) => Math.max(k, 50);

/**
 * Runs a search by text (embedded with the configured embedder; in keyword mode by its words
 * alone, in hybrid mode both) or by a stored memory (itself excluded).
 */
export async function runSearch(
  tenant: Tenant,
  query: SearchQuery & { target: SearchTarget },
  options: { embedder?: Embedder; db?: Database; explain?: boolean; distribution?: boolean } = {},
): Promise<SearchResponse> {
  const started = performance.now();
  const { target, mode } = query;
  if (mode !== "vector" && target.kind !== "text") throw invalid("mode", `${mode} search needs a typed query.`);
  // The tenant's model embeds its queries (and says when its memories mix models).
  const models =
    options.embedder || mode === "keyword"
      ? null
      : await tenantModels(tenant, options.db).catch((error: unknown) => {
          // A search by a stored vector embeds nothing: a misconfigured embedder does not stop it.
          if (target.kind === "text") throw error;
          return null;
        });
  const embedderOptions = { ...options, embedder: options.embedder ?? models?.searchWith };
  const done = (
    response: Omit<SearchResponse, "tookMs" | "mode" | "metric" | "scoreFormula" | "modelWarning">,
  ): SearchResponse => ({
    ...response,
    modelWarning: models?.warning ?? null,
    mode,
    metric: query.metric,
    scoreFormula: SCORE_FORMULA[query.metric],
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  });

  if (mode === "keyword" && target.kind === "text") {
    const found = await keywordSearch(
      tenant,
      { text: target.q, filters: query.filters, limit: query.k, metric: query.metric },
      options.db,
    );
    return done({
      items: found.items.map((hit) => ({ ...keywordResult(hit, query.metric), rank: hit.keywordRank })),
      strategy: "keyword",
      examined: found.matched,
      withoutEmbedding: null,
      keyword: { language: KEYWORD_LANGUAGE, words: found.words, matched: found.matched },
      fusion: null,
      embedder: null,
    });
  }

  const { vector, embedder } = await queryVector(tenant, target, embedderOptions);
  // The first k of the nearest 100 are the nearest k: one search answers both the list and the chart.
  const distribution = mode === "vector" && options.distribution === true;
  const depth = mode === "hybrid" ? hybridDepth(query.k) : distribution ? Math.max(query.k, DISTRIBUTION_K) : query.k;
  const nearest = await searchNearest(
    tenant,
    {
      vector,
      metric: query.metric,
      k: depth,
      filters: query.filters,
      ...(query.threshold !== undefined ? { threshold: query.threshold } : {}),
      ...(target.kind === "similar" ? { excludeId: target.id } : {}),
      explain: options.explain ?? false,
    },
    options.db,
  );
  const { items: vectorHits, ...path } = nearest;
  const embeddedBy = embedder ? { provider: embedder.provider, model: embedder.model } : null;
  if (mode === "vector" || target.kind !== "text") {
    return done({
      ...path,
      ...(distribution ? { distribution: vectorHits.map(({ id, distance }) => ({ id, distance })) } : {}),
      items: vectorHits.slice(0, query.k).map((hit) => ({
        ...hit,
        vectorRank: hit.rank,
        keywordRank: null,
        keywordScore: null,
        fusedScore: null,
      })),
      keyword: null,
      fusion: null,
      embedder: embeddedBy,
    });
  }

  const words = await keywordSearch(
    tenant,
    { text: target.q, filters: query.filters, limit: depth, vector, metric: query.metric },
    options.db,
  );
  return done({
    ...path,
    items: fuseHits(vectorHits, words.items, query.metric).slice(0, query.k),
    keyword: { language: KEYWORD_LANGUAGE, words: words.words, matched: words.matched },
    fusion: { method: "rrf", constant: RRF_K, depth },
    embedder: embeddedBy,
  });
}

/** The query's vector: the text embedded, or the stored memory's embedding. */
async function queryVector(
  tenant: Tenant,
  target: SearchTarget,
  options: { embedder?: Embedder; db?: Database },
): Promise<{ vector: number[]; embedder: Embedder | null }> {
  if (target.kind === "text") {
    const embedder = options.embedder ?? defaultEmbedder();
    const [v] = await embedder.embed([target.q]);
    assertEmbedding(v, `The ${embedder.provider} embedder (${embedder.model})`);
    return { vector: v, embedder };
  }
  const stored = await memoryEmbedding(tenant, target.id, options.db);
  if (stored === undefined) throw notFound(`Memory ${target.id}`);
  if (stored === null) throw invalid("similar", `Memory ${target.id} has no embedding: re-embed it first.`);
  return { vector: stored, embedder: null };
}

function keywordResult(hit: KeywordHit, metric: SearchMetric): Omit<ResultHit, "rank"> {
  const { keywordRank, keywordScore, distance, ...summary } = hit;
  return {
    ...summary,
    distance,
    score: distance === null ? null : similarityScore(metric, distance),
    vectorRank: null,
    keywordRank,
    keywordScore,
    fusedScore: null,
  };
}

/** The vector and keyword lists as one, ordered by Reciprocal Rank Fusion, each hit with both ranks. */
function fuseHits(vectorHits: SearchHit[], keywordHits: KeywordHit[], metric: SearchMetric): ResultHit[] {
  const byVector = new Map(vectorHits.map((h) => [h.id, h]));
  const byKeyword = new Map(keywordHits.map((h) => [h.id, h]));
  const fused = reciprocalRankFusion([vectorHits.map((h) => h.id), keywordHits.map((h) => h.id)]);
  return fused.map(({ id, score, ranks: [vectorRank, keywordRank] }, i): ResultHit => {
    const keyword = byKeyword.get(id);
    const near = byVector.get(id);
    const base = near
      ? { ...near, keywordRank: keyword?.keywordRank ?? null, keywordScore: keyword?.keywordScore ?? null }
      : keywordResult(keyword!, metric);
    return {
      ...base,
      rank: i + 1,
      vectorRank: vectorRank ?? null,
      keywordRank: keywordRank ?? null,
      fusedScore: score,
    };
  });
}
