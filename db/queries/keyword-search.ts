import "server-only";
import { and, asc, desc, sql } from "drizzle-orm";
import pgvector from "pgvector";
import { z } from "zod";
import { type Database, getDb } from "../client";
import type { MemoryFilters } from "../filters";
import { memoryTextDigest } from "../memory-text";
import { selectRows } from "../rows";
import { memoryLogs } from "../schema";
import type { Tenant } from "../tenant";
import { memoryWhere } from "./memory-filters";
import { type MemorySummary, summaryFields, summaryFromRow } from "./memory-list";
import { METRIC_OPERATOR, type SearchMetric } from "./search";

/** The text search configuration of memory_text_search (migration 0016): English stemming and stop words. */
export const KEYWORD_LANGUAGE = "english";

export type KeywordHit = MemorySummary & {
  /** Place among the memories that hold the words, best first. */
  keywordRank: number;
  /** PostgreSQL's ts_rank_cd: how often and how close together the words occur. */
  keywordScore: number;
  /** To the query vector by the search's metric, when one was given and the memory has an embedding. */
  distance: number | null;
  textDigest: string | null;
};

export type KeywordResult = {
  items: KeywordHit[];
  /**
   * The query as PostgreSQL searched it (websearch_to_tsquery), e.g. 'password' & 'reset'; empty
   * when no word was searchable (stop words only, or only words to exclude).
   */
  words: string;
  /** Memories of the tenant under the filters whose text holds the words. */
  matched: number;
};

type KeywordInput = {
  text: string;
  filters: MemoryFilters;
  limit: number;
  /** Also measure each hit's distance to this vector (hybrid search shows it beside the ranks). */
  vector?: number[];
  metric: SearchMetric;
};

const textSearch = sql`memory_text_search(${memoryLogs.rawData})`;
const tsQuery = (text: string) => sql`websearch_to_tsquery(${KEYWORD_LANGUAGE}::regconfig, ${text})`;

/**
 * The tenant's memories under the filters whose text holds the query's words (web search syntax:
 * "quoted phrases", or, -exclusions), ranked by ts_rank_cd, through idx_memory_logs_text_search.
 * A query of stop words alone ("the") searches for nothing and matches nothing.
 */
export async function keywordSearch(tenant: Tenant, input: KeywordInput, db?: Database): Promise<KeywordResult> {
  const conn = db ?? (await getDb());
  // querytree is 'T' when no word can be looked up in an index: only exclusions ("-password"),
  // which would match every memory without the word, unranked. Searched for nothing, like stop words.
  const [parsed] = await selectRows(
    conn,
    sql`select ${tsQuery(input.text)}::text as words, querytree(${tsQuery(input.text)}) as tree`,
    z.object({ words: z.string(), tree: z.string() }),
  );
  const words = parsed!.tree === "T" ? "" : parsed!.words;
  if (!words) return { items: [], words, matched: 0 };
  const score = sql<number>`ts_rank_cd(${textSearch}, ${tsQuery(input.text)})::float8`;
  const distance = input.vector
    ? sql<
        number | null
      >`(${memoryLogs.embedding} ${METRIC_OPERATOR[input.metric]} ${pgvector.toSql(input.vector)}::vector)::float8`
    : sql<null>`null::float8`;
  const rows = await conn
    .select({
      ...summaryFields,
      textDigest: memoryTextDigest(memoryLogs.rawData),
      keywordScore: score,
      distance,
      matched: sql<number>`(count(*) over ())::int`,
    })
    .from(memoryLogs)
    .where(and(memoryWhere(tenant, input.filters), sql`${textSearch} @@ ${tsQuery(input.text)}`))
    .orderBy(desc(score), asc(memoryLogs.id))
    .limit(input.limit);
  const items = rows.map(({ matched: _, textDigest, keywordScore, distance, ...row }, i) => ({
    ...summaryFromRow(row),
    textDigest,
    keywordRank: i + 1,
    keywordScore: Number(keywordScore),
    distance: distance === null ? null : Number(distance),
  }));
  return { items, words, matched: rows[0]?.matched ?? 0 };
}
