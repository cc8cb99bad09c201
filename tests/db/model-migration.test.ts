import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import { listAudit } from "@/db/queries/audit";
import { cancelJob, claimJob, getJob } from "@/db/queries/jobs";
import { deleteMemories } from "@/db/queries/memory-delete";
import { recordEmbedders, tenantEmbedders } from "@/db/queries/memory-embedders";
import { restoreFromTrash } from "@/db/queries/trash";
import { memoryLogs } from "@/db/schema";
import { describeEmbedder } from "@/lib/embedding";
import {
  createHashingEmbedder,
  HASHING_WORDS_MODEL,
  hashingEmbedding,
  hashingWordsEmbedding,
} from "@/lib/embedding/hashing-embedder";
import { tenantModels } from "@/lib/embedding/tenant-embedder";
import { revertModelMigration, startModelMigration } from "@/lib/jobs/model-migrations";
import { runNextJob } from "@/lib/jobs/runner";
import { createMemory, updateMemory } from "@/lib/memory-operations";
import { runSearch } from "@/lib/search";
import { openMigrated, rawQuery, testDatabases } from "../support/databases";

const NGRAM = describeEmbedder(createHashingEmbedder());
const WORDS = describeEmbedder(createHashingEmbedder(HASHING_WORDS_MODEL));
const MEMORIES = 120;

