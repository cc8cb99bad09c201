import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import pgvector from "pgvector";
import { z } from "zod";
import { type Database, getDb } from "../client";
import { selectRows } from "../rows";
import { memoryLogs, memoryTenantStats, vectorIndexRecall } from "../schema";
import type { Tenant } from "../tenant";
import { hasVectorIndex, INDEXED_VECTOR, vectorIndexName } from "../tenant-vector-indexes";
import { tenantWhere } from "./memory-filters";
import { tenantCounts } from "./tenant-stats";

/**
 * A tenant's HNSW index is trusted only as far as it was measured: recall@10 against an exact
 * scan, for a sample of the tenant's own memories as queries, at growing ef_search until the
 * target is met. An index that meets it at no ef_search is not used: its tenant is searched exactly.
 */
export const RECALL_TARGET = 0.98;
export const RECALL_K = 10;
export const RECALL_SAMPLE = 20;
export const EF_STEPS = [200, 400, 800, 1000] as const;
/** A measurement is stale once the tenant's embedded memories changed by this share since. */
export const RECALL_STALE_SHARE = 0.1;

export type IndexRecall = {
  /** The smallest ef_search that met the target; null when none did (searches are then exact). */
  efSearch: number | null;
  /** recall@10 at that ef_search, or the best one measured when none met the target. */
  recall: number;
  target: number;
  sample: number;
  measuredAt: Date;
  /** The tenant's embedded memories changed by 10% or more since: measure again (npm run db:indexes). */
  stale: boolean;
};

const isStale = (embeddedAt: number, embedded: number) =>
  Math.abs(embedded - embeddedAt) >= Math.max(1, RECALL_STALE_SHARE * embeddedAt);

/** The oid of the tenant's index as it is now (a rebuild gives the same name a new one), or null. */
async function indexOid(db: Database, tenant: Tenant): Promise<number | null> {
  const [row] = await selectRows(
    db,
    sql`select to_regclass(${vectorIndexName(tenant)})::oid::bigint as oid`,
    z.object({ oid: z.coerce.number().nullable() }),
  );
  return row?.oid ?? null;
}

/** The last measurement of the tenant's index as it is now; null when that index was never measured. */
export async function indexRecall(db: Database, tenant: Tenant): Promise<IndexRecall | null> {
  const [[row], oid] = await Promise.all([
    db
      .select()
      .from(vectorIndexRecall)
      .where(and(eq(vectorIndexRecall.userId, tenant.userId), eq(vectorIndexRecall.projectId, tenant.projectId))),
    indexOid(db, tenant),
  ]);
  if (!row || row.indexName !== vectorIndexName(tenant) || row.indexOid !== oid) return null;
  const { embedded } = await tenantCounts(tenant, db);
  return {
    efSearch: row.efSearch,
    recall: row.recall,
    target: row.target,
    sample: row.sample,
    measuredAt: row.measuredAt,
    stale: isStale(row.embeddedAt, embedded),
  };
}

const neighbour = z.object({ id: z.number(), distance: z.number() });

/**
 * Measures the tenant's index and keeps the result: for each sampled memory, the exact top 10 of
 * the others, then the index's answer at each ef_search step, a row at the 10th true distance
 * counting as found (ties). Null when the tenant has no usable index.
 */
