import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import type { MemoryFilters } from "@/db/filters";
import { deleteMatching, deleteMemories } from "@/db/queries/memory-delete";
import { listTrash, purgeExpiredTrash, purgeTrash, restoreFromTrash } from "@/db/queries/trash";
import { memoryLogs } from "@/db/schema";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { openMigrated, rawExec, rawQuery, testDatabases } from "../support/databases";

const ALL: MemoryFilters = { tags: [], tagMode: "any", components: [] };

describe.each(testDatabases)("trash and restore on $name", (database) => {
  let conn: Connection;
  let db: Database;
  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
  });
  afterAll(() => conn.close());

  /** Every row of a tenant exactly as PostgreSQL prints it: byte-for-byte comparison. */
  const rows = async (userId: string) =>
    (
      await rawQuery<{ row: string }>(
        conn,
        "select m::text as row from memory_logs m where user_id = $1 and project_id = 'p' order by id",
        [userId],
      )
    ).map((r) => r.row);

  async function fill(userId: string, n: number) {
    for (let i = 0; i < n; i++) {
      await db.insert(memoryLogs).values({
        projectId: "p",
        userId,
        rawData: JSON.stringify({
          content: `memory ${i} of ${userId}`,
          tags: [i % 2 ? "odd" : "even"],
          nested: { n: i, weird: 'ü \\ "q"' },
        }),
        embedding: i % 3 ? hashingEmbedding(`memory ${i}`) : null,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      });
    }
    // Microseconds and NULL timestamps, which a Date could not carry.
    await rawQuery(
      conn,
      "update memory_logs set updated_at = '2026-02-03 04:05:06.123456' where user_id = $1 and id % 2 = 0",
      [userId],
    );
    await rawQuery(conn, "update memory_logs set created_at = null where user_id = $1 and id % 5 = 0", [userId]);
  }

  it.each([
    [
      "one memory",
      async (t: { projectId: string; userId: string }, ids: number[]) =>
        (await deleteMemories(t, [ids[0]!], { db })).operation,
    ],
    [
      "a list of ids",
      async (t: { projectId: string; userId: string }, ids: number[]) =>
        (await deleteMemories(t, ids.slice(0, 4), { db })).operation,
    ],
    [
      "all matching a filter",
      async (t: { projectId: string; userId: string }) =>
        (await deleteMatching(t, { ...ALL, tags: ["odd"] }, 4, { db })).operation,
    ],
  ])("deleting %s then restoring gives the rows back, identical to the byte", async (_, remove) => {
    const userId = `u-${Math.random().toString(36).slice(2)}`;
    const tenant = { projectId: "p", userId };
    await fill(userId, 8);
    const before = await rows(userId);
    const ids = (
      await rawQuery<{ id: number }>(conn, "select id from memory_logs where user_id = $1 order by id", [userId])
    ).map((r) => r.id);

    const operation = await remove(tenant, ids);
    expect((await rows(userId)).length).toBeLessThan(before.length);
    const trash = await listTrash(tenant, {}, db);
    expect(trash.items.every((e) => e.operation === operation && e.reason.length > 0)).toBe(true);

    const result = await restoreFromTrash(tenant, { operation }, db);
    expect(result.taken).toEqual([]);
    expect(await rows(userId)).toEqual(before);
    expect((await listTrash(tenant, {}, db)).total).toBe(0);
  });

  it("undoes a delete of 10,000 memories by filter", async () => {
    const tenant = { projectId: "p", userId: "bulk" };
    await rawExec(
      conn,
      `insert into memory_logs (user_id, project_id, raw_data, embedding, created_at)
       select 'bulk', 'p', jsonb_build_object('content', 'bulk ' || g, 'tags', jsonb_build_array('gone')),
              case when g % 50 = 0 then (select array_agg(((g + d) % 7)::real / 10) from generate_series(1, 768) d)::vector end,
              '2026-01-01'::timestamp + g * interval '1 second'
         from generate_series(1, 10000) g`,
    );
    const fingerprint = () =>
      rawQuery(
        conn,
        "select count(*)::int as n, md5(string_agg(m::text, '|' order by id)) as h from memory_logs m where user_id = 'bulk'",
      );
    const before = await fingerprint();
    const { deleted, operation } = await deleteMatching(tenant, { ...ALL, tags: ["gone"] }, 10_000, { db });
    expect(deleted).toBe(10_000);
    expect((await fingerprint())[0]).toMatchObject({ n: 0 });
    const result = await restoreFromTrash(tenant, { operation }, db);
    expect(result.restored).toHaveLength(10_000);
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses to restore onto an id taken meanwhile, restoring the rest and keeping that one in the trash", async () => {
    const tenant = { projectId: "p", userId: "taken" };
    await fill("taken", 3);
    const [a, b] = (
      await rawQuery<{ id: number }>(conn, "select id from memory_logs where user_id = 'taken' order by id")
    ).map((r) => r.id);
    const { operation } = await deleteMemories(tenant, [a!, b!], { db });
    // Someone writes a new memory with that id (an application choosing ids itself).
    await rawQuery(
      conn,
      "insert into memory_logs (id, user_id, project_id, raw_data) values ($1, 'someone', 'else', '{\"content\":\"new\"}')",
      [a],
    );

    const result = await restoreFromTrash(tenant, { operation }, db);
    expect(result).toEqual({ restored: [b], taken: [a], missing: 0 });
    expect((await rawQuery(conn, "select user_id from memory_logs where id = $1", [a]))[0]).toEqual({
      user_id: "someone",
    });
    expect((await listTrash(tenant, {}, db)).items.map((e) => e.id)).toEqual([a]);
  });

  it("never restores or purges another tenant's trash", async () => {
    const mine = { projectId: "p", userId: "mine" };
    const theirs = { projectId: "p", userId: "theirs" };
    await fill("theirs", 2);
    const ids = (await rawQuery<{ id: number }>(conn, "select id from memory_logs where user_id = 'theirs'")).map(
      (r) => r.id,
    );
    const { operation } = await deleteMemories(theirs, ids, { db });
    const entries = (await listTrash(theirs, {}, db)).items.map((e) => e.trashId);

    expect(await restoreFromTrash(mine, { operation }, db)).toEqual({ restored: [], taken: [], missing: 0 });
    expect(await restoreFromTrash(mine, { trashIds: entries }, db)).toEqual({ restored: [], taken: [], missing: 2 });
    expect(await purgeTrash(mine, { trashIds: entries }, db)).toBe(0);
    expect(await purgeTrash(mine, { all: true, expectedCount: 0 }, db)).toBe(0);
    expect((await listTrash(theirs, {}, db)).total).toBe(2);

    expect(await purgeTrash(theirs, { trashIds: entries.slice(0, 1) }, db)).toBe(1);
    expect((await listTrash(theirs, {}, db)).total).toBe(1);

    // Emptying the trash with the count of a stale page purges nothing.
    await expect(purgeTrash(theirs, { all: true, expectedCount: 2 }, db)).rejects.toThrow(
      /^The trash now holds 1 deleted memory, not the 2 you confirmed\. Nothing was purged/,
    );
    expect((await listTrash(theirs, {}, db)).total).toBe(1);
    expect(await purgeTrash(theirs, { all: true, expectedCount: 1 }, db)).toBe(1);
    expect((await listTrash(theirs, {}, db)).total).toBe(0);
  });

  it("purges trash older than the retention period", async () => {
    const tenant = { projectId: "p", userId: "old" };
    await fill("old", 2);
    const ids = (await rawQuery<{ id: number }>(conn, "select id from memory_logs where user_id = 'old'")).map(
      (r) => r.id,
    );
    await deleteMemories(tenant, ids, { db });
    await db.execute(
      sql`update memory_logs_trash set deleted_at = now() - interval '31 days' where user_id = 'old' and id = ${ids[0]!}`,
    );
    expect(await purgeExpiredTrash(30, db)).toBe(1);
    expect((await listTrash(tenant, {}, db)).items.map((e) => e.id)).toEqual([ids[1]]);
  });
});
