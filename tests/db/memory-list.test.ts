import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/db/app-error";
import type { Connection, Database } from "@/db/connect";
import type { MemoryFilters } from "@/db/filters";
import { COUNT_CAP, MAX_OFFSET, type SortField, type SortOrder } from "@/db/list-query";
import { PREVIEW_CHARS } from "@/db/memory-text";
import { countMatching, countMemories } from "@/db/queries/memory-count";
import { listMemories, type MemoryPage } from "@/db/queries/memory-list";
import type { Tenant } from "@/db/tenant";
import { parseMemoryListQuery } from "@/lib/memory-query/params";
import { seededRandom } from "@/lib/random";
import { openMigrated, rawQuery, testDatabases } from "../support/databases";
import { type FixtureSpec, insertFixture } from "../support/fixture-memories";
import {
  componentOf,
  type FixtureMemory,
  referenceIds,
  referencePreview,
  referenceTotal,
  tagsOf,
} from "../support/reference-memories";

// Three tenants: the one most tests look at, the same user in another project, and another user
// in the same project. The last two use the same tags, components and texts, so any leak shows.
const MAIN: Tenant = { projectId: "alpha", userId: "u1" };
const SAME_USER_OTHER_PROJECT: Tenant = { projectId: "beta", userId: "u1" };
const OTHER_USER_SAME_PROJECT: Tenant = { projectId: "alpha", userId: "u2" };
const TENANTS = [MAIN, SAME_USER_OTHER_PROJECT, OTHER_USER_SAME_PROJECT];

const SORTS: SortField[] = ["created_at", "updated_at", "id"];
const ORDERS: SortOrder[] = ["asc", "desc"];

type Params = Record<string, string | string[]>;

const search = (params: Params) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) s.append(k, x);
  return s;
};
const parse = (params: Params) => parseMemoryListQuery(search(params));

// ---------------------------------------------------------------------------------------------
// Fixture: deterministic pseudo-random memories.

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 0, 1);
const TAGS = ["bug", "ui", "preference", "diet", "travel", "work", "urgent", "billing", "idea", "health"];
const COMPONENTS = ["auth-service", "billing", "search", "settings", "chat"];
const WORDS = [
  "Prefers",
  "coffee",
  "Invoice",
  "paid",
  "login",
  "FAILS",
  "on",
  "Mondays",
  "allergic",
  "Peanuts",
  "meeting",
  "Berlin",
];
// Texts where an unescaped LIKE wildcard would match more than the literal text.
const SPECIAL_TEXTS = [
  "Discount of 50% applied to the Invoice",
  "Progress at 500 units, invoice pending",
  "Renamed user_id to owner_id",
  "Renamed userXid to ownerXid",
  "Backup stored in C:\\Users\\backup",
  "Backup stored in C:Users backup",
  "Literally 100%_done",
  "Literally 100% done",
  "Prefers DARK Mode everywhere",
  "dark mode OFF on mobile",
  "Dark-Mode toggle broken",
];

type Spec = FixtureSpec;

