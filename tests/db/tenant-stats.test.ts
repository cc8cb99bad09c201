import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import type { MemoryFilters } from "@/db/filters";
import { memoryFacets } from "@/db/queries/facets";
import { countMemories } from "@/db/queries/memory-count";
import { deleteMemories } from "@/db/queries/memory-delete";
import { listProjects } from "@/db/queries/projects";
import { searchTenants } from "@/db/queries/tenants";
import { restoreFromTrash } from "@/db/queries/trash";
import { listProjectUsers } from "@/db/queries/users";
import { openMigrated, rawExec, rawQuery, testDatabases } from "../support/databases";

const NONE: MemoryFilters = { tags: [], tagMode: "any", components: [] };

/** The kept totals and facets next to the same numbers counted from memory_logs: they must be equal after every write. */
async function expectKeptEqualsCounted(conn: Connection) {
  const kept = await rawQuery(
    conn,
    `select user_id, project_id, memories::int, embedded::int, latest_at::text from memory_tenant_stats order by 1, 2`,
  );
  const counted = await rawQuery(
    conn,
    `select user_id, project_id, count(*)::int as memories, count(embedding)::int as embedded, max(created_at)::text as latest_at
       from memory_logs group by 1, 2 order by 1, 2`,
  );
  expect(kept).toEqual(counted);
  const keptFacets = await rawQuery(
    conn,
    `select user_id, project_id, kind, value, memories::int from memory_tenant_facets order by 1, 2, 3, 4`,
  );
  const countedFacets = await rawQuery(
    conn,
    `select user_id, project_id, kind, value, count(*)::int as memories from (
       select m.user_id, m.project_id, 't' as kind, t.value from memory_logs m
         cross join lateral (select distinct x #>> '{}' as value from jsonb_array_elements(
           case when jsonb_typeof(m.raw_data -> 'tags') = 'array' then m.raw_data -> 'tags' else '[]' end) x where jsonb_typeof(x) = 'string') t
       union all
       select user_id, project_id, 'c', raw_data ->> 'component' from memory_logs where raw_data ->> 'component' is not null
     ) f group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  );
  expect(keptFacets).toEqual(countedFacets);
}

describe.each(testDatabases)("per-tenant totals kept by triggers on $name", (database) => {
  let conn: Connection;
  let db: Database;
  const alice = { projectId: "p1", userId: "alice" };

  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
  });
  afterAll(() => conn?.close());

  it("follows inserts, updates, deletes, trash restores and truncates, as another application writes them", async () => {
    await rawExec(
      conn,
      `insert into memory_logs (user_id, project_id, raw_data, embedding, created_at) values
         ('alice', 'p1', '{"content": "a", "tags": ["x", "y", "x", null], "component": "billing"}', array_fill(0.1, array[768])::vector, '2026-01-01'),
         ('alice', 'p1', '{"content": "b", "tags": "not-an-array"}', null, '2026-02-01'),
         ('alice', 'p1', '{"content": "c", "tags": [1, {"k": 2}]}', null, null),
         ('bob', 'p1', '{"content": "d", "component": "search"}', null, '2026-03-01'),
         ('bob', 'p2', '{"content": "e", "tags": ["x"]}', array_fill(0.2, array[768])::vector, '2026-04-01')`,
    );
    await expectKeptEqualsCounted(conn);

    // One row at a time, as the memory store writes; a tag longer than a btree key allows.
    await rawQuery(
      conn,
      `insert into memory_logs (user_id, project_id, raw_data) values ('alice', 'p1', jsonb_build_object('tags', jsonb_build_array(repeat('t', 5000))))`,
    );
    await rawExec(
      conn,
      `update memory_logs set raw_data = raw_data || '{"tags": ["z"]}' where user_id = 'alice' and raw_data ->> 'content' = 'a'`,
    );
    await rawExec(conn, `update memory_logs set embedding = null where user_id = 'bob' and project_id = 'p2'`);
    await rawExec(conn, `update memory_logs set user_id = 'carol' where user_id = 'bob' and project_id = 'p1'`);
    await expectKeptEqualsCounted(conn);

    // Deleting the newest memory moves "latest" back; deleting a tenant's last memory removes it.
    await rawExec(conn, `delete from memory_logs where user_id = 'bob' and project_id = 'p2'`);
    await rawExec(conn, `delete from memory_logs where user_id = 'alice' and created_at = '2026-02-01'`);
    await expectKeptEqualsCounted(conn);
    expect((await listProjects("all", db)).map((p) => p.projectId)).toEqual(["p1"]);

    // The dashboard's own delete (into the trash) and Undo.
    const ids = (
      await rawQuery<{ id: number }>(conn, `select id from memory_logs where user_id = 'alice' order by id`)
    ).map((r) => r.id);
    const { operation } = await deleteMemories(alice, ids, { db });
    await expectKeptEqualsCounted(conn);
    expect(await countMemories(alice, NONE, db)).toEqual({ value: 0, exact: true });
    await restoreFromTrash(alice, { operation }, db);
    await expectKeptEqualsCounted(conn);
    expect(await countMemories(alice, NONE, db)).toEqual({ value: ids.length, exact: true });

    await rawExec(conn, `truncate memory_logs`);
    await expectKeptEqualsCounted(conn);
    expect(await listProjects("all", db)).toEqual([]);
  });

  it("answers the overviews, the quick switcher and unfiltered facets from the kept totals", async () => {
    await rawExec(
      conn,
      `insert into memory_logs (user_id, project_id, raw_data, embedding, created_at)
       select 'u' || (g % 3), case when g % 2 = 0 then 'even' else 'odd' end,
              jsonb_build_object('tags', jsonb_build_array('t' || (g % 4), 'all'), 'component', 'c' || (g % 5)),
              case when g % 10 = 0 then null else array_fill(g::real, array[768])::vector end,
              timestamp '2026-01-01' + g * interval '1 hour'
         from generate_series(1, 300) g`,
    );
    await expectKeptEqualsCounted(conn);
    expect(await listProjects("all", db)).toEqual([
      { projectId: "even", users: 3, memories: 150, latestAt: new Date("2026-01-13T12:00:00Z") },
      { projectId: "odd", users: 3, memories: 150, latestAt: new Date("2026-01-13T11:00:00Z") },
    ]);
    expect(await listProjects(["odd"], db)).toHaveLength(1);
    expect(await listProjects([], db)).toEqual([]);
    const users = await listProjectUsers("even", db);
    expect(users.map((u) => [u.userId, u.memories, u.embedded])).toEqual([
      ["u0", 50, 40],
      ["u1", 50, 40],
      ["u2", 50, 40],
    ]);
    expect(await searchTenants("U1", ["odd"], {}, db)).toEqual([{ projectId: "odd", userId: "u1", memories: 50 }]);

    // The kept facets say what counting the rows says.
    const tenant = { projectId: "even", userId: "u0" };
    const kept = await memoryFacets(tenant, NONE, { limit: 3 }, db);
    const counted = await memoryFacets(
      tenant,
      { ...NONE, embedding: undefined, from: new Date("1900-01-01") },
      { limit: 3 },
      db,
    );
    expect(kept).toEqual(counted);
    expect(kept.tags[0]).toEqual({ value: "all", count: 50 });
  });

  it("can be rebuilt from memory_logs after writes made with triggers disabled", async () => {
    await rawExec(conn, `update memory_tenant_stats set memories = 1; delete from memory_tenant_facets`);
    await rawExec(conn, `select memory_tenant_stats_rebuild()`);
    await expectKeptEqualsCounted(conn);
  });
});
