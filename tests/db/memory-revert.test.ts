import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import { deleteMemories } from "@/db/queries/memory-delete";
import { memoryHistory } from "@/db/queries/memory-history";
import { revertOperation } from "@/db/queries/memory-revert";
import { memoryLogs } from "@/db/schema";
import type { Embedder } from "@/lib/embedding";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { reembedMemories } from "@/lib/memory-operations";
import { openMigrated, rawQuery, testDatabases } from "../support/databases";

/** Another model: every vector differs from the hashing embedder's for the same text. */
const otherModel: Embedder = {
  provider: "test",
  model: "shifted",
  embed: async (texts) => texts.map((t) => hashingEmbedding(`shifted ${t}`)),
};

describe.each(testDatabases)("reverting a whole change on $name", (database) => {
  let conn: Connection;
  let db: Database;
  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
  });
  afterAll(() => conn.close());

  const rowsOf = async (userId: string) =>
    new Map(
      (
        await rawQuery<{ id: number; raw: string; v: string | null }>(
          conn,
          "select id, raw_data::text as raw, embedding::text as v from memory_logs where user_id = $1 and project_id = 'p' order by id",
          [userId],
        )
      ).map((r) => [r.id, r]),
    );

  it("puts 1,000 re-embedded vectors back exactly, refusing and listing the memories changed since", async () => {
    const tenant = { projectId: "p", userId: "bulk" };
    const values = Array.from({ length: 1000 }, (_, i) => ({
      ...tenant,
      rawData: JSON.stringify({ content: `memory number ${i}`, n: i }),
      embedding: hashingEmbedding(`memory number ${i}`),
    }));
    const ids = (await db.insert(memoryLogs).values(values).returning({ id: memoryLogs.id })).map((r) => r.id);
    const before = await rowsOf(tenant.userId);

    const reembed = await reembedMemories(tenant, ids, { db, embedder: otherModel, by: "admin@example.com" });
    expect(reembed.updated).toHaveLength(1000);
    const reembedded = await rowsOf(tenant.userId);
    expect(reembedded.get(ids[0]!)!.v).not.toBe(before.get(ids[0]!)!.v);

    // Since then: one edited by the agent's own SQL, one re-embedded again, one deleted.
    const [edited, again, gone] = [ids[10]!, ids[500]!, ids[999]!];
    await rawQuery(conn, `update memory_logs set raw_data = '{"content": "edited since"}' where id = $1`, [edited]);
    await reembedMemories(tenant, [again], { db, by: "admin@example.com" });
    await deleteMemories(tenant, [gone], { db });
    const beforeRevert = await rowsOf(tenant.userId);

    const result = await revertOperation(
      tenant,
      reembed.operation,
      { actor: "admin@example.com", operation: randomUUID() },
      db,
    );
    expect(result.touched).toBe(1000);
    expect(result.changedSince).toEqual([edited, again, gone].sort((a, b) => a - b));
    expect(result.reverted).toHaveLength(997);

    const after = await rowsOf(tenant.userId);
    for (const id of ids) {
      if (id === gone) expect(after.has(id)).toBe(false);
      else if (id === edited || id === again) expect(after.get(id)).toEqual(beforeRevert.get(id));
      else expect(after.get(id)).toEqual(before.get(id)); // raw_data and vector exactly as before the re-embed
    }
    // The revert is itself kept: the re-embedded vector is the newest kept version.
    const [current, replaced] = await memoryHistory(tenant, ids[0]!, db);
    expect(current!.embeddingChanged).toBe(true);
    expect(replaced!.actor).toBe("admin@example.com");
  });

  it("changes nothing, and says so, when every memory changed since or the operation is another tenant's", async () => {
    const tenant = { projectId: "p", userId: "all-changed" };
    const [row] = await db
      .insert(memoryLogs)
      .values({ ...tenant, rawData: '{"content": "x"}', embedding: hashingEmbedding("x") })
      .returning({ id: memoryLogs.id });
    const reembed = await reembedMemories(tenant, [row!.id], { db, embedder: otherModel, by: "a@x" });
    const write = { actor: "a@x", operation: randomUUID() };
    expect(await revertOperation({ projectId: "p", userId: "someone-else" }, reembed.operation, write, db)).toEqual({
      reverted: [],
      changedSince: [],
      touched: 0,
    });
    await rawQuery(conn, `update memory_logs set raw_data = '{"content": "y"}' where id = $1`, [row!.id]);
    const snapshot = await rowsOf(tenant.userId);
    expect(await revertOperation(tenant, reembed.operation, write, db)).toEqual({
      reverted: [],
      changedSince: [row!.id],
      touched: 1,
    });
    expect(await rowsOf(tenant.userId)).toEqual(snapshot);
  });
});