function buildSpecs(): Spec[] {
  const rand = seededRandom(20260531);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const specs: Spec[] = [];
  let previous: { createdAt: Date; updatedAt: Date } | null = null;

  const memory = (tenant: Tenant, i: number): Spec => {
    const rawData: Record<string, unknown> = {};
    if (i < SPECIAL_TEXTS.length) rawData.content = SPECIAL_TEXTS[i];
    else rawData.content = `${Array.from({ length: 3 + Math.floor(rand() * 5) }, () => pick(WORDS)).join(" ")} #${i}`;

    if (i % 17 === 3) {
      // no tags at all
    } else if (i === 5)
      rawData.tags = "misc"; // not an array: no tags
    else if (i === 6) rawData.tags = null;
    else if (i === 7) rawData.tags = { note: true };
    else rawData.tags = [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(TAGS)))];

    if (i % 6 === 0) {
      // no component
    } else if (i % 11 === 0) rawData.component = null;
    else rawData.component = pick(COMPONENTS);

    if (i % 5 !== 0) {
      const meta: Record<string, unknown> = {
        source: i % 9 === 1 ? null : pick(["chat", "email", "api"]),
        priority: 1 + Math.floor(rand() * 3),
        pinned: rand() < 0.5,
      };
      if (i % 3 !== 0) meta.nested = { level: pick(["deep", "shallow"]) };
      rawData.meta = meta;
    }
    if (i % 4 !== 0) {
      rawData.entities = Array.from({ length: Math.floor(rand() * 3) }, () => ({
        type: pick(["person", "place", "org"]),
        name: pick(WORDS),
      }));
    }
    if (i % 7 !== 0) rawData.importance = pick([0.25, 0.5, 1, 3]);

    // Timestamps collide often (few slots), and some copy the previous memory's exactly.
    let createdAt: Date;
    let updatedAt: Date;
    if (previous && i % 7 === 2) {
      createdAt = previous.createdAt;
      updatedAt = i % 2 ? previous.updatedAt : new Date(previous.updatedAt.getTime() + 1);
    } else {
      createdAt = new Date(
        BASE + Math.floor(rand() * 60) * DAY + pick([0, 9 * 3_600_000, 9 * 3_600_000 + 30 * 60_000 + 15_123]),
      );
      updatedAt = i % 5 === 4 ? createdAt : new Date(createdAt.getTime() + pick([0, 1, 999, DAY, 2 * DAY + 7]));
    }
    previous = { createdAt, updatedAt };
    return { tenant, rawData, embed: rand() < 0.6, createdAt, updatedAt };
  };

  for (let i = 0; i < 76; i++) specs.push(memory(MAIN, i));
  // Exactly on and around the date filters' bounds used below.
  for (const iso of [
    "2026-02-01T00:00:00.000Z",
    "2026-02-01T12:00:00.000Z",
    "2026-02-10T06:30:00.000Z",
    "2026-02-10T06:30:00.001Z",
    "2026-02-14T23:59:59.999Z",
    "2026-02-15T00:00:00.000Z",
  ]) {
    specs.push({
      tenant: MAIN,
      rawData: { content: `Bound ${iso}`, tags: ["bug"], component: "search" },
      embed: false,
      createdAt: new Date(iso),
      updatedAt: new Date(iso),
    });
  }
  // Missing timestamps: oldest in every sort, ties among them broken by id.
  specs.push({
    tenant: MAIN,
    rawData: { content: "No dates at all", tags: ["bug", "ui"], component: "billing" },
    embed: true,
    createdAt: null,
    updatedAt: null,
  });
  specs.push({
    tenant: MAIN,
    rawData: { content: "No dates either", tags: ["ui"], meta: { source: "chat" } },
    embed: false,
    createdAt: null,
    updatedAt: null,
  });
  specs.push({
    tenant: MAIN,
    rawData: { content: "Created unknown", tags: ["work"] },
    embed: false,
    createdAt: null,
    updatedAt: new Date("2026-01-20T10:00:00Z"),
  });
  specs.push({
    tenant: MAIN,
    rawData: { content: "Updated unknown", component: "chat" },
    embed: true,
    createdAt: new Date("2026-01-20T10:00:00Z"),
    updatedAt: null,
  });
  // Preview limits: a long text, many tags, and a legacy `text` field instead of `content`.
  specs.push({
    tenant: MAIN,
    rawData: {
      content: `Long ${"abcdefghij".repeat(40)} end`,
      tags: Array.from({ length: 25 }, (_, k) => `t${String(k + 1).padStart(2, "0")}`),
      component: "settings",
    },
    embed: true,
    createdAt: new Date("2026-01-15T08:00:00Z"),
    updatedAt: new Date("2026-01-16T08:00:00Z"),
  });
  specs.push({
    tenant: MAIN,
    rawData: { text: "Legacy text field", tags: ["idea"] },
    embed: false,
    createdAt: new Date("2026-01-15T08:00:00Z"),
    updatedAt: new Date("2026-01-15T08:00:00Z"),
  });

  for (let i = 0; i < 18; i++) specs.push(memory(SAME_USER_OTHER_PROJECT, i));
  specs.push({
    tenant: SAME_USER_OTHER_PROJECT,
    rawData: { content: "dark mode elsewhere", tags: ["ui"] },
    embed: false,
    createdAt: null,
    updatedAt: null,
  });
  for (let i = 0; i < 18; i++) specs.push(memory(OTHER_USER_SAME_PROJECT, i));
  return specs;
}

