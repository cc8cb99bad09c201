import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "./connect";
import { selectRows } from "./rows";
import type { Tenant } from "./tenant";

/**
 * Similarity search on a big tenant goes through an HNSW index of that tenant's rows alone
 * (a partial index): no other tenant's vectors crowd its graph, so the nearest rows come back
 * without a filter after the scan, which is what cost recall with one index over all tenants.
 * Below this many embedded memories an exact scan is fast enough and always right.
 */
export const VECTOR_INDEX_MIN_EMBEDDED = 2_000;

/**
 * What the index holds: the embedding itself, written as subvector(embedding, 1, 768)::vector(768) (HNSW needs the dimensions) so that
 * only queries ordering by this expression can use it, and the specification's shared ivfflat
 * index on `embedding` (which the planner prefers, and which filters after its scan) cannot
 * answer them. The column is vector(768), so the expression is the whole vector.
 */
export const INDEXED_VECTOR = "(subvector(embedding, 1, 768)::vector(768))";

/** HNSW build parameters (pgvector's defaults) and the search breadth used with them. */
export const HNSW_BUILD = { m: 16, efConstruction: 64 } as const;
export const efSearchFor = (k: number) => Math.min(1000, Math.max(200, 4 * k));

/** The index name of a tenant: a hash, since ids are any text and names stop at 63 bytes. */
export function vectorIndexName(tenant: Tenant): string {
  const hash = createHash("sha256").update(`${tenant.userId}\u001f${tenant.projectId}`).digest("hex").slice(0, 20);
  return `idx_memory_logs_hnsw_${hash}`;
}

/** Is the tenant's vector index there and usable (not left invalid by an interrupted build)? */
export async function hasVectorIndex(db: Database, tenant: Tenant): Promise<boolean> {
  const [row] = await selectRows(
    db,
    sql`select exists (select 1 from pg_class c join pg_index i on i.indexrelid = c.oid
                        where c.relname = ${vectorIndexName(tenant)} and i.indisvalid and i.indrelid = to_regclass('memory_logs')) as present`,
    z.object({ present: z.boolean() }),
  );
  return row?.present ?? false;
}

export type VectorIndexGap = { name: string; state: "missing" | "invalid"; tenant: Tenant; embedded: number };

/** Tenants with at least `min` embedded memories whose vector index is missing or invalid, biggest first. */
export async function missingVectorIndexes(db: Database, min = VECTOR_INDEX_MIN_EMBEDDED): Promise<VectorIndexGap[]> {
  const [big, present] = await Promise.all([
    selectRows(
      db,
      sql`select user_id as "userId", project_id as "projectId", embedded::int as embedded
            from memory_tenant_stats where embedded >= ${min} order by embedded desc, project_id, user_id`,
      z.object({ userId: z.string(), projectId: z.string(), embedded: z.number() }),
    ),
    selectRows(
      db,
      sql`select c.relname as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
           where i.indrelid = to_regclass('memory_logs') and c.relname like 'idx\\_memory\\_logs\\_hnsw\\_%'`,
      z.object({ name: z.string(), valid: z.boolean() }),
    ),
  ]);
  const valid = new Map(present.map((p) => [p.name, p.valid]));
  return big.flatMap(({ embedded, ...tenant }): VectorIndexGap[] => {
    const name = vectorIndexName(tenant);
    const state = valid.get(name);
    if (state === true) return [];
    return [{ name, state: state === undefined ? "missing" : "invalid", tenant, embedded }];
  });
}

/**
 * The statement building a tenant's index. The tenant's ids go in as quoted literals (a partial
 * index predicate cannot take parameters); format(%L) quotes them in the database itself.
 */
export async function vectorIndexStatement(
  db: Database,
  tenant: Tenant,
  options: { concurrently: boolean },
): Promise<string> {
  const [row] = await selectRows(
    db,
    sql`select format('CREATE INDEX %s IF NOT EXISTS %I ON memory_logs USING hnsw ((${sql.raw(INDEXED_VECTOR)}) vector_l2_ops) WITH (m = %s, ef_construction = %s) WHERE user_id = %L AND project_id = %L AND embedding IS NOT NULL',
                      ${options.concurrently ? "CONCURRENTLY" : ""}::text, ${vectorIndexName(tenant)}::text, ${HNSW_BUILD.m}::int, ${HNSW_BUILD.efConstruction}::int,
                      ${tenant.userId}::text, ${tenant.projectId}::text) as statement`,
    z.object({ statement: z.string() }),
  );
  return row!.statement;
}
