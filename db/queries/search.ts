import "server-only";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import pgvector from "pgvector";
import { z } from "zod";
import { type Database, getDb } from "../client";
import type { MemoryFilters } from "../filters";
import { isUnfiltered } from "../filters";
import { memoryTextDigest } from "../memory-text";
import { selectRows } from "../rows";
import { memoryLogs } from "../schema";
import type { Tenant } from "../tenant";
import { efSearchFor, hasVectorIndex, INDEXED_VECTOR } from "../tenant-vector-indexes";
import { assertEmbedding } from "../vector-check";
import { memoryWhere, tenantWhere } from "./memory-filters";
import { type MemorySummary, summaryFields, summaryFromRow } from "./memory-list";
import { tenantCounts } from "./tenant-stats";
import { type IndexRecall, indexRecall } from "./vector-index-recall";

export type SearchMetric = "l2" | "cosine";
export const METRIC_OPERATOR: Record<SearchMetric, SQL> = { l2: sql.raw("<->"), cosine: sql.raw("<=>") };

export type SearchHit = MemorySummary & {
  rank: number;
  distance: number;
  score: number;
  /** md5 of the memory's text (db/memory-text.ts): equal for identical texts; null without text. */
  textDigest: string | null;
};
export type SearchResult = {
  items: SearchHit[];
  /**
   * How the neighbours were found. Exact: every candidate's distance computed, so the true top k.
   * Index: the tenant's own HNSW index (db/tenant-vector-indexes.ts), approximate.
   */
  strategy: "exact" | "index";
  /**
   * Memories of the tenant under the filters that have an embedding: the candidates compared.
   * Null only where no vector search ran (lib/search.ts: keyword mode).
   */
  examined: number | null;
  /** Memories under the filters without an embedding, left out of the search (null: not counted, as above). */
  withoutEmbedding: number | null;
  /** Indexes the plan uses to find the candidates (from EXPLAIN), when asked for. */
  indexes?: string[];
  /**
   * The measured recall of the tenant's own index, when it has one (null: not measured yet). An
   * index below the target at every ef_search is not used: the search is exact.
   */
  indexRecall?: IndexRecall | null;
};

/**
 * Similarity scores shown beside the raw distance. pgvector's distances are not similarities:
 * the specification's `1 - L2 distance` goes negative for vectors that are not normalised.
 */
export function similarityScore(metric: SearchMetric, distance: number): number {
  return metric === "cosine" ? 1 - distance : 1 / (1 + distance);
}

export const SCORE_FORMULA: Record<SearchMetric, string> = {
  cosine: "cosine similarity = 1 − cosine distance (from −1 to 1)",
  l2: "1 / (1 + L2 distance) (from 0 to 1; 1 is identical)",
};

type SearchInput = {
  vector: number[];
  metric: SearchMetric;
  k: number;
  filters: MemoryFilters;
  threshold?: number;
  excludeId?: number;
  explain?: boolean;
};
type Neighbours = Pick<SearchResult, "strategy" | "examined" | "withoutEmbedding"> & {
  hits: { id: number; distance: number }[];
};

/**
 * The k memories of the tenant nearest to `vector` under the filters. An unfiltered search of a
 * tenant with its own, trusted vector index walks that index (usesVectorIndex); everything else, and an index answer
 * with fewer rows than the tenant can give, is exact: distances are computed for every candidate
 * in a materialised set, so the shared approximate index (which filters after its scan and can
 * return fewer or other rows) is never used for the ordering.
 */