export async function measureIndexRecall(
  db: Database,
  tenant: Tenant,
  options: { target?: number } = {},
): Promise<IndexRecall | null> {
  if (!(await hasVectorIndex(db, tenant))) return null;
  const target = options.target ?? RECALL_TARGET;
  const { embedded } = await tenantCounts(tenant, db);
  // A fixed sample (ordered by a hash of the id), so measuring again measures the same queries.
  const sample = await db
    .select({ id: memoryLogs.id, embedding: memoryLogs.embedding })
    .from(memoryLogs)
    .where(and(tenantWhere(tenant), sql`${memoryLogs.embedding} is not null`))
    .orderBy(sql`md5(${memoryLogs.id}::text)`, asc(memoryLogs.id))
    .limit(RECALL_SAMPLE);
  const queries = [];
  for (const { id, embedding } of sample) {
    const vector = pgvector.toSql(embedding!);
    const others = sql`${tenantWhere(tenant)} and ${memoryLogs.embedding} is not null and ${memoryLogs.id} <> ${id}`;
    // Materialised, so no approximate index orders the truth.
    const truth = await selectRows(
      db,
      sql`with candidates as materialized (
            select ${memoryLogs.id} as id, (${memoryLogs.embedding} <-> ${vector}::vector)::float8 as distance
              from ${memoryLogs} where ${others}
          )
          select id, distance from candidates order by distance, id limit ${RECALL_K}`,
      neighbour,
    );
    if (truth.length) queries.push({ vector, others, truth });
  }
  let best = { efSearch: null as number | null, recall: 0 };
  for (const ef of EF_STEPS) {
    let found = 0;
    let expected = 0;
    for (const { vector, others, truth } of queries) {
      const got = await db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('hnsw.ef_search', ${String(ef)}, true), set_config('enable_sort', 'off', true),
                     set_config('hnsw.iterative_scan', 'off', true)`,
        );
        return selectRows(
          tx as unknown as Database,
          sql`select ${memoryLogs.id} as id, (${memoryLogs.embedding} <-> ${vector}::vector)::float8 as distance
                from ${memoryLogs} where ${others}
               order by ${sql.raw(INDEXED_VECTOR)} <-> ${vector}::vector limit ${RECALL_K}`,
          neighbour,
        );
      });
      const kth = truth.at(-1)!.distance;
      const ids = new Set(truth.map((t) => t.id));
      found += Math.min(truth.length, got.filter((g) => ids.has(g.id) || g.distance <= kth + 1e-9).length);
      expected += truth.length;
    }
    const recall = expected ? found / expected : 1;
    if (recall >= target) {
      best = { efSearch: ef, recall };
      break;
    }
    if (recall > best.recall) best = { efSearch: null, recall };
  }
  const row = {
    userId: tenant.userId,
    projectId: tenant.projectId,
    indexName: vectorIndexName(tenant),
    indexOid: (await indexOid(db, tenant)) ?? 0,
    efSearch: best.efSearch,
    recall: best.recall,
    target,
    sample: queries.length,
    embeddedAt: embedded,
    measuredAt: new Date(),
  };
  await db
    .insert(vectorIndexRecall)
    .values(row)
    .onConflictDoUpdate({ target: [vectorIndexRecall.userId, vectorIndexRecall.projectId], set: row });
  return { ...best, target, sample: queries.length, measuredAt: row.measuredAt, stale: false };
}

export type IndexedTenant = { tenant: Tenant; embedded: number; recall: IndexRecall | null };

/** Every tenant with a usable vector index of its own, with its last measurement (null: never measured). */
export async function indexedTenants(db?: Database): Promise<IndexedTenant[]> {
  const conn = db ?? (await getDb());
  const [present, stats, kept] = await Promise.all([
    selectRows(
      conn,
      sql`select c.relname as name, c.oid::bigint as oid from pg_index i join pg_class c on c.oid = i.indexrelid
           where i.indrelid = to_regclass('memory_logs') and i.indisvalid and c.relname like 'idx\\_memory\\_logs\\_hnsw\\_%'`,
      z.object({ name: z.string(), oid: z.coerce.number() }),
    ),
    conn
      .select({
        userId: memoryTenantStats.userId,
        projectId: memoryTenantStats.projectId,
        embedded: memoryTenantStats.embedded,
      })
      .from(memoryTenantStats)
      .where(sql`${memoryTenantStats.embedded} > 0`),
    conn.select().from(vectorIndexRecall),
  ]);
  if (present.length === 0) return [];
  const oids = new Map(present.map((p) => [p.name, p.oid]));
  const byTenant = new Map(kept.map((r) => [`${r.userId}\u001f${r.projectId}`, r]));
  return stats.flatMap(({ embedded: count, ...tenant }): IndexedTenant[] => {
    const name = vectorIndexName(tenant);
    if (!oids.has(name)) return [];
    const embedded = Number(count);
    const r = byTenant.get(`${tenant.userId}\u001f${tenant.projectId}`);
    const recall =
      r && r.indexName === name && r.indexOid === oids.get(name)
        ? {
            efSearch: r.efSearch,
            recall: r.recall,
            target: r.target,
            sample: r.sample,
            measuredAt: r.measuredAt,
            stale: isStale(r.embeddedAt, embedded),
          }
        : null;
    return [{ tenant, embedded, recall }];
  });
}

/** Measures every tenant index never measured, or measured before many writes; the tenants measured. */
export async function measureStaleRecalls(
  db: Database,
  onTenant: (tenant: Tenant, recall: IndexRecall | null) => void = () => undefined,
): Promise<Tenant[]> {
  const measured: Tenant[] = [];
  for (const { tenant, recall } of await indexedTenants(db)) {
    if (recall && !recall.stale) continue;
    onTenant(tenant, await measureIndexRecall(db, tenant));
    measured.push(tenant);
  }
  return measured;
}
