import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { GET as getFacets } from "@/app/api/v1/projects/[projectId]/users/[userId]/facets/route";
import { GET as getMemory } from "@/app/api/v1/projects/[projectId]/users/[userId]/memories/[id]/route";
import { GET as getMemories } from "@/app/api/v1/projects/[projectId]/users/[userId]/memories/route";
import { GET as getSuggestions } from "@/app/api/v1/projects/[projectId]/users/[userId]/suggestions/route";
import { GET as getUsers } from "@/app/api/v1/projects/[projectId]/users/route";
import { GET as getProjects } from "@/app/api/v1/projects/route";
import type { Connection, Database } from "@/db/connect";
import { encodeCursor } from "@/db/cursor";
import { MAX_OFFSET } from "@/db/list-query";
import { memoryLogs } from "@/db/schema";
import type { Tenant } from "@/db/tenant";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawQuery, testDatabases } from "../support/databases";

// The read-only JSON API, called the way Next calls route handlers: a Request plus already
// percent-decoded route params. Every tenant id below is something a URL must carry safely.

const ACME = "acme";
const BETA = "beta/β";
const ALICE: Tenant = { projectId: ACME, userId: "alice@example.com" };
const TEAM: Tenant = { projectId: ACME, userId: "team/alpha" };
const JP: Tenant = { projectId: BETA, userId: "ユーザー" };

/** Text that would be SQL, LIKE wildcards or escapes if it were ever spliced into a statement. */
const NASTY = "'; drop table memory_logs; --";
const LITERAL_CONTENT = `100% sure_thing \\ back 'single' "double"`;
const LITERAL_TAG = `it's "50%" _x_ \\y`;

type Facet = { value: string; count: number };
/** The fields of the API's answers these tests read: a list, facets, one memory or an error. */
type Body = {
  items: ({ id: number } & Record<string, unknown>)[];
  nextCursor: string | null;
  total: { value: number; exact: boolean };
  tags: Facet[];
  components: Facet[];
  embedding: number[];
  error: { code: string; message: string; parameter?: string };
} & Record<string, unknown>;
type Query = string | [string, string][];
type Fixture = { tenant: Tenant; rawData: Record<string, unknown>; embedded: boolean; createdAt: Date; id: number };

const day = (d: number) => new Date(Date.UTC(2026, 0, d, 10, 0, 0));

function fixtures(): Omit<Fixture, "id">[] {
  const rows: Omit<Fixture, "id">[] = [];
  for (let i = 0; i < 10; i++) {
    const tags = [i % 2 === 0 ? "work" : "home", ...(i % 3 === 0 ? ["urgent"] : [])];
    rows.push({
      tenant: ALICE,
      rawData: {
        content: `alice note ${i}`,
        tags,
        component: i < 5 ? "chat" : "email",
        meta: { source: i % 2 === 0 ? "slack" : "mail" },
      },
      embedded: i % 4 !== 3,
      createdAt: day(i + 1),
    });
  }
  rows.push(
    {
      tenant: ALICE,
      rawData: { content: LITERAL_CONTENT, tags: [LITERAL_TAG], component: "chat", meta: { source: NASTY } },
      embedded: true,
      createdAt: day(11),
    },
    { tenant: ALICE, rawData: { other: 1, tags: "not-an-array" }, embedded: false, createdAt: day(12) },
    {
      tenant: ALICE,
      rawData: {
        content: "plain words only",
        tags: ["work"],
        meta: { source: "slack", nested: { deep: [{ k: "v" }] } },
      },
      embedded: true,
      createdAt: day(13),
    },
    {
      tenant: ALICE,
      rawData: { text: "final alice memory", tags: ["work", "urgent"], component: "email" },
      embedded: true,
      createdAt: day(14),
    },
    // Other tenants hold look-alikes of alice's data: any leak across tenants shows in counts.
    {
      tenant: TEAM,
      rawData: {
        content: "alice note from the team",
        tags: ["work", "urgent"],
        component: "chat",
        meta: { source: "slack" },
      },
      embedded: true,
      createdAt: day(2),
    },
    {
      tenant: TEAM,
      rawData: { content: LITERAL_CONTENT, tags: [LITERAL_TAG], meta: { source: NASTY } },
      embedded: false,
      createdAt: day(20),
    },
    {
      tenant: TEAM,
      rawData: { content: "team plan", tags: ["home"], component: "email" },
      embedded: true,
      createdAt: day(21),
    },
    {
      tenant: JP,
      rawData: { content: "日本語のメモ alice note", tags: ["work", "日本"], component: "chat" },
      embedded: true,
      createdAt: day(5),
    },
    {
      tenant: JP,
      rawData: { content: LITERAL_CONTENT, tags: [LITERAL_TAG], meta: { source: NASTY } },
      embedded: false,
      createdAt: day(25),
    },
  );
  return rows;
}