export async function searchNearest(tenant: Tenant, input: SearchInput, db?: Database): Promise<SearchResult> {
  assertEmbedding(input.vector, "The query embedding");
  const conn = db ?? (await getDb());
  const hasIndex = await hasVectorIndex(conn, tenant);
  const recall = hasIndex ? await indexRecall(conn, tenant) : undefined;
  // Measured below the target at every ef_search: not trusted, so exact.
  const trusted = hasIndex && !(recall && recall.efSearch === null);
  const ef = Math.max(efSearchFor(input.k), recall?.efSearch ?? 0);
  const indexed = trusted && (await usesVectorIndex(conn, tenant, input));
  const found =
    (indexed ? await indexedNeighbours(conn, tenant, input, ef) : null) ?? (await exactNeighbours(conn, tenant, input));
  // EXPLAIN only plans the candidate query; it is one more round trip, so only the demo page asks.
  const indexes = input.explain
    ? found.strategy === "index"
      ? await onVectorIndex(conn, ef, (tx) => planIndexes(tx, nearestQuery(tenant, input)))
      : await planIndexes(conn, sql`select ${memoryLogs.id} from ${memoryLogs} where ${candidateWhere(tenant, input)}`)
    : undefined;
  const { hits, ...counts } = found;
  const summaries = hits.length
    ? await conn
        .select({ ...summaryFields, textDigest: memoryTextDigest(memoryLogs.rawData) })
        .from(memoryLogs)
        .where(
          and(
            tenantWhere(tenant),
            inArray(
              memoryLogs.id,
              hits.map((h) => h.id),
            ),
          ),
        )
    : [];
  const byId = new Map(summaries.map(({ textDigest, ...s }) => [s.id, { ...summaryFromRow(s), textDigest }]));
  const items = hits.flatMap((h, i): SearchHit[] => {
    const summary = byId.get(h.id);
    return summary
      ? [{ ...summary, rank: i + 1, distance: h.distance, score: similarityScore(input.metric, h.distance) }]
      : [];
  });
  return {
    items,
    ...counts,
    ...(indexes ? { indexes } : {}),
    ...(recall !== undefined ? { indexRecall: recall } : {}),
  };
}

/** The memories a search compares: the tenant's under the filters, with an embedding, but the query memory. */
const candidateWhere = (tenant: Tenant, input: SearchInput) =>
  and(
    memoryWhere(tenant, input.filters),
    sql`${memoryLogs.embedding} is not null`,
    input.excludeId !== undefined ? sql`${memoryLogs.id} <> ${input.excludeId}` : undefined,
  );

const hitRow = z.object({ id: z.number(), distance: z.number() });

/**
 * Whether the tenant's own (trusted) HNSW index answers: an unfiltered search, by L2 or by cosine
 * over unit vectors. Under filters the search is exact: pgvector's iterative index scan (tried,
 * with strict_order) kept walking the graph until k rows passed the filter, but far from the
 * query the walk is not in true distance order; on the benchmark's clustered data at 1,000,000
 * rows it returned 31-50% of the true top 10 under a tag, a component or text contained
 * (docs/search-grid-iterative-scan.md), while passing tests on uniformly random vectors.
 */
async function usesVectorIndex(conn: Database, tenant: Tenant, input: SearchInput): Promise<boolean> {
  if (!isUnfiltered(input.filters)) return false;
  return input.metric === "l2" || (await cosineOrdersAsL2(conn, tenant, input.vector));
}

/**
 * For embeddings of length 1, |x − q|² = 1 + |q|² − 2 x·q and the cosine distance is 1 − x·q / |q|:
 * both grow as x·q falls, so the L2 index yields them in cosine order too (for any query but zero).
 */
async function cosineOrdersAsL2(conn: Database, tenant: Tenant, vector: number[]): Promise<boolean> {
  if (!vector.some((x) => x !== 0)) return false;
  const counts = await tenantCounts(tenant, conn);
  return counts.embedded > 0 && counts.unitEmbedded === counts.embedded;
}

/**
 * The tenant's HNSW index, searched ef_search wide. Null when it gives fewer rows than the tenant
 * has candidates for (up to k), so the caller answers exactly instead of short.
 */
async function indexedNeighbours(
  conn: Database,
  tenant: Tenant,
  input: SearchInput,
  ef: number,
): Promise<Neighbours | null> {
  const rows = await onVectorIndex(conn, ef, (tx) => selectRows(tx, nearestQuery(tenant, input), hitRow));
  const counts = await tenantCounts(tenant, conn);
  const candidates = counts.embedded - (input.excludeId !== undefined ? 1 : 0);
  if (rows.length < Math.min(input.k, candidates)) return null;
  const hits = rows
    .filter((h) => input.threshold === undefined || h.distance <= input.threshold)
    .sort((a, b) => a.distance - b.distance || a.id - b.id);
  return { strategy: "index", examined: candidates, withoutEmbedding: counts.memories - counts.embedded, hits };
}

