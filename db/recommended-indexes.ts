import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "./connect";
import { selectRows } from "./rows";
import { missingVectorIndexes, vectorIndexStatement } from "./tenant-vector-indexes";

/**
 * Indexes the dashboard's queries need beyond the specification's three. Migrations
 * 0002_query_indexes, 0006_tenant_tags, 0008_without_embedding_index and 0016_memory_text_search create the same ones on small tables; on big, live tables
 * `npm run db:indexes` builds them without blocking writes. Keep the two in step
 * (tests/db/recommended-indexes.test.ts compares them).
 */
export const RECOMMENDED_INDEXES = [
  {
    name: "idx_memory_logs_tenant_created",
    definition:
      "(user_id, project_id, (COALESCE(created_at, '-infinity'::timestamp)) DESC, id DESC) INCLUDE (created_at)",
    why: "Lists a tenant's memories newest (or oldest) first and pages by keyset at any depth, without sorting all of its rows; created_at included so deep page numbers skip rows in the index alone.",
    current: "INCLUDE (created_at)",
  },
  {
    name: "idx_memory_logs_tenant_updated",
    definition:
      "(user_id, project_id, (COALESCE(updated_at, '-infinity'::timestamp)) DESC, id DESC) INCLUDE (updated_at)",
    why: "The same for sorting by last update.",
    current: "INCLUDE (updated_at)",
  },
  {
    name: "idx_memory_logs_tenant_id",
    definition: "(user_id, project_id, id)",
    why: "The same for sorting by id, and fast lookups of ids within a tenant.",
  },
  {
    name: "idx_memory_logs_tenant_component",
    definition: "(user_id, project_id, (raw_data ->> 'component'))",
    why: "Filters a tenant's memories by component, and counts components for the facets.",
  },
  {
    name: "idx_memory_logs_tags",
    definition: "USING gin ((raw_data -> 'tags'))",
    why: "Tag filters (any of, all of: the ?| and ?& operators) without reading every row.",
  },
  {
    name: "idx_memory_logs_tenant_tags",
    definition: "USING gin (memory_tenant_tags(user_id, project_id, raw_data))",
    why: "Tag filters within one tenant: finds that tenant's memories with the tags without reading its other rows (migration 0006 defines the function).",
  },
  {
    name: "idx_memory_logs_tenant_no_embedding",
    definition:
      "(user_id, project_id, (COALESCE(created_at, '-infinity'::timestamp)) DESC, id DESC) WHERE embedding IS NULL",
    why: "Lists and counts a tenant's memories without an embedding (filter, embed-missing) without reading its embedded ones (migration 0008).",
  },
  {
    name: "idx_memory_logs_text_search",
    definition: "USING gin (memory_text_search(raw_data))",
    why: "Keyword and hybrid search: finds the memories whose text holds the query's words (English stemming) without reading every row (migration 0016 defines the function).",
  },
] as const;

export type RecommendedIndex = (typeof RECOMMENDED_INDEXES)[number];

/**
 * What the definition of an index built by an older version lacks (migration 0009 changed two):
 * such an index is reported "outdated" and rebuilt.
 */
const currentMark = (index: RecommendedIndex): string | undefined => ("current" in index ? index.current : undefined);

function createIndexStatement(index: RecommendedIndex, options: { concurrently: boolean }): string {
  return `CREATE INDEX ${options.concurrently ? "CONCURRENTLY " : ""}IF NOT EXISTS ${index.name} ON memory_logs ${index.definition}`;
}

export type IndexState = { name: string; state: "missing" | "invalid" | "outdated" };

/**
 * Recommended indexes that are absent, or invalid (left by an interrupted concurrent build),
 * then the vector indexes of tenants big enough to need one.
 */
export async function missingIndexes(db: Database): Promise<IndexState[]> {
  const vectors = await missingVectorIndexes(db);
  return [...(await missingQueryIndexes(db)), ...vectors.map(({ name, state }) => ({ name, state }))];
}

async function missingQueryIndexes(db: Database): Promise<IndexState[]> {
  const present = await selectRows(
    db,
    sql`select c.relname as name, i.indisvalid as valid, pg_get_indexdef(i.indexrelid) as definition
          from pg_index i join pg_class c on c.oid = i.indexrelid
         where i.indrelid = to_regclass('memory_logs')`,
    z.object({ name: z.string(), valid: z.boolean(), definition: z.string() }),
  );
  const byName = new Map(present.map((p) => [p.name, p]));
  return RECOMMENDED_INDEXES.flatMap((index): IndexState[] => {
    const found = byName.get(index.name);
    if (!found) return [{ name: index.name, state: "missing" }];
    if (!found.valid) return [{ name: index.name, state: "invalid" }];
    const mark = currentMark(index);
    return mark && !found.definition.includes(mark) ? [{ name: index.name, state: "outdated" }] : [];
  });
}

/**
 * Builds the recommended indexes that are missing, then the missing tenant vector indexes
 * (biggest tenant first), one at a time with CREATE INDEX CONCURRENTLY so writes go on
 * meanwhile; an invalid one (from an interrupted build) is dropped and rebuilt.
 */
export async function buildMissingIndexes(
  db: Database,
  onIndex: (name: string, phase: "start" | "done", ms?: number) => void = () => undefined,
  options: { vectorMinEmbedded?: number } = {},
): Promise<string[]> {
  const built: string[] = [];
  const build = async (gap: IndexState, statement: () => Promise<string>) => {
    onIndex(gap.name, "start");
    const started = Date.now();
    if (gap.state === "invalid") await db.execute(sql.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${gap.name}`));
    await db.execute(sql.raw(await statement()));
    onIndex(gap.name, "done", Date.now() - started);
    built.push(gap.name);
  };
  for (const gap of await missingQueryIndexes(db)) {
    const index = RECOMMENDED_INDEXES.find((i) => i.name === gap.name)!;
    if (gap.state === "outdated") {
      // Build the new one beside the old, then swap: lists keep an index all along.
      onIndex(gap.name, "start");
      const started = Date.now();
      const next = `${index.name}_next`;
      await db.execute(sql.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${next}`));
      await db.execute(
        sql.raw(createIndexStatement({ ...index, name: next } as RecommendedIndex, { concurrently: true })),
      );
      await db.execute(sql.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${index.name}`));
      await db.execute(sql.raw(`ALTER INDEX ${next} RENAME TO ${index.name}`));
      onIndex(gap.name, "done", Date.now() - started);
      built.push(gap.name);
      continue;
    }
    await build(gap, async () => createIndexStatement(index, { concurrently: true }));
  }
  for (const gap of await missingVectorIndexes(db, options.vectorMinEmbedded)) {
    await build(gap, () => vectorIndexStatement(db, gap.tenant, { concurrently: true }));
  }
  return built;
}