// ---------------------------------------------------------------------------------------------

describe.each(testDatabases)("memory list on $name", (database) => {
  let conn: Connection;
  let db: Database;
  let fixture: FixtureMemory[];

  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
    fixture = await insertFixture(conn, buildSpecs());
  });
  afterAll(() => conn?.close());

  const expected = (
    tenant: Tenant,
    filters: MemoryFilters,
    sort: SortField = "created_at",
    order: SortOrder = "desc",
  ) => referenceIds(fixture, tenant, filters, sort, order);

  async function walkByPage(tenant: Tenant, params: Params): Promise<MemoryPage[]> {
    const pages: MemoryPage[] = [];
    for (let page = 1; page <= 100; page++) {
      const result = await listMemories(tenant, parse({ ...params, page: String(page) }), db);
      pages.push(result);
      if (!result.nextCursor) return pages;
    }
    throw new Error("more than 100 pages");
  }

  async function walkByCursor(tenant: Tenant, params: Params): Promise<MemoryPage[]> {
    const pages = [await listMemories(tenant, parse(params), db)];
    while (pages.at(-1)!.nextCursor) {
      if (pages.length > 100) throw new Error("more than 100 pages");
      pages.push(await listMemories(tenant, parse({ ...params, cursor: pages.at(-1)!.nextCursor! }), db));
    }
    return pages;
  }

  /** Both walks give exactly the reference order, in full pages but the last, each with the exact total. */
  async function expectWalks(tenant: Tenant, params: Params): Promise<number[]> {
    const query = parse(params);
    const ids = expected(tenant, query.filters, query.sort, query.order);
    for (const walk of [walkByPage, walkByCursor]) {
      const pages = await walk(tenant, params);
      const got = pages.flatMap((p) => p.items.map((m) => m.id));
      expect(got, `${walk.name} ${JSON.stringify(params)}`).toEqual(ids);
      expect(new Set(got).size).toBe(got.length);
      for (const p of pages.slice(0, -1)) expect(p.items).toHaveLength(query.limit);
      expect(pages.at(-1)!.items.length).toBeLessThanOrEqual(query.limit);
      for (const p of pages) expect(p.total).toEqual({ value: ids.length, exact: true });
    }
    return ids;
  }

  it("has a fixture that exercises what the tests claim", () => {
    const main = fixture.filter((m) => m.projectId === MAIN.projectId && m.userId === MAIN.userId);
    expect(main.length).toBeGreaterThan(80);
    expect(fixture.length).toBeGreaterThanOrEqual(115);
    const times = main.flatMap((m) => (m.createdAt ? [m.createdAt.getTime()] : []));
    expect(new Set(times).size).toBeLessThan(times.length - 5); // many equal created_at
    const updates = main.flatMap((m) => (m.updatedAt ? [m.updatedAt.getTime()] : []));
    expect(new Set(updates).size).toBeLessThan(updates.length - 5);
    expect(main.filter((m) => m.createdAt === null)).toHaveLength(3);
    expect(main.filter((m) => m.updatedAt === null)).toHaveLength(3);
    expect(main.some((m) => m.hasEmbedding) && main.some((m) => !m.hasEmbedding)).toBe(true);
  });

  describe.each(SORTS)("sorted by %s", (sort) => {
    it.each(ORDERS)("%s: page numbers and cursors walk the whole list in the reference order", async (order) => {
      const ids = await expectWalks(MAIN, { sort, order, limit: "10" });
      expect(ids.length).toBeGreaterThan(80);
    });

    it.each(ORDERS)("%s: the other tenants' lists hold exactly their own memories", async (order) => {
      for (const tenant of [SAME_USER_OTHER_PROJECT, OTHER_USER_SAME_PROJECT]) {
        const ids = await expectWalks(tenant, { sort, order, limit: "10" });
        expect(ids.length).toBeGreaterThanOrEqual(18);
      }
    });
  });

  const FILTERS: [string, Params][] = [
    ["one tag", { tag: "bug" }],
    ["any of two tags", { tag: ["bug", "ui"] }],
    ["any of two tags, explicitly", { tag: ["diet", "travel"], tagMode: "any" }],
    ["all of two tags", { tag: ["bug", "ui"], tagMode: "all" }],
    ["a tag nobody has", { tag: "nonexistent" }],
    ["one component", { component: "billing" }],
    ["several components", { component: ["billing", "search", "chat"] }],
    ["path equals a string", { path: "meta.source", value: "chat" }],
    ["path equals a number", { path: "meta.priority", value: "2" }],
    ["path equals a decimal", { path: "importance", value: "0.25" }],
    ["path equals a boolean", { path: "meta.pinned", value: "true" }],
    ["path equals, nested", { path: "meta.nested.level", value: "deep" }],
    ["path equals, with an array index", { path: "entities[0].type", value: "person" }],
    ["path present (JSON null counts)", { path: "meta.source", exists: "true" }],
    ["path absent", { path: "meta.source", exists: "false" }],
    ["path present, array element", { path: "entities[1]", exists: "true" }],
    ["path absent, array element", { path: "entities[0]", exists: "false" }],
    ["path given alone means present", { path: "meta.nested" }],
    ["text, case-insensitive", { q: "dark mode" }],
    ["text, trimmed", { q: "  INVOICE  " }],
    ["text with a literal %", { q: "50%" }],
    ["text that is only %", { q: "%" }],
    ["text with a literal _", { q: "_id" }],
    ["text that is only _", { q: "_" }],
    ["text with a literal backslash", { q: "C:\\Users" }],
    ["text that is only a backslash", { q: "\\" }],
    ["text with % and _", { q: "100%_" }],
    ["from a date", { from: "2026-02-01" }],
    ["to a date (the whole day)", { to: "2026-02-14" }],
    ["a date range", { from: "2026-02-01", to: "2026-02-14" }],
    ["a date-time range", { from: "2026-02-01T12:00:00Z", to: "2026-02-10T06:30:00Z" }],
    ["a date-time range with an offset", { from: "2026-02-01T13:00:00+01:00", to: "2026-02-10T07:30:00.000+01:00" }],
    ["updated from a date", { updatedFrom: "2026-02-01" }],
    ["updated to a date (the whole day)", { updatedTo: "2026-02-14" }],
    ["an updated date-time range", { updatedFrom: "2026-02-01T12:00:00Z", updatedTo: "2026-02-10T06:30:00Z" }],
    ["updated range in updated order", { updatedFrom: "2026-01-20", updatedTo: "2026-02-20", sort: "updated_at" }],
    ["created and updated ranges together", { from: "2026-01-10", updatedTo: "2026-02-14", order: "asc" }],
    ["with an embedding", { embedding: "with" }],
    ["without an embedding", { embedding: "without" }],
    ["tag, embedding and updated order", { tag: "bug", embedding: "with", sort: "updated_at", order: "asc" }],
    ["components, text and a start date", { component: ["billing", "chat"], q: "invoice", from: "2026-01-10" }],
    [
      "path, tags and id order",
      { path: "meta.source", value: "chat", tag: ["ui", "work", "bug"], sort: "id", order: "asc" },
    ],
    [
      "all tags, component and end date",
      { tag: ["bug", "ui"], tagMode: "all", component: "billing", to: "2026-02-20" },
    ],
    ["absent path and no embedding", { path: "meta", exists: "false", embedding: "without", sort: "updated_at" }],
    ["text and range that exclude each other", { q: "dark mode", from: "2030-01-01" }],
  ];

  it.each(FILTERS)("filter: %s", async (_name, params) => {
    await expectWalks(MAIN, { limit: "10", ...params });
  });

  it("the filters are not vacuous: each one keeps some memories and drops others", () => {
    const all = expected(MAIN, parse({}).filters).length;
    const vacuous = FILTERS.filter(([name, params]) => {
      const n = expected(MAIN, parse(params).filters).length;
      return !/nobody|exclude/.test(name) && (n === 0 || n === all);
    }).map(([name]) => name);
    expect(vacuous).toEqual([]);
    // The literal-wildcard texts find only the literal text.
    const contents = (params: Params) =>
      fixture.filter((m) => expected(MAIN, parse(params).filters).includes(m.id)).map((m) => m.rawData.content);
    expect(contents({ q: "50%" })).toEqual(["Discount of 50% applied to the Invoice"]);
    expect(contents({ q: "_id" }).sort()).toEqual(["Renamed user_id to owner_id"]);
    expect(contents({ q: "C:\\Users" })).toEqual(["Backup stored in C:\\Users\\backup"]);
    expect(contents({ q: "100%_" })).toEqual(["Literally 100%_done"]);
  });

  it("parses dates into an inclusive start and an exclusive end", () => {
    expect(parse({ from: "2026-02-01", to: "2026-02-14" }).filters).toMatchObject({
      from: new Date("2026-02-01T00:00:00Z"),
      before: new Date("2026-02-15T00:00:00Z"),
    });
    expect(parse({ to: "2026-02-10T06:30:00Z" }).filters.before).toEqual(new Date("2026-02-10T06:30:00.001Z"));
  });

  it("walks filtered lists in every sort order by cursor and by page", async () => {
    for (const sort of SORTS) {
      for (const order of ORDERS) {
        await expectWalks(MAIN, { tag: ["bug", "ui"], embedding: "without", sort, order, limit: "10" });
        await expectWalks(MAIN, { path: "meta.source", exists: "true", sort, order, limit: "10" });
      }
    }
  });

  it("reports exact totals, with or without filters, and countMemories and countMatching agree", async () => {
    for (const params of [
      {},
      { tag: "bug" },
      { q: "%" },
      { tag: "nonexistent" },
      { embedding: "with", component: "search" },
    ] as Params[]) {
      const query = parse(params);
      const n = referenceTotal(fixture, MAIN, query.filters);
      expect((await listMemories(MAIN, query, db)).total).toEqual({ value: n, exact: true });
      expect(await countMemories(MAIN, query.filters, db)).toEqual({ value: n, exact: true });
      expect(await countMatching(MAIN, query.filters, db)).toBe(n);
    }
    const empty = await listMemories(MAIN, parse({ tag: "nonexistent" }), db);
    expect(empty).toEqual({ items: [], nextCursor: null, total: { value: 0, exact: true } });
  });

  it("fills each item with the memory's preview, tags, component, embedding flag and dates", async () => {
    const byId = new Map(fixture.map((m) => [m.id, m]));
    const pages = await walkByCursor(MAIN, { sort: "id", order: "asc", limit: "50" });
    const items = pages.flatMap((p) => p.items);
    expect(items).toHaveLength(referenceTotal(fixture, MAIN, parse({}).filters));
    for (const item of items) {
      const m = byId.get(item.id)!;
      const tags = tagsOf(m);
      expect(item, `memory ${item.id}`).toEqual({
        id: m.id,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
        preview: referencePreview(m, PREVIEW_CHARS),
        tags: tags.slice(0, 20),
        tagCount: tags.length,
        component: componentOf(m),
        hasEmbedding: m.hasEmbedding,
        size: expect.any(Number),
      });
      expect(item.size).toBeGreaterThan(1);
    }
    const long = items.find((i) => i.tagCount === 25)!;
    expect(long.preview).toHaveLength(PREVIEW_CHARS);
    expect(long.tags).toEqual(Array.from({ length: 20 }, (_, k) => `t${String(k + 1).padStart(2, "0")}`));
    expect(items.find((i) => i.preview === "Legacy text field")).toBeDefined();
    expect(items.filter((i) => i.createdAt === null)).toHaveLength(3);
  });

  it("never shows another tenant's memory, whatever the filter", async () => {
    const owner = new Map(fixture.map((m) => [m.id, `${m.projectId}/${m.userId}`]));
    for (const tenant of TENANTS) {
      const mine = `${tenant.projectId}/${tenant.userId}`;
      for (const params of [
        {},
        { tag: ["bug", "ui", "work"] },
        { q: "dark mode" },
        { component: COMPONENTS },
        { path: "meta", exists: "true" },
      ] as Params[]) {
        const pages = await walkByCursor(tenant, { ...params, limit: "200" });
        const ids = pages.flatMap((p) => p.items.map((i) => i.id));
        expect(ids.filter((id) => owner.get(id) !== mine)).toEqual([]);
        expect(ids).toEqual(expected(tenant, parse(params).filters));
      }
    }
    // A tenant id that differs only slightly is a different tenant, with nothing in it.
    for (const tenant of [
      { projectId: "alpha", userId: "U1" },
      { projectId: "alpha ", userId: "u1" },
      { projectId: "alph", userId: "u1" },
    ]) {
      expect(await listMemories(tenant, parse({}), db)).toEqual({
        items: [],
        nextCursor: null,
        total: { value: 0, exact: true },
      });
    }
  });

  it("lists chosen ids within the tenant only, in the list's order, with an exact total", async () => {
    const mine = expected(MAIN, parse({}).filters);
    const chosen = [mine[5]!, mine[0]!, mine[17]!];
    const theirs = fixture.filter((m) => m.userId !== MAIN.userId || m.projectId !== MAIN.projectId).slice(0, 2);
    const params = { id: [...chosen, ...theirs.map((m) => m.id)].map(String), limit: "200" };
    const page = await listMemories(MAIN, parse(params), db);
    expect(page.items.map((i) => i.id)).toEqual(mine.filter((id) => chosen.includes(id)));
    expect(page.total).toEqual({ value: 3, exact: true });
    expect(await countMatching(MAIN, parse(params).filters, db)).toBe(3);
    // With another filter too, both hold.
    const narrowed = await listMemories(MAIN, parse({ ...params, embedding: "with" }), db);
    expect(narrowed.items.every((i) => chosen.includes(i.id) && i.hasEmbedding)).toBe(true);
  });

  it("refuses a cursor of another sort or order, and a cursor together with a page number", async () => {
    const first = await listMemories(MAIN, parse({ sort: "updated_at", order: "asc", limit: "10" }), db);
    const cursor = first.nextCursor!;
    const refused = (params: Params) => {
      try {
        parse(params);
      } catch (error) {
        return error instanceof AppError ? error.field : "not an AppError";
      }
      return "accepted";
    };
    expect(refused({ sort: "updated_at", order: "asc", cursor })).toBe("accepted");
    expect(refused({ sort: "updated_at", order: "desc", cursor })).toBe("cursor");
    expect(refused({ sort: "created_at", order: "asc", cursor })).toBe("cursor");
    expect(refused({ sort: "updated_at", order: "asc", cursor, page: "2" })).toBe("cursor");
  });

  it("continues by cursor from a row whose timestamp is NULL (the cursor key is -infinity)", async () => {
    const tenant: Tenant = { projectId: "gamma", userId: "no-dates" };
    const at = (iso: string) => new Date(iso);
    const mixed = await insertFixture(conn, [
      ...Array.from(
        { length: 13 },
        (_, k): Spec => ({
          tenant,
          rawData: { content: `undated ${k}`, tags: k % 2 ? ["odd"] : [] },
          embed: false,
          createdAt: null,
          updatedAt: k % 3 ? null : at("2026-04-01T00:00:00Z"),
        }),
      ),
      ...Array.from(
        { length: 6 },
        (_, k): Spec => ({
          tenant,
          rawData: { content: `dated ${k}`, tags: ["odd"] },
          embed: false,
          createdAt: at(`2026-03-0${1 + (k % 3)}T00:00:00Z`),
          updatedAt: null,
        }),
      ),
    ]);
    for (const sort of SORTS) {
      for (const order of ORDERS) {
        const pages = await walkByCursor(tenant, { sort, order, limit: "10" });
        expect(
          pages.flatMap((p) => p.items.map((i) => i.id)),
          `${sort} ${order}`,
        ).toEqual(referenceIds(mixed, tenant, parse({}).filters, sort, order));
        expect(pages).toHaveLength(2);
      }
    }
    const decoded = parse({
      sort: "created_at",
      order: "asc",
      cursor: (await listMemories(tenant, parse({ sort: "created_at", order: "asc", limit: "10" }), db)).nextCursor!,
    });
    expect(decoded.cursor?.key).toBe("-infinity");
  });

  // Tags that are not an array are no tags: the list shows none and the facets count none, so
  // the tag filter must not find them either.
  it("does not match a tags value that is a string or an object by the tag filter", async () => {
    const tenant: Tenant = { projectId: "gamma", userId: "tags-shapes" };
    const shapes = await insertFixture(conn, [
      {
        tenant,
        rawData: { content: "array", tags: ["urgent"] },
        embed: false,
        createdAt: new Date("2026-03-01T00:00:00Z"),
        updatedAt: new Date("2026-03-01T00:00:00Z"),
      },
      {
        tenant,
        rawData: { content: "string", tags: "urgent" },
        embed: false,
        createdAt: new Date("2026-03-02T00:00:00Z"),
        updatedAt: new Date("2026-03-02T00:00:00Z"),
      },
      {
        tenant,
        rawData: { content: "object", tags: { urgent: true } },
        embed: false,
        createdAt: new Date("2026-03-03T00:00:00Z"),
        updatedAt: new Date("2026-03-03T00:00:00Z"),
      },
    ]);
    const listed = await listMemories(tenant, parse({}), db);
    expect(listed.items.map((i) => [i.preview, i.tags])).toEqual([
      ["object", []],
      ["string", []],
      ["array", ["urgent"]],
    ]);
    for (const params of [
      { tag: "urgent" },
      { tag: ["urgent", "other"] },
      { tag: ["urgent"], tagMode: "all" },
    ] as Params[]) {
      const query = parse(params);
      const result = await listMemories(tenant, query, db);
      expect(
        result.items.map((i) => i.preview),
        JSON.stringify(params),
      ).toEqual(["array"]);
      expect(result.items.map((i) => i.id)).toEqual(referenceIds(shapes, tenant, query.filters, "created_at", "desc"));
      expect(await countMatching(tenant, query.filters, db)).toBe(1);
    }
  });
});

