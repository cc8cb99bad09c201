import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import type { MemoryFilters } from "@/db/filters";
import { memoryLogs } from "@/db/schema";
import { createHashingEmbedder, hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import type { SearchMode } from "@/lib/memory-query/search-params";
import { runSearch } from "@/lib/search";
import { openMigrated, rawQuery, testDatabases } from "../support/databases";

const NO_FILTERS: MemoryFilters = { tags: [], tagMode: "any", components: [] };
const TENANT = { projectId: "p", userId: "hybrid" };
const SMALL = { projectId: "p", userId: "small" };
const embedder = createHashingEmbedder();

/** The rare word: one memory holds it, and its embedding points away from the word's (its vector rank is last). */
const RARE = "zanzibar";
const PLANTED = `the ferry to ${RARE} leaves at noon`;

describe.each(testDatabases)("keyword and hybrid search on $name", (database) => {
  let conn: Connection;
  let db: Database;
  let planted: number;

  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
    const texts = Array.from({ length: 150 }, (_, g) =>
      g % 3 === 0
        ? `billing question ${g} about the invoices`
        : g % 3 === 1
          ? `invoice ${g} is late again`
          : `ferry timetable ${g} for the weekend`,
    );
    await db.insert(memoryLogs).values(
      texts.map((content, g) => ({
        ...TENANT,
        rawData: JSON.stringify({ content, tags: [g % 2 ? "odd" : "even"] }),
        embedding: g % 10 === 9 ? null : hashingEmbedding(content),
      })),
    );
    // The same texts in another project: never found from this one.
    await db
      .insert(memoryLogs)
      .values(
        texts.map((content) => ({ projectId: "other", userId: TENANT.userId, rawData: JSON.stringify({ content }) })),
      );
    [{ id: planted }] = (await db
      .insert(memoryLogs)
      .values({
        ...TENANT,
        rawData: JSON.stringify({ content: PLANTED, tags: ["even"] }),
        embedding: hashingEmbedding(RARE).map((x) => -x),
      })
      .returning({ id: memoryLogs.id })) as [{ id: number }];
    await db.insert(memoryLogs).values([
      ...["invoice one", "invoice two", "invoice three"].map((content) => ({
        ...SMALL,
        rawData: JSON.stringify({ content }),
        embedding: hashingEmbedding(content),
      })),
      ...["an invoice without vector", "another invoice without vector"].map((content) => ({
        ...SMALL,
        rawData: JSON.stringify({ content }),
      })),
    ]);
  }, 120_000);
  afterAll(() => conn.close());

  const search = (q: string, mode: SearchMode, k: number, filters = NO_FILTERS, tenant = TENANT) =>
    runSearch(tenant, { target: { kind: "text", q }, mode, k, metric: "l2", filters }, { embedder, db });

  it("keyword: the memories holding the words, stemmed, ranked as PostgreSQL ranks them, within the tenant and filters", async () => {
    const result = await search("invoices late", "keyword", 100, { ...NO_FILTERS, tags: ["odd"] });
    const reference = await rawQuery<{ id: number; score: number }>(
      conn,
      `select id, ts_rank_cd(to_tsvector('english', raw_data->>'content'), websearch_to_tsquery('english', $1))::float8 as score
         from memory_logs
        where user_id = $2 and project_id = $3 and raw_data->'tags' ? 'odd'
          and to_tsvector('english', raw_data->>'content') @@ websearch_to_tsquery('english', $1)
        order by score desc, id`,
      ["invoices late", TENANT.userId, TENANT.projectId],
    );
    expect(reference.length).toBeGreaterThan(10);
    expect(result.items.map((h) => h.id)).toEqual(reference.map((r) => Number(r.id)));
    result.items.forEach((h, i) => {
      expect(h.keywordRank).toBe(i + 1);
      expect(h.rank).toBe(i + 1);
      expect(h.keywordScore).toBeCloseTo(Number(reference[i]!.score), 6);
      expect(h.preview).toMatch(/invoice .* is late again/); // "invoices" stems to "invoic", as "invoice" does
    });
    expect(result).toMatchObject({
      mode: "keyword",
      strategy: "keyword",
      embedder: null,
      keyword: { language: "english", words: "'invoic' & 'late'", matched: reference.length },
    });
    // Never short: as many as hold the words when k is larger, k when it is smaller.
    expect((await search("invoices late", "keyword", 5, { ...NO_FILTERS, tags: ["odd"] })).items).toHaveLength(5);
  });

  it("keyword: a query of stop words or exclusions alone searches for nothing and says so", async () => {
    for (const q of ["the and of", "-invoice", "-invoice -billing"]) {
      const result = await search(q, "keyword", 10);
      expect(result.items, q).toEqual([]);
      expect(result.keyword, q).toEqual({ language: "english", words: "", matched: 0 });
    }
    // An exclusion beside a word narrows it.
    const narrowed = await search("invoice -late", "keyword", 100);
    expect(narrowed.keyword!.words).toBe("'invoic' & !'late'");
    expect(narrowed.items.length).toBeGreaterThan(0);
    for (const h of narrowed.items) expect(h.preview).not.toMatch(/late/);
  });

  it("hybrid: a memory that holds a rare word is in the top 10 though its vector rank is low", async () => {
    const vector = await search(RARE, "vector", 10);
    expect(vector.items).toHaveLength(10);
    expect(vector.items.map((h) => h.id)).not.toContain(planted);
    const hybrid = await search(RARE, "hybrid", 10);
    const hit = hybrid.items.find((h) => h.id === planted);
    expect(hit).toBeDefined();
    expect(hit!.keywordRank).toBe(1);
    expect(hit!.vectorRank ?? Number.POSITIVE_INFINITY).toBeGreaterThan(10);
    expect(hybrid).toMatchObject({ mode: "hybrid", fusion: { method: "rrf", constant: 60, depth: 50 } });
  });

  it("hybrid: fused scores and order equal Reciprocal Rank Fusion computed here from the two lists", async () => {
    const q = "billing or invoice or timetable";
    const [vector, keyword, hybrid] = await Promise.all([
      search(q, "vector", 50),
      search(q, "keyword", 50),
      search(q, "hybrid", 20),
    ]);
    expect(keyword.items).toHaveLength(50);
    const scores = new Map<number, { score: number; best: number; v: number | null; k: number | null }>();
    const add = (id: number, rank: number, list: "v" | "k") => {
      const entry = scores.get(id) ?? { score: 0, best: Number.POSITIVE_INFINITY, v: null, k: null };
      entry.score += 1 / (60 + rank);
      entry.best = Math.min(entry.best, rank);
      entry[list] = rank;
      scores.set(id, entry);
    };
    for (const [i, h] of vector.items.entries()) add(h.id, i + 1, "v");
    for (const [i, h] of keyword.items.entries()) add(h.id, i + 1, "k");
    const expected = [...scores.entries()]
      .sort(([a, x], [b, y]) => y.score - x.score || x.best - y.best || a - b)
      .slice(0, 20);
    expect(hybrid.items.map((h) => h.id)).toEqual(expected.map(([id]) => id));
    hybrid.items.forEach((h, i) => {
      const [, ref] = expected[i]!;
      expect(h.fusedScore).toBeCloseTo(ref.score, 12);
      expect([h.vectorRank, h.keywordRank]).toEqual([ref.v, ref.k]);
      expect(h.rank).toBe(i + 1);
    });
    // Each hit's distance is its distance to the query, from whichever list found it.
    const byVector = new Map(vector.items.map((h) => [h.id, h.distance]));
    for (const h of hybrid.items.filter((x) => x.vectorRank !== null)) expect(h.distance).toBe(byVector.get(h.id));
  });

  it("hybrid is never short: the memories of both lists, those without embedding with no distance", async () => {
    const result = await search("invoice", "hybrid", 10, NO_FILTERS, SMALL);
    expect(result.items).toHaveLength(5);
    const unembedded = result.items.filter((h) => !h.hasEmbedding);
    expect(unembedded).toHaveLength(2);
    for (const h of unembedded) expect(h).toMatchObject({ distance: null, score: null, vectorRank: null });
    expect(result.items.filter((h) => h.vectorRank !== null)).toHaveLength(3);
  });

  it("the score distribution: the nearest 100 distances, whose first k are the results", async () => {
    const plain = await search("invoice late", "vector", 10);
    const withChart = await runSearch(
      TENANT,
      { target: { kind: "text", q: "invoice late" }, mode: "vector", k: 10, metric: "l2", filters: NO_FILTERS },
      { embedder, db, distribution: true },
    );
    expect(withChart.items).toEqual(
      plain.items.map((h) => expect.objectContaining({ id: h.id, distance: h.distance })),
    );
    expect(withChart.distribution).toHaveLength(100);
    expect(withChart.distribution!.slice(0, 10).map((d) => d.id)).toEqual(plain.items.map((h) => h.id));
    const distances = withChart.distribution!.map((d) => d.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(plain.distribution).toBeUndefined();
  });

  it("hybrid and keyword stay within the tenant: the other project's copies are not found", async () => {
    const tenantIds = new Set(
      (
        await rawQuery<{ id: number }>(conn, "select id from memory_logs where user_id = $1 and project_id = $2", [
          TENANT.userId,
          TENANT.projectId,
        ])
      ).map((r) => Number(r.id)),
    );
    for (const mode of ["keyword", "hybrid"] as const) {
      const result = await search("ferry or timetable", mode, 100);
      expect(result.items.length).toBeGreaterThan(40);
      for (const h of result.items) expect(tenantIds.has(h.id)).toBe(true);
    }
  });
});