const iso = (d: Date) => d.toISOString();
const idsOf = (rows: { id: number }[]) => rows.map((r) => r.id);
const sortNum = (ids: number[]) => [...ids].sort((a, b) => a - b);

function url(path: string, query: Query = ""): string {
  const qs = typeof query === "string" ? query : new URLSearchParams(query).toString();
  return `http://localhost/api/v1${path}${qs ? `?${qs}` : ""}`;
}
const seg = encodeURIComponent;

/** The API token of an admin of every project, sent with each request. */
let auth = new Headers();
const request = (path: string, query: Query = "") => new Request(url(path, query), { headers: auth });

async function respond(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as Body,
    cacheControl: response.headers.get("cache-control"),
  };
}

const api = {
  projects: async (query: Query = "") =>
    respond(await getProjects(request("/projects", query), { params: Promise.resolve({}) })),
  users: async (projectId: string) =>
    respond(await getUsers(request(`/projects/${seg(projectId)}/users`), { params: Promise.resolve({ projectId }) })),
  memories: async (t: Tenant, query: Query = "") =>
    respond(
      await getMemories(request(`/projects/${seg(t.projectId)}/users/${seg(t.userId)}/memories`, query), {
        params: Promise.resolve({ projectId: t.projectId, userId: t.userId }),
      }),
    ),
  memory: async (t: Tenant, id: string | number, query: Query = "") =>
    respond(
      await getMemory(
        request(`/projects/${seg(t.projectId)}/users/${seg(t.userId)}/memories/${seg(String(id))}`, query),
        {
          params: Promise.resolve({ projectId: t.projectId, userId: t.userId, id: String(id) }),
        },
      ),
    ),
  facets: async (t: Tenant, query: Query = "") =>
    respond(
      await getFacets(request(`/projects/${seg(t.projectId)}/users/${seg(t.userId)}/facets`, query), {
        params: Promise.resolve({ projectId: t.projectId, userId: t.userId }),
      }),
    ),
  suggestions: async (t: Tenant, query: Query = "") =>
    respond(
      await getSuggestions(request(`/projects/${seg(t.projectId)}/users/${seg(t.userId)}/suggestions`, query), {
        params: Promise.resolve({ projectId: t.projectId, userId: t.userId }),
      }),
    ),
};

/** Every row of memory_logs as PostgreSQL prints it. */
async function snapshot(conn: Connection): Promise<string> {
  const rows = await rawQuery<{ row: string }>(
    conn,
    "select m::text as row from (select * from memory_logs order by id) m",
  );
  return rows.map((r) => r.row).join("\n");
}

