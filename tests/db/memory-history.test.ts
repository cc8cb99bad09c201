import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import { deleteMemories } from "@/db/queries/memory-delete";
import { memoryHistory, projectHistory, purgeExpiredVersions } from "@/db/queries/memory-history";
import { purgeTrash, restoreFromTrash } from "@/db/queries/trash";
import { memoryLogs } from "@/db/schema";
import { defaultEmbedder, describeEmbedder } from "@/lib/embedding";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { applyMemoryHistorySetting, memoryHistoryFromEnv, memoryHistoryOn } from "@/lib/history-setting";
import { reembedMemories, restoreVersion, updateMemory } from "@/lib/memory-operations";
import { openMigrated, rawQuery, testDatabases } from "../support/databases";

const vectorText = (v: number[]) => `[${v.join(",")}]`;

describe.each(testDatabases)("memory history kept by the database on $name", (database) => {
  let conn: Connection;
  let db: Database;
  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
  });
  afterAll(() => conn.close());

  async function create(userId: string, rawData: string, text = "first") {
    const [row] = await db
      .insert(memoryLogs)
      .values({ projectId: "p", userId, rawData, embedding: hashingEmbedding(text) })
      .returning({ id: memoryLogs.id });
    return row!.id;
  }

  it("keeps the old row of an UPDATE sent as plain SQL, marked as made outside the dashboard", async () => {
    const tenant = { projectId: "p", userId: "plain-sql" };
    const first = '{"content": "likes tea", "n": 12345678901234567890, "tags": ["pref"]}';
    const id = await create(tenant.userId, first);
    await rawQuery(conn, "update memory_logs set updated_at = '2026-02-03 04:05:06.123456' where id = $1", [id]);
    // As the agent would: its own statement, no dashboard involved.
    await rawQuery(
      conn,
      `update memory_logs set raw_data = '{"content": "likes coffee"}', updated_at = now() where id = $1`,
      [id],
    );

    const history = await memoryHistory(tenant, id, db);
    expect(history.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(history[0]).toMatchObject({ versionId: null, rawData: '{"content": "likes coffee"}', replacedAt: null });
    expect(history[1]).toMatchObject({
      rawData: '{"n": 12345678901234567890, "tags": ["pref"], "content": "likes tea"}',
      updatedAt: "2026-02-03 04:05:06.123456",
      change: "update",
      actor: null,
      embeddingChanged: false,
    });
    expect(history[1]!.replacedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(history[0]!.drift).toEqual({ l2: 0, cosine: 0 });
  });

  it("keeps nothing for an update that changed nothing", async () => {
    const tenant = { projectId: "p", userId: "no-op" };
    const id = await create(tenant.userId, '{"content": "same"}');
    await rawQuery(conn, "update memory_logs set raw_data = raw_data where id = $1", [id]);
    expect(await memoryHistory(tenant, id, db)).toHaveLength(1);
  });

  it("keeps a re-embed's old vector and says how far the vector moved", async () => {
    const tenant = { projectId: "p", userId: "re-embed" };
    const id = await create(tenant.userId, '{"content": "a"}', "first text");
    const before = hashingEmbedding("first text");
    const after = hashingEmbedding("quite another text");
    await rawQuery(conn, "update memory_logs set embedding = $1 where id = $2", [vectorText(after), id]);

    const [current, old] = await memoryHistory(tenant, id, db);
    expect(old!.hasEmbedding).toBe(true);
    expect(current!.embeddingChanged).toBe(true);
    const l2 = Math.sqrt(before.reduce((s, x, i) => s + (x - after[i]!) ** 2, 0));
    const dot = before.reduce((s, x, i) => s + x * after[i]!, 0);
    const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    expect(current!.drift!.l2).toBeCloseTo(l2, 5);
    expect(current!.drift!.cosine).toBeCloseTo(1 - dot / (norm(before) * norm(after)), 5);
    const [kept] = await rawQuery<{ v: string }>(
      conn,
      "select embedding::text as v from memory_versions where memory_id = $1",
      [id],
    );
    expect(kept!.v).toBe(
      (await rawQuery<{ v: string }>(conn, "select $1::vector::text as v", [vectorText(before)]))[0]!.v,
    );
  });

  it("keeps a deleted memory's row, and a restored one keeps its history", async () => {
    const tenant = { projectId: "p", userId: "delete-restore" };
    const id = await create(tenant.userId, '{"content": "v1"}');
    await rawQuery(conn, `update memory_logs set raw_data = '{"content": "v2"}' where id = $1`, [id]);
    const { operation } = await deleteMemories(tenant, [id], { db });
    expect((await memoryHistory(tenant, id, db)).map((v) => [v.rawData, v.change])).toEqual([
      ['{"content": "v2"}', "delete"],
      ['{"content": "v1"}', "update"],
    ]);
    await restoreFromTrash(tenant, { operation }, db, "admin@example.com");
    const versions = await memoryHistory(tenant, id, db);
    expect(versions.map((v) => [v.rawData, v.change, v.restoredBy])).toEqual([
      ['{"content": "v2"}', null, null],
      ['{"content": "v2"}', "delete", "admin@example.com"],
      ['{"content": "v1"}', "update", null],
    ]);
    expect(Date.parse(versions[1]!.restoredAt!)).toBeGreaterThanOrEqual(Date.parse(versions[1]!.replacedAt!));

    // Deleted and restored again: only the newest delete is marked by the second restore.
    const again = await deleteMemories(tenant, [id], { db });
    await restoreFromTrash(tenant, { operation: again.operation }, db, "other@example.com");
    expect((await memoryHistory(tenant, id, db)).map((v) => v.restoredBy)).toEqual([
      null,
      "other@example.com",
      "admin@example.com",
      null,
    ]);
  });

  it("answers only the tenant's own versions", async () => {
    const id = await create("owner", '{"content": "mine"}');
    await rawQuery(conn, `update memory_logs set raw_data = '{"content": "mine, edited"}' where id = $1`, [id]);
    expect(await memoryHistory({ projectId: "p", userId: "someone-else" }, id, db)).toEqual([]);
    expect(await memoryHistory({ projectId: "other", userId: "owner" }, id, db)).toEqual([]);
    expect(await memoryHistory({ projectId: "p", userId: "owner" }, id, db)).toHaveLength(2);
  });

  it("keeps nothing while app_settings says memory_history is off", async () => {
    const tenant = { projectId: "p", userId: "switched-off" };
    const id = await create(tenant.userId, '{"content": "x"}');
    await rawQuery(conn, "insert into app_settings (key, value) values ('memory_history', 'off')");
    try {
      await rawQuery(conn, `update memory_logs set raw_data = '{"content": "y"}' where id = $1`, [id]);
    } finally {
      await rawQuery(conn, "delete from app_settings where key = 'memory_history'");
    }
    expect(await memoryHistory(tenant, id, db)).toHaveLength(1);
  });

  it("names who replaced each version when the dashboard did, with the re-embed's operation and embedder", async () => {
    const tenant = { projectId: "p", userId: "by-the-app" };
    const id = await create(tenant.userId, '{"content": "first words"}', "first words");
    const [current] = await memoryHistory(tenant, id, db);
    const edited = await updateMemory(
      tenant,
      { id, rawData: '{"content": "other words"}', version: current!.updatedAt },
      { db, by: "editor@example.com" },
    );
    const reembed = await reembedMemories(tenant, [id], { db, by: "admin@example.com" });
    expect(reembed.updated).toEqual([id]);
    await deleteMemories(tenant, [id], { db, deletedBy: "admin@example.com" });

    const history = await memoryHistory(tenant, id, db);
    const embedder = describeEmbedder(defaultEmbedder());
    // The re-embed of the same text gave the same vector: an embedder is named only where a vector changed.
    expect(history.map((v) => [v.change, v.actor, v.replacedByEmbedder])).toEqual([
      ["delete", "admin@example.com", null],
      ["update", "admin@example.com", null],
      ["update", "editor@example.com", embedder],
    ]);
    expect(history[1]!.operation).toBe(reembed.operation);
    expect(history[1]!.updatedAt).toBe(edited.version);
    // The edit changed the text, so it was embedded anew: the vector moved; the re-embed left it.
    expect(history[1]!.embeddingChanged).toBe(true);
    expect(history[0]!.embeddingChanged).toBe(false);
  });

  it("restores a version byte for byte, vector included, as a new version, and refuses what it cannot", async () => {
    const tenant = { projectId: "p", userId: "restore-version" };
    const first = '{"n": 1.0000000000000000001, "big": 12345678901234567890, "content": "original"}';
    const id = await create(tenant.userId, first, "original");
    await rawQuery(
      conn,
      `update memory_logs set raw_data = '{"content": "changed"}', embedding = $1, updated_at = updated_at + interval '1 second' where id = $2`,
      [`[${hashingEmbedding("changed").join(",")}]`, id],
    );
    const vectorOf = async () =>
      (await rawQuery<{ v: string }>(conn, "select embedding::text as v from memory_logs where id = $1", [id]))[0]!.v;
    const history = await memoryHistory(tenant, id, db);
    const oldest = history.at(-1)!;
    const [kept] = await rawQuery<{ v: string }>(
      conn,
      "select embedding::text as v from memory_versions where version_id = $1",
      [oldest.versionId],
    );

    // A stale updated_at is a conflict; another tenant's or another memory's version is not found.
    await expect(
      restoreVersion(tenant, { id, versionId: oldest.versionId!, version: oldest.updatedAt }, { db, by: "e@x" }),
    ).rejects.toThrow(/changed since you opened it/);
    await expect(
      restoreVersion(
        { ...tenant, userId: "someone-else" },
        { id, versionId: oldest.versionId!, version: history[0]!.updatedAt },
        { db },
      ),
    ).rejects.toThrow(/not found/);
    const other = await create(tenant.userId, '{"content": "other"}');
    await expect(
      restoreVersion(tenant, { id: other, versionId: oldest.versionId!, version: history[0]!.updatedAt }, { db }),
    ).rejects.toThrow(/not found/);

    const restored = await restoreVersion(
      tenant,
      { id, versionId: oldest.versionId!, version: history[0]!.updatedAt },
      { db, by: "e@x" },
    );
    expect(restored.unchanged).toBe(false);
    const [row] = await rawQuery<{ raw: string }>(conn, "select raw_data::text as raw from memory_logs where id = $1", [
      id,
    ]);
    expect(row!.raw).toBe(oldest.rawData);
    expect(await vectorOf()).toBe(kept!.v);
    const after = await memoryHistory(tenant, id, db);
    expect(after).toHaveLength(3);
    expect(after[1]).toMatchObject({ rawData: '{"content": "changed"}', actor: "e@x" });

    // Restoring the version that already is the current row changes nothing.
    const again = await restoreVersion(tenant, { id, versionId: oldest.versionId!, version: restored.version }, { db });
    expect(again.unchanged).toBe(true);
    expect(await memoryHistory(tenant, id, db)).toHaveLength(3);

    // In the trash, then purged: the versions stay readable, and a restore says why it cannot.
    await deleteMemories(tenant, [id], { db });
    await expect(
      restoreVersion(tenant, { id, versionId: oldest.versionId!, version: restored.version }, { db }),
    ).rejects.toThrow(/is in the trash/);
    await purgeTrash(tenant, { all: true, expectedCount: 1 }, db);
    await expect(
      restoreVersion(tenant, { id, versionId: oldest.versionId!, version: restored.version }, { db }),
    ).rejects.toThrow(/was purged/);
    // Three versions stay: the original, the change, and the restored row the delete kept.
    expect((await memoryHistory(tenant, id, db)).map((v) => v.change)).toEqual(["delete", "update", "update"]);
  });

  it("purges versions past the retention period, and counts what a project keeps", async () => {
    const tenant = { projectId: "retention", userId: "u" };
    const id = (
      await db
        .insert(memoryLogs)
        .values({ ...tenant, rawData: '{"content": "a"}' })
        .returning({ id: memoryLogs.id })
    )[0]!.id;
    for (const content of ["b", "c"])
      await rawQuery(conn, `update memory_logs set raw_data = jsonb_build_object('content', $1::text) where id = $2`, [
        content,
        id,
      ]);
    expect((await projectHistory("retention", db)).versions).toBe(2);
    await rawQuery(
      conn,
      "update memory_versions set replaced_at = now() - interval '100 days' where memory_id = $1 and raw_data ->> 'content' = 'a'",
      [id],
    );
    expect(await purgeExpiredVersions(90, db)).toBe(1);
    expect((await memoryHistory(tenant, id, db)).map((v) => v.rawData)).toEqual([
      '{"content": "c"}',
      '{"content": "b"}',
    ]);
    const kept = await projectHistory("retention", db);
    expect(kept.versions).toBe(1);
    expect(kept.oldest).toBeInstanceOf(Date);
    expect((await projectHistory("no-such-project", db)).versions).toBe(0);
  });

  it("MEMORY_HISTORY switches keeping versions off and on in the database", async () => {
    expect(memoryHistoryFromEnv({})).toBeUndefined();
    expect(() => memoryHistoryFromEnv({ MEMORY_HISTORY: "maybe" })).toThrow(/must be on or off/);
    const tenant = { projectId: "p", userId: "env-switch" };
    const id = await create(tenant.userId, '{"content": "x"}');
    await applyMemoryHistorySetting(db, { MEMORY_HISTORY: "off" });
    expect(await memoryHistoryOn(db)).toBe(false);
    await rawQuery(conn, `update memory_logs set raw_data = '{"content": "y"}' where id = $1`, [id]);
    await applyMemoryHistorySetting(db, { MEMORY_HISTORY: "ON" });
    expect(await memoryHistoryOn(db)).toBe(true);
    await rawQuery(conn, `update memory_logs set raw_data = '{"content": "z"}' where id = $1`, [id]);
    expect((await memoryHistory(tenant, id, db)).map((v) => v.rawData)).toEqual([
      '{"content": "z"}',
      '{"content": "y"}',
    ]);
  });
});
