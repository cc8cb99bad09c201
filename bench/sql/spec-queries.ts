import "server-only";
import pgvector from "pgvector";
import type { Connection } from "@/db/connect";
import { RECOMMENDED_INDEXES } from "@/db/recommended-indexes";
import type { Tenant } from "@/db/tenant";
import { inRolledBackTransaction, type Session } from "./session";

/**
 * The same work as the dashboard's, written the way the data specification writes it
 * (postgresql-pgvector.md): `SELECT *`, `ORDER BY created_at DESC LIMIT … OFFSET …`, filters as in its
 * "Query memories with specific tag / by nested field" examples, and its similarity query, on
 * its three indexes only. The benchmark times these beside the app's own functions.
 */

/** The specification's indexes, exactly as its DDL creates them. */
export const SPEC_INDEXES = [
  {
    name: "idx_memory_logs_user_project",
    ddl: "CREATE INDEX idx_memory_logs_user_project ON memory_logs(user_id, project_id)",
  },
  {
    name: "idx_memory_logs_created_at",
    ddl: "CREATE INDEX idx_memory_logs_created_at ON memory_logs(created_at DESC)",
  },
  {
    name: "idx_memory_logs_embedding",
    ddl: "CREATE INDEX idx_memory_logs_embedding ON memory_logs USING ivfflat (embedding vector_l2_ops) WITH (lists = 100)",
  },
] as const;

export type SpecQuery = { text: string; params: unknown[] };

/** A filter of the memory list, as the specification's examples write it. */
export type SpecFilter =
  | { kind: "tag"; tag: string }
  | { kind: "tags-all"; tags: string[] }
  | { kind: "component"; component: string }
  | { kind: "path-equals"; segments: string[]; value: string }
  | { kind: "path-present"; segments: string[] }
  | { kind: "text"; text: string }
  | { kind: "dates"; from: string; before?: string }
  | { kind: "without-embedding" };

const tenantWhere = "user_id = $1 AND project_id = $2";
const tenantParams = (tenant: Tenant) => [tenant.userId, tenant.projectId];

function filterSql(filter: SpecFilter, next: number): { sql: string; params: unknown[] } {
  switch (filter.kind) {
    case "tag":
      return { sql: `raw_data->'tags' ? $${next}`, params: [filter.tag] };
    case "tags-all":
      return { sql: `raw_data->'tags' ?& $${next}::text[]`, params: [filter.tags] };
    case "component":
      return { sql: `raw_data->>'component' = $${next}`, params: [filter.component] };
    case "path-equals":
      return { sql: `raw_data #>> $${next}::text[] = $${next + 1}`, params: [filter.segments, filter.value] };
    case "path-present":
      return { sql: `raw_data #> $${next}::text[] IS NOT NULL`, params: [filter.segments] };
    case "text":
      return { sql: `raw_data->>'content' ILIKE $${next}`, params: [`%${filter.text}%`] };
    case "dates":
      return filter.before === undefined
        ? { sql: `created_at >= $${next}::timestamp`, params: [filter.from] }
        : {
            sql: `created_at >= $${next}::timestamp AND created_at < $${next + 1}::timestamp`,
            params: [filter.from, filter.before],
          };
    case "without-embedding":
      return { sql: "embedding IS NULL", params: [] };
  }
}

