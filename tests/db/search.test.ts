import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Connection, Database } from "@/db/connect";
import type { MemoryFilters } from "@/db/filters";
import { type SearchMetric, searchNearest } from "@/db/queries/search";
import { selectRows } from "@/db/rows";
import { openMigrated, rawExec, testDatabases } from "../support/databases";
import { exactNeighbours } from "../support/exact-neighbours";
import { queryVector } from "../support/query-vector";

const NO_FILTERS: MemoryFilters = { tags: [], tagMode: "any", components: [] };
const TENANTS = { big: 6000, mid: 3000, tiny: 5 } as const;

describe.each(testDatabases)("exact nearest-neighbour search on $name", (database) => {
  let conn: Connection;
  let db: Database;

  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
    // One script, so one session: setseed makes random() repeatable. The big tenant is most of the table.
    await rawExec(
      conn,
      `select setseed(0.42);
       insert into memory_logs (user_id, project_id, raw_data, embedding)
       select case when g <= ${TENANTS.big} then 'big' when g <= ${TENANTS.big + TENANTS.mid} then 'mid' else 'tiny' end, 'p',
              jsonb_build_object('content', 'memory ' || g, 'tags', jsonb_build_array('t' || (g % 5)), 'component', 'c' || (g % 3)),
              case when g % 97 = 0 then null else (select array_agg(random()::real - 0.5) from generate_series(1, 768) where g > 0)::vector end
         from generate_series(1, ${TENANTS.big + TENANTS.mid + TENANTS.tiny}) g;
       insert into memory_logs (user_id, project_id, raw_data, embedding)
       select user_id, 'other-project', raw_data, embedding from memory_logs where user_id = 'tiny';
       reindex index idx_memory_logs_embedding;
       analyze memory_logs;`,
    );
  }, 240_000);
  afterAll(() => conn.close());

  /** The exact top k of a user of project "p" (tests/support/exact-neighbours.ts). */
  const reference = (
    userId: string,
    vector: number[],
    metric: SearchMetric,
    k: number,
    extra = sql``,
    excludeId?: number,
  ) =>
    exactNeighbours(db, { projectId: "p", userId }, { vector, metric, k, extra, ...(excludeId ? { excludeId } : {}) });

  const cases: { user: keyof typeof TENANTS; metric: SearchMetric; k: number }[] = [
    { user: "big", metric: "l2", k: 10 },
    { user: "big", metric: "cosine", k: 100 },
    { user: "mid", metric: "l2", k: 37 },
    { user: "mid", metric: "cosine", k: 1 },
    { user: "tiny", metric: "l2", k: 10 },
    { user: "tiny", metric: "cosine", k: 100 },
  ];

  it.each(cases)(
    "by vector: $user tenant, $metric, k=$k gives the exact top k, never short",
    async ({ user, metric, k }) => {
      const vector = queryVector(k * 31 + user.length);
      const result = await searchNearest(
        { projectId: "p", userId: user },
        { vector, metric, k, filters: NO_FILTERS },
        db,
      );
      const expected = await reference(user, vector, metric, k);
      expect(result.items.map((h) => h.id)).toEqual(expected.map((r) => r.id));
      result.items.forEach((h, i) => {
        expect(h.distance).toBeCloseTo(expected[i]!.distance, 6);
        expect(h.rank).toBe(i + 1);
      });
      expect(result.items).toHaveLength(Math.min(k, result.examined!));
      expect(result.strategy).toBe("exact");
    },
  );

  it.each(["l2", "cosine"] as const)(
    "with filters (%s): tags and component narrow the candidates, still exact",
    async (metric) => {
      const vector = queryVector(7);
      const filters: MemoryFilters = { tags: ["t1", "t2"], tagMode: "any", components: ["c0"] };
      const result = await searchNearest({ projectId: "p", userId: "big" }, { vector, metric, k: 25, filters }, db);
      const expected = await reference(
        "big",
        vector,
        metric,
        25,
        sql`and raw_data->'tags' ?| array['t1','t2'] and raw_data->>'component' = 'c0'`,
      );
      expect(result.items.map((h) => h.id)).toEqual(expected.map((r) => r.id));
      const count = await selectRows(
        db,
        sql`select count(*)::int as n from memory_logs where user_id = 'big' and project_id = 'p' and embedding is not null
            and raw_data->'tags' ?| array['t1','t2'] and raw_data->>'component' = 'c0'`,
        z.object({ n: z.number() }),
      );
      expect(result.examined).toBe(count[0]!.n);
    },
  );

  it("by memory: its nearest neighbours, without itself", async () => {
    const [self] = await selectRows(
      db,
      sql`select id, embedding::text as e from memory_logs where user_id = 'mid' and embedding is not null order by id limit 1`,
      z.object({ id: z.number(), e: z.string() }),
    );
    const vector = JSON.parse(self!.e) as number[];
    const result = await searchNearest(
      { projectId: "p", userId: "mid" },
      { vector, metric: "l2", k: 10, filters: NO_FILTERS, excludeId: self!.id },
      db,
    );
    expect(result.items.map((h) => h.id)).not.toContain(self!.id);
    expect(result.items.map((h) => h.id)).toEqual(
      (await reference("mid", vector, "l2", 10, sql``, self!.id)).map((r) => r.id),
    );
  });

  it("counts the memories without embedding it left out, and honours a distance threshold", async () => {
    const vector = queryVector(3);
    const all = await searchNearest(
      { projectId: "p", userId: "big" },
      { vector, metric: "cosine", k: 100, filters: NO_FILTERS },
      db,
    );
    expect(all.withoutEmbedding).toBe(Math.floor(TENANTS.big / 97));
    const cut = all.items[19]!.distance;
    const within = await searchNearest(
      { projectId: "p", userId: "big" },
      { vector, metric: "cosine", k: 100, filters: NO_FILTERS, threshold: cut },
      db,
    );
    expect(within.items.map((h) => h.id)).toEqual(all.items.filter((h) => h.distance <= cut).map((h) => h.id));
  });

  it("stays within the tenant: the same memories in another project are not found", async () => {
    const vector = queryVector(11);
    const result = await searchNearest(
      { projectId: "other-project", userId: "tiny" },
      { vector, metric: "l2", k: 100, filters: NO_FILTERS },
      db,
    );
    const inP = await searchNearest(
      { projectId: "p", userId: "tiny" },
      { vector, metric: "l2", k: 100, filters: NO_FILTERS },
      db,
    );
    expect(result.items).toHaveLength(inP.items.length);
    expect(new Set(result.items.map((h) => h.id)).size).toBe(result.items.length);
    expect(result.items.some((h) => inP.items.some((p) => p.id === h.id))).toBe(false);
  });

  it("refuses a query vector that is not 768 finite numbers", async () => {
    await expect(
      searchNearest(
        { projectId: "p", userId: "big" },
        { vector: [1, 2, 3], metric: "l2", k: 5, filters: NO_FILTERS },
        db,
      ),
    ).rejects.toThrow(/768 dimensions, got 3/);
  });
});