describe.each(testDatabases)("model migration on $name", (database) => {
  let conn: Connection;
  let db: Database;
  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
  });
  afterAll(() => conn.close());

  /** A user whose memories the app embedded with the n-gram model, as the dashboard writes them. */
  async function seedUser(userId: string) {
    const tenant = { projectId: "migrate", userId };
    const texts = Array.from(
      { length: MEMORIES },
      (_, i) => `note ${i} about the ${i % 7 === 0 ? "invoice" : "deploy"}`,
    );
    const ids = (
      await db
        .insert(memoryLogs)
        .values(
          texts.map((content) => ({
            ...tenant,
            rawData: JSON.stringify({ content }),
            embedding: hashingEmbedding(content),
          })),
        )
        .returning({ id: memoryLogs.id })
    ).map((r) => r.id);
    await recordEmbedders(tenant, ids, NGRAM, db);
    return { tenant, ids, texts };
  }

  const vectors = (userId: string) =>
    rawQuery<{ id: number; v: string; embedder: string | null }>(
      conn,
      `select m.id, m.embedding::text as v, e.embedder from memory_logs m left join memory_embedders e on e.memory_id = m.id
        where m.user_id = $1 and m.project_id = 'migrate' order by m.id`,
      [userId],
    );

  it("migrates a user, survives a stop mid-run, matches an uninterrupted run, and reverts exactly", async () => {
    const steady = await seedUser("steady");
    const broken = await seedUser("broken");
    const before = await vectors("broken");
    expect(before.every((r) => r.embedder === NGRAM)).toBe(true);
    expect((await tenantModels(broken.tenant, db)).warning).toBeNull();

    // Uninterrupted.
    await startModelMigration(steady.tenant, WORDS, "admin@example.com", db);
    await runNextJob({ db });

    // Stopped after its first step, as a process that dies would leave it: still "running".
    const job = await startModelMigration(broken.tenant, WORDS, "admin@example.com", db);
    await expect(startModelMigration(broken.tenant, WORDS, "admin@example.com", db)).rejects.toThrow(
      /already queued or running/,
    );
    const stop = new AbortController();
    await runNextJob({ db, signal: stop.signal, onProgress: () => stop.abort() });
    const halfway = await getJob("migrate", job.id, db);
    expect(halfway).toMatchObject({ state: "running", done: 50, total: MEMORIES });
    // Mixed models now: the search page warns, and queries use the model most vectors come from.
    const mixed = await tenantModels(broken.tenant, db);
    expect(mixed.models).toEqual([
      { embedder: NGRAM, memories: 70 },
      { embedder: WORDS, memories: 50 },
    ]);
    expect(mixed.warning).toMatch(/embedded by 2 models/);
    // A live run's heartbeat keeps it from a second process; a dead one is picked up again.
    expect(await claimJob(60_000, db)).toBeNull();
    await runNextJob({ db, staleMs: 0 });

    const finished = await getJob("migrate", job.id, db);
    expect(finished).toMatchObject({ state: "done", done: MEMORIES, total: MEMORIES });
    const after = await vectors("broken");
    const reference = await vectors("steady");
    expect(after.map((r) => [r.v, r.embedder])).toEqual(reference.map((r) => [r.v, r.embedder]));
    // Every vector is the words model's vector of its text.
    const worst = Math.max(...after.map((r, i) => maxDiff(JSON.parse(r.v), hashingWordsEmbedding(broken.texts[i]!))));
    expect(worst).toBeLessThan(1e-6);
    expect(after.every((r) => r.embedder === WORDS)).toBe(true);

    const models = await tenantModels(broken.tenant, db);
    expect(models.warning).toBeNull();
    expect(describeEmbedder(models.searchWith)).toBe(WORDS);
    const search = await runSearch(
      broken.tenant,
      {
        target: { kind: "text", q: "invoice" },
        mode: "vector",
        metric: "cosine",
        k: 5,
        filters: { tags: [], tagMode: "any", components: [] },
      },
      { db },
    );
    expect(search.embedder?.model).toBe(HASHING_WORDS_MODEL);
    expect(search.items[0]?.distance).toBeCloseTo(
      1 - cosine(hashingWordsEmbedding("invoice"), hashingWordsEmbedding(broken.texts[0]!)),
      5,
    );

    const audit = await listAudit({ projectId: "migrate", userId: "broken" }, {}, db);
    expect(audit.find((e) => e.action === "re-embed")).toMatchObject({
      count: MEMORIES,
      details: { operation: job.operation, embedder: WORDS },
    });

    const reverted = await revertModelMigration(broken.tenant, job.id, "admin@example.com", db);
    expect(reverted.reverted).toHaveLength(MEMORIES);
    expect(await vectors("broken")).toEqual(before);
  });

  it("refuses a migration with nothing to move or an unknown embedder, and cancels a queued one", async () => {
    const { tenant } = await seedUser("cancel");
    await expect(startModelMigration(tenant, NGRAM, null, db)).rejects.toThrow(/already written by/);
    await expect(startModelMigration(tenant, "openai · nope", null, db)).rejects.toThrow(/not an embedder configured/);
    const job = await startModelMigration(tenant, WORDS, null, db);
    expect(await cancelJob(tenant, job.id, db)).toMatchObject({ state: "cancelled" });
    expect(await runNextJob({ db })).toBeNull();
    expect((await vectors("cancel")).every((r) => r.embedder === NGRAM)).toBe(true);
  });

  it("records vectors no one named when their own model re-embeds them, and is then done", async () => {
    const tenant = { projectId: "migrate", userId: "unrecorded" };
    await db.insert(memoryLogs).values(
      ["one note", "two notes", "three notes"].map((content) => ({
        ...tenant,
        rawData: JSON.stringify({ content }),
        embedding: hashingEmbedding(content),
      })),
    );
    const job = await startModelMigration(tenant, NGRAM, null, db);
    while (await runNextJob({ db })) {}
    expect(await getJob("migrate", job.id, db)).toMatchObject({ state: "done", done: 3 });
    expect((await vectors("unrecorded")).map((r) => r.embedder)).toEqual([NGRAM, NGRAM, NGRAM]);
    await expect(startModelMigration(tenant, NGRAM, null, db)).rejects.toThrow(/already written by/);
  });

  it("keeps each vector's embedder through edits, the trash, and writes from outside", async () => {
    const tenant = { projectId: "migrate", userId: "writes" };
    const a = await createMemory(tenant, JSON.stringify({ content: "first words" }), { db, by: "a@example.com" });
    const b = await createMemory(tenant, JSON.stringify({ content: "second words" }), {
      db,
      by: "a@example.com",
      embedder: createHashingEmbedder(HASHING_WORDS_MODEL),
    });
    expect(await tenantEmbedders(tenant, db)).toEqual([
      { embedder: NGRAM, memories: 1 },
      { embedder: WORDS, memories: 1 },
    ]);
    // An edit of the text re-embeds with the tenant's model (of a tie, the first by name).
    await updateMemory(
      tenant,
      { id: b.id, rawData: JSON.stringify({ content: "new text" }), version: b.version },
      {
        db,
        by: "a@example.com",
      },
    );
    expect((await vectors("writes")).map((r) => r.embedder)).toEqual([NGRAM, NGRAM]);

    const { operation } = await deleteMemories(tenant, [a.id], { db, deletedBy: "a@example.com" });
    expect(await tenantEmbedders(tenant, db)).toEqual([{ embedder: NGRAM, memories: -1 }]);
    await restoreFromTrash(tenant, { operation }, db);
    expect((await vectors("writes")).map((r) => r.embedder)).toEqual([NGRAM, NGRAM]);

    // A vector written by someone else has no known embedder any more.
    await rawQuery(conn, "update memory_logs set embedding = $1 where id = $2", [
      JSON.stringify(hashingEmbedding("x")),
      a.id,
    ]);
    expect((await vectors("writes")).map((r) => r.embedder)).toEqual([null, NGRAM]);
  });
});

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    dot += x * b[i]!;
    na += x * x;
    nb += b[i]! * b[i]!;
  });
  return dot / Math.sqrt(na * nb);
}

const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));