describe.each(testDatabases)("JSON API v1 on $name", (database) => {
  let conn: Connection;
  let close: () => Promise<void>;
  let rows: Fixture[] = [];
  let before = "";

  const of = (t: Tenant) => rows.filter((r) => r.tenant.projectId === t.projectId && r.tenant.userId === t.userId);
  const alice = () => of(ALICE);
  const tagsOf = (r: Fixture) => (Array.isArray(r.rawData.tags) ? (r.rawData.tags as string[]) : []);
  const content = (r: Fixture) => (typeof r.rawData.content === "string" ? r.rawData.content : "");
  const byNewest = (list: Fixture[]) =>
    [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  /** The ids of alice's memories a query lists, all on one page. */
  const listed = async (query: Query) => {
    const { status, body } = await api.memories(ALICE, query);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.total).toEqual({ value: body.items.length, exact: true });
    return sortNum(idsOf(body.items));
  };

  beforeAll(async () => {
    ({ conn, close } = await openAppDatabase(database));
    auth = (await createAdmin(conn.db)).bearer;
    rows = [];
    const db: Database = conn.db;
    for (const f of fixtures()) {
      const [row] = await db
        .insert(memoryLogs)
        .values({
          ...f.tenant,
          rawData: JSON.stringify(f.rawData),
          embedding: f.embedded ? hashingEmbedding(content({ ...f, id: 0 }) || JSON.stringify(f.rawData)) : null,
          createdAt: f.createdAt,
          updatedAt: f.createdAt,
        })
        .returning({ id: memoryLogs.id });
      rows.push({ ...f, id: row!.id });
    }
    before = await snapshot(conn);
  });
  afterAll(async () => {
    // Nothing any request did may have changed a row.
    expect(await snapshot(conn)).toBe(before);
    await close();
  });

  describe("answers normal requests", () => {
    it("lists projects with their user and memory counts, busiest first", async () => {
      const { status, body, cacheControl } = await api.projects();
      expect(status).toBe(200);
      expect(cacheControl).toBe("no-store");
      expect(body).toEqual({
        items: [
          { projectId: ACME, users: 2, memories: 17, latestAt: iso(day(21)) },
          { projectId: BETA, users: 1, memories: 2, latestAt: iso(day(25)) },
        ],
      });
    });

    it("lists the users of a project, with memories, embedded memories and latest memory", async () => {
      const embedded = (t: Tenant) => of(t).filter((r) => r.embedded).length;
      expect(await api.users(ACME)).toMatchObject({
        status: 200,
        body: {
          items: [
            { userId: ALICE.userId, memories: 14, embedded: embedded(ALICE), latestAt: iso(day(14)) },
            { userId: TEAM.userId, memories: 3, embedded: embedded(TEAM), latestAt: iso(day(21)) },
          ],
        },
      });
      const beta = await api.users(BETA);
      expect(beta.status).toBe(200);
      expect(beta.body).toEqual({ items: [{ userId: JP.userId, memories: 2, embedded: 1, latestAt: iso(day(25)) }] });
    });

    it("lists a tenant's memories newest first as { items, nextCursor, total }", async () => {
      const { status, body, cacheControl } = await api.memories(ALICE);
      expect(status).toBe(200);
      expect(cacheControl).toBe("no-store");
      expect(Object.keys(body).sort()).toEqual(["items", "nextCursor", "total"]);
      expect(body.total).toEqual({ value: 14, exact: true });
      expect(body.nextCursor).toBeNull();
      expect(idsOf(body.items)).toEqual(idsOf(byNewest(alice())));

      const first = alice()[0]!;
      const item = body.items.find((i) => i.id === first.id);
      expect(item).toEqual({
        id: first.id,
        createdAt: iso(first.createdAt),
        updatedAt: iso(first.createdAt),
        preview: "alice note 0",
        tags: ["work", "urgent"],
        tagCount: 2,
        component: "chat",
        hasEmbedding: true,
        size: expect.any(Number),
      });
      // raw_data with tags that are not an array and neither content nor text.
      const odd = body.items.find((i) => i.id === alice()[11]!.id);
      expect(odd).toMatchObject({ preview: null, tags: [], tagCount: 0, component: null, hasEmbedding: false });
      expect(body.items.find((i) => i.id === alice()[13]!.id)).toMatchObject({ preview: "final alice memory" });
    });

    it("lists only the tenant's own memories, for ids with slashes, @ and non-Latin letters", async () => {
      for (const t of [TEAM, JP]) {
        const { status, body } = await api.memories(t);
        expect(status).toBe(200);
        expect(idsOf(body.items)).toEqual(idsOf(byNewest(of(t))));
        expect(body.total).toEqual({ value: of(t).length, exact: true });
      }
    });

    it("pages by page number and by cursor, both reaching the same rows", async () => {
      const expected = idsOf(byNewest(alice()));
      const one = await api.memories(ALICE, "limit=10");
      expect(idsOf(one.body.items)).toEqual(expected.slice(0, 10));
      expect(one.body.total).toEqual({ value: 14, exact: true });
      expect(one.body.nextCursor).toEqual(expect.any(String));

      const two = await api.memories(ALICE, "limit=10&page=2");
      expect(idsOf(two.body.items)).toEqual(expected.slice(10));
      const next = await api.memories(ALICE, [
        ["limit", "10"],
        ["cursor", one.body.nextCursor!],
      ]);
      expect(next.status).toBe(200);
      expect(idsOf(next.body.items)).toEqual(expected.slice(10));
      expect(next.body.nextCursor).toBeNull();

      const byId = await api.memories(ALICE, "sort=id&order=asc&limit=10");
      expect(idsOf(byId.body.items)).toEqual(sortNum(idsOf(alice())).slice(0, 10));
      const rest = await api.memories(ALICE, [
        ["sort", "id"],
        ["order", "asc"],
        ["limit", "10"],
        ["cursor", byId.body.nextCursor!],
      ]);
      expect(idsOf(rest.body.items)).toEqual(sortNum(idsOf(alice())).slice(10));
    });

    it("filters by tags, component, JSON path, text, dates and embedding", async () => {
      const expectIds = (list: Fixture[]) => sortNum(idsOf(list));
      expect(await listed("tag=work")).toEqual(expectIds(alice().filter((r) => tagsOf(r).includes("work"))));
      expect(await listed("tag=work&tag=urgent")).toEqual(
        expectIds(alice().filter((r) => tagsOf(r).includes("work") || tagsOf(r).includes("urgent"))),
      );
      expect(await listed("tag=work&tag=urgent&tagMode=all")).toEqual(
        expectIds(alice().filter((r) => tagsOf(r).includes("work") && tagsOf(r).includes("urgent"))),
      );
      expect(await listed("component=email")).toEqual(
        expectIds(alice().filter((r) => r.rawData.component === "email")),
      );
      const source = (r: Fixture) => (r.rawData.meta as { source?: string } | undefined)?.source;
      expect(await listed("path=meta.source&value=slack")).toEqual(
        expectIds(alice().filter((r) => source(r) === "slack")),
      );
      expect(await listed("path=meta.nested.deep[0].k&value=v")).toEqual([alice()[12]!.id]);
      expect(await listed("path=meta.nested&exists=true")).toEqual([alice()[12]!.id]);
      expect(await listed("path=meta&exists=false")).toEqual(
        expectIds(alice().filter((r) => r.rawData.meta === undefined)),
      );
      expect(await listed("q=ALICE NOTE")).toEqual(expectIds(alice().filter((r) => content(r).includes("alice note"))));
      expect(await listed("from=2026-01-03&to=2026-01-05")).toEqual(expectIds(alice().slice(2, 5)));
      expect(await listed("from=2026-01-03T10:00:00Z&to=2026-01-03T10:00:00Z")).toEqual([alice()[2]!.id]);
      // The fixtures were last updated when they were made: the updated range finds the same days.
      expect(await listed("updatedFrom=2026-01-03&updatedTo=2026-01-05")).toEqual(expectIds(alice().slice(2, 5)));
      expect(await listed("updatedFrom=2026-01-03&updatedTo=2026-01-05&from=2026-01-04")).toEqual(
        expectIds(alice().slice(3, 5)),
      );
      expect(await listed("updatedTo=2026-01-02&sort=updated_at&order=asc")).toEqual(expectIds(alice().slice(0, 2)));
      expect(await listed("embedding=with")).toEqual(expectIds(alice().filter((r) => r.embedded)));
      expect(await listed("embedding=without")).toEqual(expectIds(alice().filter((r) => !r.embedded)));
      expect(await listed("tag=work&component=chat&embedding=with")).toEqual(
        expectIds(alice().filter((r) => tagsOf(r).includes("work") && r.rawData.component === "chat" && r.embedded)),
      );
      // Empty form fields mean "no filter".
      expect(await listed("tag=&q=&path=&from=")).toEqual(expectIds(alice()));
    });

    it("compares on a JSON path, and completes tags and components with their counts", async () => {
      expect(await listed("path=other&op=gte&value=1")).toEqual([alice()[11]!.id]);
      expect(await listed("path=other&op=lt&value=1")).toEqual([]);
      expect(await listed("path=meta.source&op=lt&value=now")).toEqual([]); // strings that are no dates never match
      const work = alice().filter((r) => tagsOf(r).includes("work")).length;
      const tags = await api.suggestions(ALICE, "field=tag&prefix=wo");
      expect(tags.status).toBe(200);
      expect(tags.body).toEqual({ items: [{ value: "work", count: work }], known: false });
      expect((await api.suggestions(ALICE, "field=tag&prefix=work")).body).toMatchObject({ known: true });
      expect((await api.suggestions(ALICE, "field=component&prefix=ch")).body).toEqual({
        items: [{ value: "chat", count: alice().filter((r) => r.rawData.component === "chat").length }],
        known: false,
      });
      expect((await api.suggestions(ALICE, "field=path&prefix=meta.")).body.items.map((i) => i.value)).toEqual([
        "meta.source",
        "meta.nested",
        "meta.nested.deep",
      ]);
    });

    it("answers one memory without its embedding unless ?include=embedding", async () => {
      const target = alice()[0]!;
      const { status, body, cacheControl } = await api.memory(ALICE, target.id);
      expect(status).toBe(200);
      expect(cacheControl).toBe("no-store");
      expect(body).toEqual({
        id: target.id,
        userId: ALICE.userId,
        projectId: ALICE.projectId,
        rawData: target.rawData,
        createdAt: iso(target.createdAt),
        updatedAt: iso(target.createdAt),
        version: "2026-01-01 10:00:00.000000",
        embeddingDimensions: 768,
      });
      expect(body).not.toHaveProperty("embedding");

      const full = await api.memory(ALICE, target.id, "include=embedding");
      expect(full.status).toBe(200);
      expect(full.body.embedding).toHaveLength(768);
      expect(full.body.embedding.every((v: unknown) => typeof v === "number" && Number.isFinite(v))).toBe(true);
      expect(full.body.embedding.map(Math.fround)).toEqual(hashingEmbedding("alice note 0").map(Math.fround));
      const { embedding: _, ...rest } = full.body;
      expect(rest).toEqual(body);

      const bare = await api.memory(ALICE, alice()[11]!.id, "include=embedding");
      expect(bare.status).toBe(200);
      expect(bare.body).toMatchObject({
        embeddingDimensions: null,
        embedding: null,
        rawData: { other: 1, tags: "not-an-array" },
      });

      const jp = await api.memory(JP, of(JP)[0]!.id);
      expect(jp).toMatchObject({
        status: 200,
        body: { userId: JP.userId, projectId: BETA, rawData: of(JP)[0]!.rawData },
      });
    });

    it("answers the tag and component facets of the memories matching the filters", async () => {
      const count = (list: Fixture[], values: (r: Fixture) => string[]) => {
        const counts = new Map<string, number>();
        for (const r of list) for (const v of new Set(values(r))) counts.set(v, (counts.get(v) ?? 0) + 1);
        return [...counts].map(([value, n]) => ({ value, count: n }));
      };
      const components = (r: Fixture) => (typeof r.rawData.component === "string" ? [r.rawData.component] : []);
      const byValue = (list: { value: string; count: number }[]) =>
        [...list].sort((a, b) => (a.value < b.value ? -1 : 1));
      const byCount = (list: { count: number }[]) => list.every((f, i) => i === 0 || list[i - 1]!.count >= f.count);

      const { status, body, cacheControl } = await api.facets(ALICE);
      expect(status).toBe(200);
      expect(cacheControl).toBe("no-store");
      expect(Object.keys(body).sort()).toEqual(["components", "tags"]);
      expect(byValue(body.tags)).toEqual(byValue(count(alice(), tagsOf)));
      expect(byValue(body.components)).toEqual(byValue(count(alice(), components)));
      expect(byCount(body.tags) && byCount(body.components)).toBe(true);

      const email = await api.facets(ALICE, "component=email");
      const emailRows = alice().filter((r) => r.rawData.component === "email");
      expect(byValue(email.body.tags)).toEqual(byValue(count(emailRows, tagsOf)));
      expect(email.body.components).toEqual([{ value: "email", count: emailRows.length }]);

      const jp = await api.facets(JP);
      expect(byValue(jp.body.tags)).toEqual(byValue(count(of(JP), tagsOf)));
    });
  });

  describe("answers the latest date it accepts instead of failing", () => {
    // parseDateParam accepts 9999-12-31; the end of that day is in year 10000, which must not become a 500.
    it.each([
      ["memories, to=9999-12-31", () => api.memories(ALICE, "to=9999-12-31")],
      ["memories, to=9999-12-31T23:59:59.999Z", () => api.memories(ALICE, "to=9999-12-31T23:59:59.999Z")],
      ["facets, to=9999-12-31", () => api.facets(ALICE, "to=9999-12-31")],
    ])("%s", async (_name, call) => {
      const { status, body } = await call();
      expect([200, 400], JSON.stringify(body)).toContain(status);
      if (status === 400) expect(body.error).toMatchObject({ code: "invalid", parameter: "to" });
      else if ("items" in body) expect(sortNum(idsOf(body.items))).toEqual(sortNum(idsOf(alice())));
      expect(await snapshot(conn)).toBe(before);
    });
  });

  describe("answers 404 for what does not exist", () => {
    const missingId = 2_147_483_647;
    const expectNotFound = (r: { status: number; body: Body }) => {
      expect(r.status, JSON.stringify(r.body)).toBe(404);
      expect(r.body).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    };

    it("an unknown project", async () => {
      expectNotFound(await api.users("no-such-project"));
      expectNotFound(await api.users("ACME"));
      expectNotFound(await api.memories({ projectId: "no-such-project", userId: ALICE.userId }));
      expectNotFound(await api.facets({ projectId: "no-such-project", userId: ALICE.userId }));
      expectNotFound(await api.memory({ projectId: "no-such-project", userId: ALICE.userId }, alice()[0]!.id));
    });

    it("an unknown tenant, including a known user id under another project", async () => {
      for (const t of [
        { projectId: ACME, userId: "bob@example.com" },
        { projectId: ACME, userId: "Alice@example.com" },
        { projectId: ACME, userId: "team" },
        { projectId: BETA, userId: ALICE.userId },
        { projectId: ACME, userId: JP.userId },
      ]) {
        expectNotFound(await api.memories(t));
        expectNotFound(await api.facets(t));
        expectNotFound(await api.memory(t, alice()[0]!.id));
      }
    });

    it("an unknown tenant under filters or past the last page, while a known one answers an empty page", async () => {
      const unknown = { projectId: ACME, userId: "bob@example.com" };
      for (const query of ["tag=no-such-tag", "component=no-such-component", "page=99", "q=zzzz-nothing"]) {
        expectNotFound(await api.memories(unknown, query));
        const known = await api.memories(ALICE, query);
        expect(known.status, JSON.stringify(known.body)).toBe(200);
        expect(known.body).toMatchObject({ items: [], nextCursor: null });
      }
    });

    it("a missing id, and an id of another tenant exactly like a missing one", async () => {
      const missing = await api.memory(ALICE, missingId);
      expectNotFound(missing);
      for (const other of [of(TEAM)[0]!, of(JP)[0]!]) {
        const r = await api.memory(ALICE, other.id);
        expectNotFound(r);
        expect(r.body).toEqual({
          error: {
            ...missing.body.error,
            message: missing.body.error.message.replace(String(missingId), String(other.id)),
          },
        });
        expect(r.cacheControl).toBe(missing.cacheControl);
        const withEmbedding = await api.memory(ALICE, other.id, "include=embedding");
        expect(withEmbedding.status).toBe(404);
      }
      // And the other way round: alice's id from the team's URL.
      expectNotFound(await api.memory(TEAM, alice()[0]!.id));
    });
  });

  describe("refuses bad input with 400 naming the parameter, changing nothing", () => {
    const long = "x".repeat(300);
    type Case = [name: string, call: () => Promise<{ status: number; body: Body }>, parameter: string];
    const m = (query: Query) => () => api.memories(ALICE, query);
    const f = (query: Query) => () => api.facets(ALICE, query);
    const otherSortCursor = () =>
      encodeCursor({ sort: "created_at", order: "desc", key: "2026-01-05 10:00:00.000000", id: 5 });

    const cases: Case[] = [
      ["limit=0", m("limit=0"), "limit"],
      ["limit=-1", m("limit=-1"), "limit"],
      ["limit=1000000000", m("limit=1000000000"), "limit"],
      ["limit=99999999999", m("limit=99999999999"), "limit"],
      ["limit=abc", m("limit=abc"), "limit"],
      ["limit=201", m("limit=201"), "limit"],
      ["limit=1.5e1", m("limit=1.5e1"), "limit"],
      ["page=0", m("page=0"), "page"],
      ["page=garbage", m("page=garbage"), "page"],
      ["page=-2", m("page=-2"), "page"],
      [`a page beyond MAX_OFFSET (${MAX_OFFSET})`, m(`page=${MAX_OFFSET / 50 + 1}`), "page"],
      ["a page beyond MAX_OFFSET at limit=200", m(`limit=200&page=${MAX_OFFSET / 200 + 1}`), "page"],
      ["cursor=garbage", m("cursor=garbage"), "cursor"],
      ["cursor of symbols", m([["cursor", "!!$%&"]]), "cursor"],
      ["cursor of base64 non-JSON", m([["cursor", Buffer.from("hello").toString("base64url")]]), "cursor"],
      [
        "a cursor with an out-of-range id",
        m([["cursor", encodeCursor({ sort: "created_at", order: "desc", key: "2026-01-05 10:00:00", id: 2 ** 40 })]]),
        "cursor",
      ],
      [
        "a cursor with SQL in its key",
        m([["cursor", encodeCursor({ sort: "created_at", order: "desc", key: NASTY, id: 5 })]]),
        "cursor",
      ],
      // A cursor is client input: one whose key looks like a timestamp but is none must be refused, not reach SQL.
      [
        "a cursor whose key is not a real timestamp",
        m([["cursor", encodeCursor({ sort: "created_at", order: "desc", key: "2026-13-45 99:99:99", id: 5 })]]),
        "cursor",
      ],
      [
        "a cursor whose timestamp is out of range",
        m([["cursor", encodeCursor({ sort: "created_at", order: "desc", key: "999999-01-01 00:00:00", id: 5 })]]),
        "cursor",
      ],
      [
        "a cursor from another sort",
        () =>
          api.memories(ALICE, [
            ["sort", "id"],
            ["cursor", otherSortCursor()],
          ]),
        "cursor",
      ],
      [
        "a cursor from another order",
        () =>
          api.memories(ALICE, [
            ["order", "asc"],
            ["cursor", otherSortCursor()],
          ]),
        "cursor",
      ],
      [
        "page and cursor together",
        () =>
          api.memories(ALICE, [
            ["page", "2"],
            ["cursor", otherSortCursor()],
          ]),
        "cursor",
      ],
      ["sort=name", m("sort=name"), "sort"],
      ["order=sideways", m("order=sideways"), "order"],
      ["tagMode=some", m("tagMode=some"), "tagMode"],
      ["embedding=maybe", m("embedding=maybe"), "embedding"],
      ["from=2026-02-30", m("from=2026-02-30"), "from"],
      ["to=2026-13-01", m("to=2026-13-01"), "to"],
      ["from=2026-01-01T25:00", m("from=2026-01-01T25:00"), "from"],
      ["from=yesterday", m("from=yesterday"), "from"],
      ["from after to", m("from=2026-02-02&to=2026-02-01"), "from"],
      ["updatedFrom=2026-02-30", m("updatedFrom=2026-02-30"), "updatedFrom"],
      ["updatedTo=tomorrow", m("updatedTo=tomorrow"), "updatedTo"],
      ["updatedFrom after updatedTo", m("updatedFrom=2026-02-02&updatedTo=2026-02-01"), "updatedFrom"],
      ["a JSON path with a space", m([["path", "meta source"]]), "path"],
      ["a JSON path with double quotes", m([["path", 'meta."source"']]), "path"],
      ["a JSON path with single quotes", m([["path", "meta.'source'"]]), "path"],
      ["a JSON path with ..", m([["path", "meta..source"]]), "path"],
      ["a JSON path with a leading dot", m([["path", ".meta"]]), "path"],
      ["a JSON path a[x]", m([["path", "a[x]"]]), "path"],
      ["a JSON path with SQL", m([["path", NASTY]]), "path"],
      ["a JSON path deeper than 16", m([["path", Array.from({ length: 17 }, () => "a").join(".")]]), "path"],
      ["value without path", m("value=slack"), "path"],
      ["exists without path", m("exists=true"), "path"],
      ["exists=true together with value", m("path=meta.source&value=slack&exists=true"), "exists"],
      ["exists=maybe", m("path=meta.source&exists=maybe"), "exists"],
      ["op=gt with a word", m("path=meta.source&op=gt&value=slack"), "value"],
      [
        "op=gt with SQL",
        m([
          ["path", "meta.source"],
          ["op", "gt"],
          ["value", NASTY],
        ]),
        "value",
      ],
      ["op=between", m("path=meta.source&op=between&value=1"), "op"],
      ["op without a value", m("path=meta.source&op=lt"), "value"],
      ["suggestions: field=tags", () => api.suggestions(ALICE, "field=tags&prefix=x"), "field"],
      ["suggestions: no field", () => api.suggestions(ALICE, "prefix=x"), "field"],
      ["a 256-character tag", m([["tag", "t".repeat(256)]]), "tag"],
      ["21 tags", m(Array.from({ length: 21 }, (_, i): [string, string] => ["tag", `t${i}`])), "tag"],
      ["a search text with NUL", m([["q", "a\u0000b"]]), "q"],
      ["facets: tagMode=some", f("tagMode=some"), "tagMode"],
      ["facets: from=2026-02-30", f("from=2026-02-30"), "from"],
      ["facets: a JSON path a[x]", f([["path", "a[x]"]]), "path"],
      ["facets: value without path", f("value=x"), "path"],
      ["facets: from after to", f("from=2026-02-02&to=2026-02-01"), "from"],
      ["facets: updatedTo=2026-13-01", f("updatedTo=2026-13-01"), "updatedTo"],
      ["memory id abc", () => api.memory(ALICE, "abc"), "id"],
      ["memory id -1", () => api.memory(ALICE, "-1"), "id"],
      ["memory id 1e99", () => api.memory(ALICE, "1e99"), "id"],
      ["memory id 99999999999", () => api.memory(ALICE, "99999999999"), "id"],
      ["memory id 2147483648", () => api.memory(ALICE, "2147483648"), "id"],
      ["memory id 0", () => api.memory(ALICE, "0"), "id"],
      ["memory id 01", () => api.memory(ALICE, "01"), "id"],
      ["memory id 1.5", () => api.memory(ALICE, "1.5"), "id"],
      ["memory id empty", () => api.memory(ALICE, ""), "id"],
      ["include=raw", () => api.memory(ALICE, rows[0]!.id, "include=raw"), "include"],
    ];
    for (const [route, call] of [
      ["memories", api.memories],
      ["facets", api.facets],
      ["memory", (t: Tenant) => api.memory(t, rows[0]!.id)],
    ] as const) {
      cases.push(
        [`${route}: empty userId`, () => call({ projectId: ACME, userId: "" }), "userId"],
        [`${route}: 300-character userId`, () => call({ projectId: ACME, userId: long }), "userId"],
        [`${route}: userId with NUL`, () => call({ projectId: ACME, userId: "a\u0000b" }), "userId"],
        [`${route}: empty projectId`, () => call({ projectId: "", userId: ALICE.userId }), "projectId"],
        [`${route}: 300-character projectId`, () => call({ projectId: long, userId: ALICE.userId }), "projectId"],
      );
    }
    cases.push(
      ["users: empty projectId", () => api.users(""), "projectId"],
      ["users: 300-character projectId", () => api.users(long), "projectId"],
      ["users: projectId with NUL", () => api.users("\u0000"), "projectId"],
    );

    it.each(cases)("%s", async (_name, call, parameter) => {
      const { status, body } = await call();
      expect(status, JSON.stringify(body)).toBe(400);
      expect(body).toEqual({ error: { code: "invalid", parameter, message: expect.any(String) } });
      expect(body.error.message.length).toBeGreaterThan(5);
      expect(await snapshot(conn)).toBe(before);
    });

    it("refuses a real cursor of one sort used with another", async () => {
      const first = await api.memories(ALICE, "limit=10");
      const cursor = first.body.nextCursor as string;
      for (const query of [
        [
          ["sort", "id"],
          ["limit", "10"],
          ["cursor", cursor],
        ],
        [
          ["sort", "updated_at"],
          ["limit", "10"],
          ["cursor", cursor],
        ],
        [
          ["order", "asc"],
          ["limit", "10"],
          ["cursor", cursor],
        ],
        [
          ["page", "2"],
          ["limit", "10"],
          ["cursor", cursor],
        ],
      ] as [string, string][][]) {
        const r = await api.memories(ALICE, query);
        expect(r.status).toBe(400);
        expect(r.body.error).toMatchObject({ code: "invalid", parameter: "cursor" });
      }
      expect(await snapshot(conn)).toBe(before);
    });
  });

  describe("treats quotes, wildcards, backslashes and SQL in values as literal data", () => {
    const literal = () => alice()[10]!.id;

    it("in the text search (q)", async () => {
      expect(await listed([["q", "%"]])).toEqual([literal()]);
      expect(await listed([["q", "_"]])).toEqual([literal()]);
      expect(await listed([["q", "\\"]])).toEqual([literal()]);
      expect(await listed([["q", "'"]])).toEqual([literal()]);
      expect(await listed([["q", "'single'"]])).toEqual([literal()]);
      expect(await listed([["q", '"double"']])).toEqual([literal()]);
      expect(await listed([["q", LITERAL_CONTENT]])).toEqual([literal()]);
      expect(await listed([["q", "100% SURE_THING \\ back"]])).toEqual([literal()]);
      for (const q of [
        NASTY,
        "%%",
        "a%e",
        "al_ce",
        "\\%",
        "\\\\",
        "__________________________________________",
        "alice' or '1'='1",
      ]) {
        expect(await listed([["q", q]]), q).toEqual([]);
      }
    });

    it("in tags", async () => {
      expect(await listed([["tag", LITERAL_TAG]])).toEqual([literal()]);
      expect(
        await listed([
          ["tag", LITERAL_TAG],
          ["tag", "home"],
          ["tagMode", "all"],
        ]),
      ).toEqual([]);
      for (const tag of [NASTY, "%", "_", "wor_", "work'", "\\", '"work"', "work' or '1'='1"]) {
        expect(await listed([["tag", tag]]), tag).toEqual([]);
      }
    });

    it("in JSON path values and components", async () => {
      expect(
        await listed([
          ["path", "meta.source"],
          ["value", NASTY],
        ]),
      ).toEqual([literal()]);
      for (const value of ["%", "sl_ck", "slack%", "\\", "'", '"slack"', "slack' or '1'='1"]) {
        expect(
          await listed([
            ["path", "meta.source"],
            ["value", value],
          ]),
          value,
        ).toEqual([]);
      }
      for (const component of [NASTY, "%", "cha_", "chat'"]) {
        expect(await listed([["component", component]]), component).toEqual([]);
      }
    });

    it("in facets", async () => {
      const r = await api.facets(ALICE, [["q", NASTY]]);
      expect(r).toMatchObject({ status: 200, body: { tags: [], components: [] } });
      const tagged = await api.facets(ALICE, [["tag", LITERAL_TAG]]);
      expect(tagged.body).toEqual({
        tags: [{ value: LITERAL_TAG, count: 1 }],
        components: [{ value: "chat", count: 1 }],
      });
    });

    it("and memory_logs still exists with every row unchanged", async () => {
      const [table] = await rawQuery<{ name: string | null }>(conn, "select to_regclass('memory_logs')::text as name");
      expect(table?.name).toBe("memory_logs");
      expect(await snapshot(conn)).toBe(before);
    });
  });
});
