import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Database, getDb } from "../client";
import { exactTimestamp } from "../exact-timestamp";
import { hasMemoryText } from "../memory-text";
import { selectRows } from "../rows";
import { memoryEmbedders, memoryLogs, type RawData } from "../schema";
import type { Tenant } from "../tenant";

/** Records that `embedder` wrote the current vectors of these memories of the tenant (the app's inserts). */
export async function recordEmbedders(tenant: Tenant, ids: number[], embedder: string, db?: Database): Promise<void> {
  if (ids.length === 0) return;
  const conn = db ?? (await getDb());
  await conn
    .insert(memoryEmbedders)
    .values(ids.map((memoryId) => ({ memoryId, userId: tenant.userId, projectId: tenant.projectId, embedder })))
    .onConflictDoUpdate({ target: memoryEmbedders.memoryId, set: { embedder } });
}

export type TenantEmbedder = { embedder: string; memories: number };

/**
 * Which embedders wrote the tenant's current vectors, most memories first. The distinct names
 * come from a few index probes (a skip scan); they are counted only when there are several, so
 * a search of a big user that uses one model pays next to nothing for the check.
 */
export async function tenantEmbedders(tenant: Tenant, db?: Database): Promise<TenantEmbedder[]> {
  const conn = db ?? (await getDb());
  const names = await selectRows(
    conn,
    sql`with recursive d(embedder) as (
          (select embedder from ${memoryEmbedders}
            where user_id = ${tenant.userId} and project_id = ${tenant.projectId} order by embedder limit 1)
          union all
          select (select e.embedder from ${memoryEmbedders} e
                   where e.user_id = ${tenant.userId} and e.project_id = ${tenant.projectId} and e.embedder > d.embedder
                   order by e.embedder limit 1)
            from d where d.embedder is not null)
        select embedder from d where embedder is not null`,
    z.object({ embedder: z.string() }),
  );
  if (names.length <= 1) return names.map((n) => ({ embedder: n.embedder, memories: -1 }));
  return countByEmbedder(tenant, conn);
}

/** How many memories of the tenant have a vector (and text) that `embedder` did not write. */
export async function countNotEmbeddedBy(tenant: Tenant, embedder: string, db?: Database): Promise<number> {
  const conn = db ?? (await getDb());
  const [row] = await selectRows(
    conn,
    sql`select count(*)::int as n from ${memoryLogs} m
          left join ${memoryEmbedders} e on e.memory_id = m.id
         where m.user_id = ${tenant.userId} and m.project_id = ${tenant.projectId}
           and m.embedding is not null and ${hasMemoryText(sql`m.raw_data`)}
           and e.embedder is distinct from ${embedder}`,
    z.object({ n: z.number() }),
  );
  return row?.n ?? 0;
}

/**
 * The next memories after `afterId` whose vector `embedder` did not write, id order: a model
 * migration's next batch. Memories it already wrote are skipped, so a batch redone after a crash
 * writes nothing twice.
 */
export async function notEmbeddedBy(
  tenant: Tenant,
  embedder: string,
  afterId: number,
  limit: number,
  db?: Database,
): Promise<{ id: number; rawData: RawData; version: string }[]> {
  const conn = db ?? (await getDb());
  return selectRows(
    conn,
    sql`select m.id, m.raw_data::text as raw_data, ${exactTimestamp(sql`m.updated_at`)} as version
          from ${memoryLogs} m
          left join ${memoryEmbedders} e on e.memory_id = m.id
         where m.user_id = ${tenant.userId} and m.project_id = ${tenant.projectId} and m.id > ${afterId}
           and m.embedding is not null and ${hasMemoryText(sql`m.raw_data`)}
           and e.embedder is distinct from ${embedder}
         order by m.id limit ${limit}`,
    z.object({ id: z.number(), raw_data: z.string(), version: z.string() }),
  ).then((rows) => rows.map((r) => ({ id: r.id, rawData: r.raw_data, version: r.version })));
}

/** How many of the tenant's vectors each embedder wrote, most first (the models page). */
export async function countByEmbedder(tenant: Tenant, db?: Database): Promise<TenantEmbedder[]> {
  const conn = db ?? (await getDb());
  return selectRows(
    conn,
    sql`select embedder, count(*)::int as memories from ${memoryEmbedders}
         where user_id = ${tenant.userId} and project_id = ${tenant.projectId}
         group by embedder order by count(*) desc, embedder`,
    z.object({ embedder: z.string(), memories: z.number() }),
  );
}
