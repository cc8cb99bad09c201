import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import { getMemory } from "@/db/queries/memory-read";
import { memoryLogs } from "@/db/schema";
import type { Embedder } from "@/lib/embedding";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { createMemory, reembedMemories, updateMemory } from "@/lib/memory-operations";
import { openMigrated, testDatabases } from "../support/databases";

const tenant = { projectId: "ops", userId: "u1" };
const f32 = (v: number[] | null | undefined) => v?.map(Math.fround) ?? null;

describe.each(testDatabases)("memory operations on $name", (database) => {
  let conn: Connection;
  let db: Database;
  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
  });
  afterAll(() => conn.close());

  const create = (rawData: Record<string, unknown>) => createMemory(tenant, JSON.stringify(rawData), { db });

  it("re-embeds on edit when the text changes, keeps the embedding when it does not, removes it with the text", async () => {
    const m = await create({ content: "first words", tags: ["a"] });
    expect(f32(m.embedding)).toEqual(f32(hashingEmbedding("first words")));

    const tagsOnly = await updateMemory(
      tenant,
      { id: m.id, rawData: JSON.stringify({ content: "first words", tags: ["a", "b"] }), version: m.version },
      { db },
    );
    expect(f32(tagsOnly.embedding)).toEqual(f32(hashingEmbedding("first words")));

    const newText = await updateMemory(
      tenant,
      { id: m.id, rawData: JSON.stringify({ content: "other words entirely" }), version: tagsOnly.version },
      { db },
    );
    expect(f32(newText.embedding)).toEqual(f32(hashingEmbedding("other words entirely")));

    const noText = await updateMemory(
      tenant,
      { id: m.id, rawData: JSON.stringify({ tags: ["x"] }), version: newText.version },
      { db },
    );
    expect(noText.embedding).toBeNull();
  });

  it("does not write a vector of old text over an edit made while it was being computed", async () => {
    const m = await create({ content: "before the edit" });
    const editingEmbedder: Embedder = {
      provider: "test",
      model: "edits-meanwhile",
      async embed(texts) {
        // Someone saves an edit while the vectors are computed.
        await db
          .update(memoryLogs)
          .set({ rawData: JSON.stringify({ content: "edited meanwhile" }), updatedAt: new Date(Date.now() + 60_000) })
          .where(eq(memoryLogs.id, m.id));
        return texts.map(hashingEmbedding);
      },
    };
    const result = await reembedMemories(tenant, [m.id], { db, embedder: editingEmbedder });
    expect(result).toEqual({
      updated: [],
      notFound: [],
      withoutText: [],
      changed: [m.id],
      operation: expect.any(String),
    });
    expect(f32((await getMemory(tenant, m.id, db))!.embedding)).toEqual(f32(hashingEmbedding("before the edit")));
  });

  it("refuses an embedder that answers the wrong number of vectors", async () => {
    const m = await create({ content: "one text" });
    const short: Embedder = { provider: "test", model: "short", embed: async () => [] };
    await expect(reembedMemories(tenant, [m.id], { db, embedder: short })).rejects.toThrow(
      /returned 0 vectors for 1 texts/,
    );
  });
});
