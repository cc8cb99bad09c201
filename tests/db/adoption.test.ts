import { afterEach, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { migrationStatus, runMigrations } from "@/db/migrate";
import { getMemory } from "@/db/queries/memory-read";
import { listProjects } from "@/db/queries/projects";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { rawExec, rawQuery, specDdl, testDatabases } from "../support/databases";

// The specification's own statements, as applications already run them.
const CREATE_MEMORY = "INSERT INTO memory_logs (user_id, project_id, raw_data) VALUES ($1, $2, $3::jsonb) RETURNING id";
const UPDATE_EMBEDDING = "UPDATE memory_logs SET embedding = $1, updated_at = NOW() WHERE id = $2";

const snapshot = (conn: Connection) =>
  rawQuery(
    conn,
    `select id, user_id, project_id, raw_data::text, embedding::text, created_at::text, updated_at::text
       from memory_logs order by id`,
  );

describe.each(testDatabases)("adopting an existing database on $name", (database) => {
  let conn: Connection | undefined;
  afterEach(async () => {
    await conn?.close();
    conn = undefined;
  });

  it("migrates a table created with the specification's DDL without changing a row, then reads it", async () => {
    conn = await database.open();
    await rawExec(conn, "CREATE EXTENSION IF NOT EXISTS vector");
    await rawExec(conn, specDdl);

    const alice = { projectId: "acme", userId: "alice" };
    const bob = { projectId: "acme", userId: "bob" };
    const memories = [
      {
        tenant: alice,
        raw: { content: "Prefers dark mode in every app", tags: ["preference", "ui"], component: "settings" },
      },
      {
        tenant: alice,
        raw: {
          content: "Login fails with SSO on Mondays",
          tags: ["bug"],
          component: "auth-service",
          meta: { source: "chat" },
        },
      },
      { tenant: alice, raw: { content: "Not embedded yet", tags: [] } },
      { tenant: bob, raw: { content: "Allergic to peanuts", tags: ["diet"], nested: { a: [1, { b: null }] } } },
    ];
    const ids: number[] = [];
    for (const m of memories) {
      const [row] = await rawQuery<{ id: number }>(conn, CREATE_MEMORY, [
        m.tenant.userId,
        m.tenant.projectId,
        JSON.stringify(m.raw),
      ]);
      ids.push(row!.id);
    }
    const embedding = hashingEmbedding("Prefers dark mode in every app");
    await rawQuery(conn, UPDATE_EMBEDDING, [JSON.stringify(embedding), ids[0]]);
    await rawQuery(conn, UPDATE_EMBEDDING, [JSON.stringify(hashingEmbedding("Allergic to peanuts")), ids[3]]);

    const before = await snapshot(conn);
    await runMigrations(conn);
    expect(await snapshot(conn)).toEqual(before);
    expect((await migrationStatus(conn.db)).upToDate).toBe(true);

    // Read back through the app's data layer.
    const first = await getMemory(alice, ids[0]!, conn.db);
    expect(JSON.parse(first!.rawData)).toEqual(memories[0]!.raw);
    expect(first?.embedding).toHaveLength(768);
    for (const [i, v] of first!.embedding!.entries()) expect(v).toBeCloseTo(embedding[i]!, 6);
    expect(first?.createdAt).toBeInstanceOf(Date);

    const unembedded = await getMemory(alice, ids[2]!, conn.db);
    expect(unembedded).toMatchObject({ embedding: null });
    expect(JSON.parse(unembedded!.rawData)).toEqual(memories[2]!.raw);

    // Another tenant's id reads exactly like a missing one.
    expect(await getMemory(bob, ids[0]!, conn.db)).toBeNull();
    expect(await getMemory(alice, 999_999, conn.db)).toBeNull();
    expect(JSON.parse((await getMemory(bob, ids[3]!, conn.db))!.rawData)).toEqual(memories[3]!.raw);

    expect(await listProjects("all", conn.db)).toEqual([
      { projectId: "acme", users: 2, memories: 4, latestAt: expect.any(Date) },
    ]);
  });
});