/**
 * The k nearest in L2 index order, with the search's own metric's distance: the query the
 * tenant's HNSW index answers (for cosine only when the order is the same, see cosineOrdersAsL2).
 */
function nearestQuery(tenant: Tenant, input: SearchInput): SQL {
  const query = pgvector.toSql(input.vector);
  return sql`select ${memoryLogs.id} as id, (${memoryLogs.embedding} ${METRIC_OPERATOR[input.metric]} ${query}::vector)::float8 as distance
               from ${memoryLogs} where ${candidateWhere(tenant, input)}
              order by ${sql.raw(INDEXED_VECTOR)} <-> ${query}::vector limit ${input.k}`;
}

/**
 * Runs `work` in a transaction set for the tenant's index: ef_search `ef` (wide enough for k, and
 * for the recall measured), and no sort, so the planner takes the one path that yields rows by
 * distance (on a small table it would otherwise sort every row, which is right but not what was chosen).
 */
function onVectorIndex<T>(conn: Database, ef: number, work: (tx: Database) => Promise<T>): Promise<T> {
  return conn.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('hnsw.ef_search', ${String(ef)}, true), set_config('enable_sort', 'off', true),
                 set_config('hnsw.iterative_scan', 'off', true)`,
    );
    return work(tx as unknown as Database);
  });
}

/** Every candidate's distance, then the k smallest: the true top k. */
async function exactNeighbours(conn: Database, tenant: Tenant, input: SearchInput): Promise<Neighbours> {
  const op = METRIC_OPERATOR[input.metric];
  const query = pgvector.toSql(input.vector);
  const where = candidateWhere(tenant, input);
  const [row] = await selectRows(
    conn,
    sql`with candidates as materialized (
          select ${memoryLogs.id} as id, (${memoryLogs.embedding} ${op} ${query}::vector)::float8 as distance
            from ${memoryLogs} where ${where}
        ),
        top as (
          select id, distance from candidates
           where distance <> 'NaN'::float8 ${input.threshold !== undefined ? sql`and distance <= ${input.threshold}` : sql``}
           order by distance, id limit ${input.k}
        )
        select (select count(*)::int from candidates) as examined,
               (select count(*)::int from ${memoryLogs} where ${memoryWhere(tenant, input.filters)} and ${memoryLogs.embedding} is null) as "withoutEmbedding",
               coalesce((select json_agg(json_build_object('id', id, 'distance', distance) order by distance, id) from top), '[]'::json) as hits`,
    z.object({ examined: z.number(), withoutEmbedding: z.number(), hits: z.array(hitRow) }),
  );
  const { examined, withoutEmbedding, hits } = row!;
  return { strategy: "exact", examined, withoutEmbedding, hits };
}

/** The names of the indexes in the plan of `query` (EXPLAIN only plans it). */
async function planIndexes(conn: Database, query: SQL): Promise<string[]> {
  const rows = await selectRows(conn, sql`explain (format json) ${query}`, z.record(z.string(), z.unknown()));
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "Index Name" && typeof value === "string") names.add(value);
        else visit(value);
      }
    } else if (typeof node === "string" && node.startsWith("[")) {
      try {
        visit(JSON.parse(node)); // some drivers hand the plan over as text
      } catch {
        // not a plan
      }
    }
  };
  visit(rows);
  return [...names];
}

/** The stored embedding of one memory of the tenant: undefined when there is no such memory, null when it has none. */
export async function memoryEmbedding(tenant: Tenant, id: number, db?: Database): Promise<number[] | null | undefined> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({ embedding: memoryLogs.embedding })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), eq(memoryLogs.id, id)));
  return row ? row.embedding : undefined;
}