export const specQueries = {
  /** Not in the specification: the obvious GROUP BY over its table, for the projects overview. */
  projects: (): SpecQuery => ({
    text: `SELECT project_id, count(DISTINCT user_id) AS users, count(*) AS memories, max(created_at) AS latest
             FROM memory_logs GROUP BY project_id ORDER BY count(*) DESC, project_id`,
    params: [],
  }),

  /** Not in the specification either: the users of one project. */
  projectUsers: (projectId: string): SpecQuery => ({
    text: `SELECT user_id, count(*) AS memories, count(embedding) AS embedded, max(created_at) AS latest
             FROM memory_logs WHERE project_id = $1 GROUP BY user_id ORDER BY count(*) DESC, user_id`,
    params: [projectId],
  }),

  /** "List Memories": SELECT * … ORDER BY created_at DESC LIMIT … OFFSET …, optionally filtered. */
  list: (tenant: Tenant, page: { limit: number; offset: number; filter?: SpecFilter }): SpecQuery => {
    const filter = page.filter ? filterSql(page.filter, 5) : null;
    return {
      text: `SELECT * FROM memory_logs
              WHERE ${tenantWhere}${filter ? ` AND ${filter.sql}` : ""}
              ORDER BY created_at DESC LIMIT $3 OFFSET $4`,
      params: [...tenantParams(tenant), page.limit, page.offset, ...(filter?.params ?? [])],
    };
  },

  /** Tag and component counts of a tenant, the way one would write them over the specification's table. */
  facets: (tenant: Tenant, limit: number, filter?: SpecFilter): SpecQuery[] => {
    const where = filter ? filterSql(filter, 4) : null;
    const and = where ? ` AND ${where.sql}` : "";
    return [
      {
        text: `SELECT tag, count(*) AS n FROM memory_logs, jsonb_array_elements_text(raw_data->'tags') AS tag
                WHERE ${tenantWhere}${and} GROUP BY tag ORDER BY n DESC, tag LIMIT $3`,
        params: [...tenantParams(tenant), limit, ...(where?.params ?? [])],
      },
      {
        text: `SELECT raw_data->>'component' AS component, count(*) AS n FROM memory_logs
                WHERE ${tenantWhere}${and} AND raw_data->>'component' IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT $3`,
        params: [...tenantParams(tenant), limit, ...(where?.params ?? [])],
      },
    ];
  },

  /** "Similarity Query", verbatim but for LIMIT k: ivfflat with its default probes when the planner picks it. */
  similar: (tenant: Tenant, vector: number[] | string, k: number): SpecQuery => ({
    text: `SELECT id, raw_data, 1 - (embedding <-> $3::vector) AS similarity
             FROM memory_logs
            WHERE ${tenantWhere}
            ORDER BY embedding <-> $3::vector
            LIMIT $4`,
    params: [...tenantParams(tenant), typeof vector === "string" ? vector : pgvector.toSql(vector), k],
  }),

  /** "Get Memory by ID". */
  byId: (tenant: Tenant, id: number): SpecQuery => ({
    text: `SELECT * FROM memory_logs WHERE id = $3 AND ${tenantWhere}`,
    params: [...tenantParams(tenant), id],
  }),

  /** Deleting by filter in one statement ("Delete Memory" for many rows); the specification has no trash. */
  deleteWhere: (tenant: Tenant, filter: SpecFilter): SpecQuery => {
    const f = filterSql(filter, 3);
    return {
      text: `DELETE FROM memory_logs WHERE ${tenantWhere} AND ${f.sql}`,
      params: [...tenantParams(tenant), ...f.params],
    };
  },

  /** The isolation strategy's `.filter(user_id, project_id).all()`: every row at once. */
  all: (tenant: Tenant, limit: number): SpecQuery => ({
    text: `SELECT * FROM memory_logs WHERE ${tenantWhere} ORDER BY id LIMIT $3`,
    params: [...tenantParams(tenant), limit],
  }),
};

/**
 * Runs `work` with only the specification's indexes visible: the dashboard's recommended ones are
 * dropped inside a transaction that is rolled back afterwards, so they come back untouched (no
 * rebuild) and no other session ever misses them.
 */
export function withSpecIndexesOnly<T>(conn: Connection, work: (session: Session) => Promise<T>): Promise<T> {
  return inRolledBackTransaction(conn, async (session) => {
    for (const index of RECOMMENDED_INDEXES) await session.exec(`DROP INDEX IF EXISTS ${index.name}`);
    return work(session);
  });
}
