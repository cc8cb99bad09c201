import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import { getMemory } from "@/db/queries/memory-read";
import { memoryLogs } from "@/db/schema";
import { InvalidEmbeddingError } from "@/lib/embedding";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { openMigrated, testDatabases } from "../support/databases";

describe.each(testDatabases)("the embedding column on $name", (database) => {
  let conn: Connection;
  let db: Database;
  const tenant = { projectId: "vectors", userId: `u-${Date.now()}` };
  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
  });
  afterAll(() => conn.close());

  const countRows = async () =>
    (
      await db.select({ n: sql<number>`count(*)::int` }).from(memoryLogs).where(eq(memoryLogs.userId, tenant.userId))
    )[0]!.n;

  it("stores 768 numbers and reads them back at single precision", async () => {
    const embedding = hashingEmbedding("the quick brown fox");
    const [row] = await db
      .insert(memoryLogs)
      .values({ ...tenant, rawData: JSON.stringify({ content: "the quick brown fox" }), embedding })
      .returning({ id: memoryLogs.id });
    const stored = await getMemory(tenant, row!.id, db);
    expect(stored?.embedding?.map(Math.fround)).toEqual(embedding.map(Math.fround));
  });

  it.each([
    ["too few dimensions", new Array(767).fill(0.1), /768 dimensions, got 767/],
    ["too many dimensions", new Array(769).fill(0.1), /768 dimensions, got 769/],
    ["NaN", Object.assign(new Array(768).fill(0), { 5: Number.NaN }), /index 5 is not a finite number \(NaN\)/],
    [
      "Infinity",
      Object.assign(new Array(768).fill(0), { 700: Number.POSITIVE_INFINITY }),
      /index 700 is not a finite number \(Infinity\)/,
    ],
  ])("refuses %s before it reaches the database", async (_, embedding, message) => {
    const before = await countRows();
    const insert = db
      .insert(memoryLogs)
      .values({ ...tenant, rawData: JSON.stringify({ content: "bad" }), embedding: embedding as number[] });
    await expect(insert).rejects.toThrow(InvalidEmbeddingError);
    await expect(
      db
        .insert(memoryLogs)
        .values({ ...tenant, rawData: JSON.stringify({ content: "bad" }), embedding: embedding as number[] }),
    ).rejects.toThrow(message);
    expect(await countRows()).toBe(before);
  });
});

// node-postgres only: its pool registers pgvector's type parser (PGlite has no pool to test).
const postgres = testDatabases.find((d) => d.name === "postgres");
if (postgres) {
  describe("the embedding column through node-postgres's pool", () => {
    let conn: Connection;
    beforeAll(async () => {
      ({ conn } = await openMigrated(postgres));
    });
    afterAll(() => conn.close());

    it("comes back from plain pool queries as a number array too", async () => {
      if (conn.kind !== "postgres") throw new Error("expected a PostgreSQL connection");
      const embedding = hashingEmbedding("plain query");
      await conn.db.insert(memoryLogs).values({
        projectId: "vectors",
        userId: "pool",
        rawData: JSON.stringify({ content: "plain query" }),
        embedding,
      });
      const { rows } = await conn.pool.query(
        "select embedding from memory_logs where raw_data->>'content' = 'plain query'",
      );
      expect(rows[0].embedding.map(Math.fround)).toEqual(embedding.map(Math.fround));
    });
  });
}