describe.each(testDatabases)(`more than MAX_OFFSET memories on $name`, (database) => {
  let conn: Connection;
  let db: Database;
  const tenant: Tenant = { projectId: "big", userId: "bulk" };
  const rows = MAX_OFFSET + 5;

  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
    // Three rows per second, so created_at ties are everywhere; a neighbour tenant in the same project.
    await rawQuery(
      conn,
      `insert into memory_logs (user_id, project_id, raw_data, created_at, updated_at)
       select $1, $2, jsonb_build_object('content', 'row ' || g, 'tags', jsonb_build_array('bulk', 'n' || (g % 4))),
              timestamp '2026-01-01' + (g / 3) * interval '1 second', timestamp '2026-01-01' + (g % 7) * interval '1 hour'
         from generate_series(1, $3::int) g`,
      [tenant.userId, tenant.projectId, rows],
    );
    await rawQuery(
      conn,
      `insert into memory_logs (user_id, project_id, raw_data) values ('other', 'big', '{"content": "row 1", "tags": ["bulk"]}')`,
    );
  });
  afterAll(() => conn?.close());

  it("counts the whole tenant exactly, a filtered total up to COUNT_CAP or as 'at least', and countMatching exactly", async () => {
    const none = parse({}).filters;
    expect(await countMemories(tenant, none, db)).toEqual({ value: rows, exact: true });
    expect((await listMemories(tenant, parse({ limit: "10" }), db)).total).toEqual({ value: rows, exact: true });
    expect(await countMatching(tenant, none, db)).toBe(rows);

    // One tag alone: exact, from the kept facet counts.
    const bulk = parse({ tag: "bulk" }).filters;
    expect(await countMemories(tenant, bulk, db)).toEqual({ value: rows, exact: true });
    expect(await countMatching(tenant, bulk, db)).toBe(rows);

    // An indexed filter past the cap: "at least COUNT_CAP".
    const dated = parse({ from: "2025-01-01" }).filters;
    expect(await countMemories(tenant, dated, db)).toEqual({ value: COUNT_CAP, exact: false });

    // A filter no index answers, on a tenant past COUNT_BUDGET: counted over the newest rows, as "at least".
    const text = parse({ q: "row 1" }).filters;
    const textTotal = await countMemories(tenant, text, db);
    expect(textTotal.exact).toBe(false);
    expect(textTotal.value).toBeLessThan(await countMatching(tenant, text, db));
    expect(textTotal.value).toBeGreaterThan(0);
    // The page's own total never says fewer than the page shows.
    const deep = await listMemories(tenant, parse({ q: "row 1", page: "20", limit: "50" }), db);
    expect(deep.items).toHaveLength(50);
    expect(deep.total.value).toBeGreaterThanOrEqual(19 * 50 + 50 + 1);

    // Below the cap an indexed filter's total is exact again: three rows a second, from g = 9000 on.
    const late = parse({ from: "2026-01-01T00:50:00Z" }).filters;
    expect(rows - 9000 + 1).toBeLessThan(COUNT_CAP);
    expect(await countMemories(tenant, late, db)).toEqual({ value: rows - 9000 + 1, exact: true });
    expect(await countMatching(tenant, late, db)).toBe(rows - 9000 + 1);
  });

  it("refuses page numbers that reach past MAX_OFFSET, naming the page parameter", () => {
    expect(parse({ limit: "200", page: String(MAX_OFFSET / 200) }).page).toBe(MAX_OFFSET / 200);
    for (const [limit, page] of [
      ["200", MAX_OFFSET / 200 + 1],
      ["10", MAX_OFFSET / 10 + 1],
      ["50", 1_000_000],
    ] as const) {
      let caught: unknown;
      try {
        parse({ limit, page: String(page) });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).field).toBe("page");
    }
  });

  const expectedIds = async (orderBy: string, offset: number, limit: number) =>
    (
      await rawQuery<{ id: number }>(
        conn,
        `select id from memory_logs where user_id = $1 and project_id = $2 order by ${orderBy} offset $3 limit $4`,
        [tenant.userId, tenant.projectId, offset, limit],
      )
    ).map((r) => r.id);

  it.each([
    ["id", "desc", "id desc"],
    ["id", "asc", "id asc"],
    ["created_at", "desc", "coalesce(created_at, '-infinity') desc, id desc"],
    ["created_at", "asc", "coalesce(created_at, '-infinity') asc, id asc"],
    ["updated_at", "desc", "coalesce(updated_at, '-infinity') desc, id desc"],
  ] as const)("continues by cursor past MAX_OFFSET (%s %s)", async (sort, order, orderBy) => {
    const base = { sort, order, limit: "200" };
    const last = MAX_OFFSET / 200;
    const page49 = await listMemories(tenant, parse({ ...base, page: String(last - 1) }), db);
    const page50 = await listMemories(tenant, parse({ ...base, page: String(last) }), db);
    expect(page50.items.map((i) => i.id)).toEqual(await expectedIds(orderBy, (last - 1) * 200, 200));

    // The cursor of page 49 leads to page 50; the cursor of page 50 to the rows beyond MAX_OFFSET.
    const after49 = await listMemories(tenant, parse({ ...base, cursor: page49.nextCursor! }), db);
    expect(after49.items.map((i) => i.id)).toEqual(page50.items.map((i) => i.id));
    const beyond = await listMemories(tenant, parse({ ...base, cursor: page50.nextCursor! }), db);
    const tail = await expectedIds(orderBy, MAX_OFFSET, 200);
    expect(tail).toHaveLength(rows - MAX_OFFSET);
    expect(beyond.items.map((i) => i.id)).toEqual(tail);
    expect(beyond.nextCursor).toBeNull();
    expect(beyond.total).toEqual({ value: rows, exact: true });
  });
});
