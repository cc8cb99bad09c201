import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { GET } from "@/app/api/v1/projects/[projectId]/users/[userId]/search/route";
import { embedMissingAction, searchAction } from "@/app/projects/[projectId]/users/[userId]/actions";
import type { Database } from "@/db/connect";
import { memoryLogs } from "@/db/schema";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

const ALICE = { projectId: "demo", userId: "alice@example.com" };
const BOB = { projectId: "demo", userId: "bob" };
const CAROL = { projectId: "demo", userId: "carol" };

/** The API token of an admin of every project, sent with each request. */
let auth = new Headers();

async function search(userId: string, query: string) {
  const response = await GET(
    new Request(`http://app/api/v1/projects/demo/users/x/search?${query}`, { headers: auth }),
    {
      params: Promise.resolve({ projectId: "demo", userId }),
    },
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      items?: { id: number; rank: number; distance: number; score: number }[];
      error?: { parameter?: string; message: string };
    },
  };
}

describe.each(testDatabases)("search API and actions on $name", (database) => {
  let close: () => Promise<void>;
  let db: Database;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const opened = await openAppDatabase(database);
    close = opened.close;
    db = opened.conn.db;
    const admin = await createAdmin(db);
    auth = admin.bearer;
    actAs(admin.session);
    const texts = [
      "password reset email arrives late",
      "reset password link expired",
      "prefers window seats on flights",
      "allergic to peanuts",
    ];
    for (const content of texts) {
      const [row] = await db
        .insert(memoryLogs)
        .values({ ...ALICE, rawData: JSON.stringify({ content, tags: ["t"] }), embedding: hashingEmbedding(content) })
        .returning({ id: memoryLogs.id });
      ids[content] = row!.id;
    }
    await db
      .insert(memoryLogs)
      .values({ ...ALICE, rawData: JSON.stringify({ content: "password reset without embedding" }) });
    await db.insert(memoryLogs).values({
      ...BOB,
      rawData: JSON.stringify({ content: "password reset email arrives late" }),
      embedding: hashingEmbedding("password reset email arrives late"),
    });
  });
  afterAll(() => close());

  it("by text: nearest first, with distance, score, metric, strategy, embedder and timing", async () => {
    const { status, body } = await search(ALICE.userId, "q=password%20reset%20email&k=2");
    expect(status).toBe(200);
    expect(body.items!.map((i) => i.id)).toEqual([
      ids["password reset email arrives late"],
      ids["reset password link expired"],
    ]);
    expect(body.items![0]).toMatchObject({ rank: 1, score: 1 / (1 + body.items![0]!.distance) });
    expect(body).toMatchObject({
      metric: "l2",
      strategy: "exact",
      embedder: { provider: "local" },
      examined: 4,
      withoutEmbedding: 1,
    });
    expect(typeof body.tookMs).toBe("number");
  });

  it("keyword and hybrid modes: the words' matches with their ranks, memories without embedding included", async () => {
    const keyword = await search(ALICE.userId, "q=password%20reset&mode=keyword");
    expect(keyword.status).toBe(200);
    expect(keyword.body).toMatchObject({ mode: "keyword", strategy: "keyword", embedder: null });
    expect(keyword.body.keyword).toMatchObject({ words: "'password' & 'reset'", matched: 3 });
    const items = keyword.body.items as unknown as { id: number; distance: number | null; keywordRank: number }[];
    expect(items.map((i) => i.keywordRank)).toEqual([1, 2, 3]);
    expect(items.filter((i) => i.distance === null)).toHaveLength(3); // keyword mode embeds nothing

    const hybrid = await search(ALICE.userId, "q=password%20reset&mode=hybrid&k=5");
    expect(hybrid.status).toBe(200);
    expect(hybrid.body).toMatchObject({ mode: "hybrid", fusion: { method: "rrf", constant: 60, depth: 50 } });
    const fused = hybrid.body.items as unknown as {
      vectorRank: number | null;
      keywordRank: number | null;
      fusedScore: number;
      distance: number | null;
    }[];
    expect(fused).toHaveLength(5); // four embedded memories and the one without embedding
    for (const h of fused)
      expect(h.fusedScore).toBeCloseTo(
        (h.vectorRank ? 1 / (60 + h.vectorRank) : 0) + (h.keywordRank ? 1 / (60 + h.keywordRank) : 0),
        12,
      );
    expect(fused.find((h) => h.vectorRank === null)).toMatchObject({ keywordRank: expect.any(Number), distance: null });

    const bad = await search(ALICE.userId, `similar=${ids["allergic to peanuts"]}&mode=hybrid`);
    expect(bad).toMatchObject({ status: 400, body: { error: { parameter: "mode" } } });
    const distance = await search(ALICE.userId, "q=reset&mode=keyword&threshold=0.5");
    expect(distance).toMatchObject({ status: 400, body: { error: { parameter: "threshold" } } });
  });

  it("applies the list filters: contains for the text, and the created and updated ranges", async () => {
    const all = await search(ALICE.userId, "q=password%20reset%20email&k=10");
    expect(all.body.items!.length).toBeGreaterThan(1);
    const contains = await search(ALICE.userId, "q=password%20reset%20email&k=10&contains=LINK");
    expect(contains.body.items!.map((i) => i.id)).toEqual([ids["reset password link expired"]]);
    for (const range of ["updatedTo=2100-01-01", "updatedFrom=2000-01-01", "to=2100-01-01"]) {
      const { status, body } = await search(ALICE.userId, `q=password%20reset%20email&k=10&${range}`);
      expect(status).toBe(200);
      expect(body.items!.map((i) => i.id)).toEqual(all.body.items!.map((i) => i.id));
    }
    for (const range of ["updatedFrom=2100-01-01", "updatedTo=2000-01-01", "from=2100-01-01"]) {
      const { status, body } = await search(ALICE.userId, `q=password%20reset%20email&k=10&${range}`);
      expect(status).toBe(200);
      expect(body.items).toEqual([]);
    }
    const bad = await search(ALICE.userId, "q=password&updatedFrom=2026-02-30");
    expect(bad.status).toBe(400);
  });

  it("each hit carries the md5 of its text: equal for identical texts, from `text` without `content`", async () => {
    const rows = [
      { content: "standup moved to ten", tags: ["a"] },
      { content: "standup moved to ten", tags: ["b"], component: "calendar" },
      { text: "standup moved to eleven" },
      { other: "no text at all" },
    ];
    for (const rawData of rows) {
      const text = "content" in rawData ? rawData.content : "text" in rawData ? rawData.text : "";
      await db.insert(memoryLogs).values({
        ...CAROL,
        rawData: JSON.stringify(rawData),
        embedding: hashingEmbedding(text || "nothing"),
      });
    }
    const md5 = (text: string) => createHash("md5").update(text).digest("hex");
    const { status, body } = await search(CAROL.userId, "q=standup%20moved&k=10");
    expect(status).toBe(200);
    const items = body.items as unknown as { textDigest: string | null; preview: string | null; tags: string[] }[];
    expect(items).toHaveLength(4);
    const digests = items.map((i) => [i.preview, i.textDigest]);
    expect(digests).toEqual(
      expect.arrayContaining([
        ["standup moved to ten", md5("standup moved to ten")],
        ["standup moved to ten", md5("standup moved to ten")],
        ["standup moved to eleven", md5("standup moved to eleven")],
        [null, null],
      ]),
    );
    // The fields a hit had before are all still there.
    expect(Object.keys(items[0]!)).toEqual(
      expect.arrayContaining(["id", "rank", "distance", "score", "preview", "tags", "component", "createdAt"]),
    );
  });

  it("by memory: excludes itself, and scores cosine as 1 - distance", async () => {
    const id = ids["reset password link expired"]!;
    const { body } = await search(ALICE.userId, `similar=${id}&metric=cosine&k=10`);
    expect(body.items!.map((i) => i.id)).not.toContain(id);
    expect(body.items).toHaveLength(3);
    expect(body.items![0]!.score).toBeCloseTo(1 - body.items![0]!.distance, 12);
    expect(body.embedder).toBeNull();
  });

  it.each([
    ["", "q"],
    ["q=x&similar=1", "similar"],
    ["q=x&k=0", "k"],
    ["q=x&k=101", "k"],
    ["q=x&metric=dot", "metric"],
    ["q=x&threshold=-1", "threshold"],
    ["similar=abc", "similar"],
    ["q=x&tag=a&path=bad%20path", "path"],
  ])("refuses %s with 400 naming %s", async (query, parameter) => {
    const { status, body } = await search(ALICE.userId, query);
    expect(status).toBe(400);
    expect(body.error?.parameter).toBe(parameter);
  });

  it("a memory of another tenant is not found; a memory without embedding is explained", async () => {
    expect((await search(BOB.userId, `similar=${ids["allergic to peanuts"]}`)).status).toBe(404);
    const { status, body } = await search(ALICE.userId, `similar=999999`);
    expect(status).toBe(404);
    expect(body.error?.message).toMatch(/not found/);
  });

  it("an unreachable embedding provider is a clear 503, not a hang", async () => {
    vi.stubEnv("EMBEDDER", "ollama");
    vi.stubEnv("EMBEDDER_BASE_URL", "http://127.0.0.1:1");
    vi.stubEnv("EMBEDDER_TIMEOUT_MS", "2000");
    try {
      const { status, body } = await search(ALICE.userId, "q=password");
      expect(status).toBe(503);
      expect(body.error?.message).toMatch(/ollama model nomic-embed-text: cannot reach/);
      const action = await searchAction({ ...ALICE, query: "q=password" });
      expect(action).toMatchObject({ ok: false, code: "unavailable" });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("the search action answers what the API answers", async () => {
    const action = await searchAction({ ...ALICE, query: "q=window%20seat&k=1" });
    expect(action.ok && action.data.items.map((i) => i.id)).toEqual([ids["prefers window seats on flights"]]);
    // The demo page's explain panel: the indexes the plan uses to find the candidates.
    expect(action.ok && action.data.indexes?.every((name) => typeof name === "string")).toBe(true);
  });

  it("embeds the missing ones in batches, resumably, only within the tenant", async () => {
    for (let i = 0; i < 5; i++)
      await db.insert(memoryLogs).values({ ...ALICE, rawData: JSON.stringify({ content: `later memory ${i}` }) });
    await db.insert(memoryLogs).values({ ...ALICE, rawData: JSON.stringify({ tags: ["no text"] }) });
    await db.insert(memoryLogs).values({ ...BOB, rawData: JSON.stringify({ content: "bob's missing one" }) });
    const first = await embedMissingAction({ ...ALICE, batchSize: 4 });
    expect(first).toEqual({ ok: true, data: { embedded: 4, changed: 0, remaining: 2 } });
    const second = await embedMissingAction({ ...ALICE, batchSize: 4 });
    expect(second).toEqual({ ok: true, data: { embedded: 2, changed: 0, remaining: 0 } });
    const { body } = await search(BOB.userId, "q=missing");
    expect(body.withoutEmbedding).toBe(1);
  });
});
