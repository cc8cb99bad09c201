import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import type { MemoryFilters } from "@/db/filters";
import { memoryFacets } from "@/db/queries/facets";
import { countMatching } from "@/db/queries/memory-count";
import type { Tenant } from "@/db/tenant";
import { parseMemoryListQuery } from "@/lib/memory-query/params";
import { seededRandom } from "@/lib/random";
import { openMigrated, testDatabases } from "../support/databases";
import { type FixtureSpec, insertFixture } from "../support/fixture-memories";
import { type FixtureMemory, referenceFacets, referenceMatches, referenceTotal } from "../support/reference-memories";

const MAIN: Tenant = { projectId: "alpha", userId: "u1" };
const OTHER_USER_SAME_PROJECT: Tenant = { projectId: "alpha", userId: "u2" };
const SAME_USER_OTHER_PROJECT: Tenant = { projectId: "beta", userId: "u1" };

type Params = Record<string, string | string[]>;
const filtersOf = (params: Params): MemoryFilters => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) s.append(k, x);
  return parseMemoryListQuery(s).filters;
};

// 26 lowercase words (they sort alike under any collation), drawn with falling frequencies so the
// top 20 cuts some off and equal counts are common.
const TAGS = [
  "alpha",
  "bravo",
  "charlie",
  "delta",
  "echo",
  "foxtrot",
  "golf",
  "hotel",
  "india",
  "juliet",
  "kilo",
  "lima",
  "mike",
  "november",
  "oscar",
  "papa",
  "quebec",
  "romeo",
  "sierra",
  "tango",
  "uniform",
  "victor",
  "whiskey",
  "xray",
  "yankee",
  "zulu",
];
const COMPONENTS = ["auth", "billing", "chat", "search", "settings", "sync", "upload", "webhooks"];
const DAY = 86_400_000;

type Spec = Omit<FixtureSpec, "updatedAt">;

/** Facets do not depend on updated_at: it is the creation time here. */
const insertSpecs = (conn: Connection, specs: Spec[]) =>
  insertFixture(
    conn,
    specs.map((s) => ({ ...s, updatedAt: s.createdAt })),
  );

function buildSpecs(): Spec[] {
  const rand = seededRandom(424242);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const specs: Spec[] = [];
  const memory = (tenant: Tenant, i: number, extraTag?: string): Spec => {
    const rawData: Record<string, unknown> = {
      content: `${pick(["Note", "Reminder", "FACT"])} number ${i} about ${pick(TAGS)}`,
    };
    if (i % 13 === 4)
      rawData.tags = "misc"; // not an array: no tags
    else if (i % 13 === 5)
      rawData.tags = { note: 1 }; // not an array either
    else if (i % 13 !== 6) {
      const tags = TAGS.filter((_, j) => rand() < 0.55 * 0.88 ** j);
      if (extraTag) tags.push(extraTag);
      rawData.tags = tags;
    }
    if (i % 9 === 0) rawData.component = null;
    else if (i % 10 !== 0)
      rawData.component =
        i === 7 ? "" : COMPONENTS[Math.min(COMPONENTS.length - 1, Math.floor(rand() ** 1.5 * COMPONENTS.length))];
    if (i % 3 === 0) rawData.meta = { source: pick(["chat", "email"]), level: 1 + (i % 4) };
    const createdAt = i % 19 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 90) * DAY);
    return { tenant, rawData, embed: rand() < 0.5, createdAt };
  };
  for (let i = 0; i < 90; i++) specs.push(memory(MAIN, i));
  // Non-string elements are counted as their JSON text.
  specs.push({
    tenant: MAIN,
    rawData: { content: "odd elements", tags: ["alpha", 5, true], component: "sync" },
    embed: false,
    createdAt: new Date("2026-02-01T00:00:00Z"),
  });
  // Other tenants, heavy on tags and components of their own: none of them may show in MAIN's facets.
  for (let i = 0; i < 25; i++) specs.push(memory(OTHER_USER_SAME_PROJECT, i, "intruder"));
  for (let i = 0; i < 25; i++) {
    const m = memory(SAME_USER_OTHER_PROJECT, i, "outsider");
    m.rawData.component = "outsider-service";
    specs.push(m);
  }
  return specs;
}

describe.each(testDatabases)("memory facets on $name", (database) => {
  let conn: Connection;
  let db: Database;
  let fixture: FixtureMemory[];

  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
    fixture = await insertSpecs(conn, buildSpecs());
  });
  afterAll(() => conn?.close());

  it("has a fixture with more than 20 tags and ties in the counts", () => {
    const all = referenceFacets(fixture, MAIN, filtersOf({}), 100);
    expect(all.tags.length).toBeGreaterThan(20);
    const counts = all.tags.map((t) => t.count);
    expect(new Set(counts).size).toBeLessThan(counts.length - 3);
    // A tie straddles the cut at 20, so the value order decides what is kept.
    expect(all.tags[19]!.count).toBe(all.tags[20]!.count);
    expect(all.components.map((c) => c.value)).toContain("");
  });

  it("counts the tags and components of all the tenant's memories, top 20 by count then value", async () => {
    const facets = await memoryFacets(MAIN, filtersOf({}), {}, db);
    expect(facets).toEqual(referenceFacets(fixture, MAIN, filtersOf({})));
    expect(facets.tags).toHaveLength(20);
    expect(facets.tags[0]?.value).toBe("alpha");
  });

  it("honours the limit option", async () => {
    for (const limit of [1, 5, 50]) {
      expect(await memoryFacets(MAIN, filtersOf({}), { limit }, db)).toEqual(
        referenceFacets(fixture, MAIN, filtersOf({}), limit),
      );
    }
    const everything = await memoryFacets(MAIN, filtersOf({}), { limit: 50 }, db);
    // Numbers and booleans in a tags array are not tags a filter can match, so they are no facets.
    expect(everything.tags.map((t) => t.value)).not.toEqual(expect.arrayContaining(["5"]));
    expect(everything.tags.map((t) => t.value)).not.toContain("true");
    expect(everything.tags.map((t) => t.value)).not.toContain("misc");
  });

  const FILTERS: [string, Params][] = [
    ["one tag", { tag: "bravo" }],
    ["any of tags", { tag: ["golf", "kilo"] }],
    ["all of tags", { tag: ["alpha", "bravo"], tagMode: "all" }],
    ["a component", { component: "billing" }],
    ["components", { component: ["auth", "sync"] }],
    ["text", { q: "reminder" }],
    ["path equals", { path: "meta.source", value: "chat" }],
    ["path present", { path: "meta", exists: "true" }],
    ["path absent", { path: "meta.level", exists: "false" }],
    ["date range", { from: "2026-01-15", to: "2026-02-28" }],
    ["updated range", { updatedFrom: "2026-01-15", updatedTo: "2026-02-28" }],
    ["with an embedding", { embedding: "with" }],
    ["without an embedding", { embedding: "without" }],
    ["combined", { tag: ["alpha", "charlie"], embedding: "with", from: "2026-01-10" }],
    ["nothing matches", { tag: "nonexistent" }],
  ];

  it.each(FILTERS)("counts only the memories matching the filter: %s", async (_name, params) => {
    const filters = filtersOf(params);
    const expected = referenceFacets(fixture, MAIN, filters);
    expect(await memoryFacets(MAIN, filters, {}, db)).toEqual(expected);
    if (params.tag === "nonexistent") return;
    // The filter is not vacuous.
    const n = referenceTotal(fixture, MAIN, filters);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(referenceTotal(fixture, MAIN, filtersOf({})));
    expect(await countMatching(MAIN, filters, db)).toBe(n);
  });

  // A big user's broad filter is counted over its newest matches (FACET_SAMPLE, 1,000; 30 here).
  describe("over the newest matches when a broad filter would read too many", () => {
    const SAMPLE = 30;
    /** Newest first the way lists sort: a missing creation time is the oldest; then by id. */
    const newestMatches = (filters: MemoryFilters, n: number) =>
      fixture
        .filter((m) => m.userId === MAIN.userId && m.projectId === MAIN.projectId && referenceMatches(m, MAIN, filters))
        .sort((a, b) => (b.createdAt?.getTime() ?? -Infinity) - (a.createdAt?.getTime() ?? -Infinity) || b.id - a.id)
        .slice(0, n);

    it.each([
      ["text", { q: "number" }],
      ["path absent", { path: "meta.level", exists: "false" }],
      ["with an embedding", { embedding: "with" }],
      ["date range", { from: "2026-01-15", to: "2026-03-31" }],
      ["updated range", { updatedFrom: "2026-01-15", updatedTo: "2026-03-31" }],
    ] as [string, Params][])("%s: the newest matches only, and says how many", async (_name, params) => {
      const filters = filtersOf(params);
      expect(referenceTotal(fixture, MAIN, filters)).toBeGreaterThan(SAMPLE);
      const newest = newestMatches(filters, SAMPLE);
      const expected = referenceFacets(newest, MAIN, filters, 50);
      expect(await memoryFacets(MAIN, filters, { limit: 50, sample: SAMPLE }, db)).toEqual({
        ...expected,
        newest: SAMPLE,
      });
      // Not what every match gives: the sample is visible.
      expect(expected).not.toEqual(referenceFacets(fixture, MAIN, filters, 50));
      expect((await memoryFacets(MAIN, filters, { limit: 3, sample: SAMPLE }, db)).tags).toEqual(
        expected.tags.slice(0, 3),
      );
    });

    it("counts every match when there are fewer than the sample, or the filter's index finds them", async () => {
      const few = filtersOf({ q: "reminder", from: "2026-02-01" });
      expect(referenceTotal(fixture, MAIN, few)).toBeLessThan(SAMPLE);
      expect(await memoryFacets(MAIN, few, { sample: SAMPLE }, db)).toEqual(referenceFacets(fixture, MAIN, few));
      // A tag on a user this small is rare enough to gather through its index: exact at any sample.
      const tagged = filtersOf({ tag: "alpha" });
      expect(referenceTotal(fixture, MAIN, tagged)).toBeGreaterThan(SAMPLE);
      expect(await memoryFacets(MAIN, tagged, { sample: SAMPLE }, db)).toEqual(referenceFacets(fixture, MAIN, tagged));
      // A user no larger than the sample is counted whole.
      const broad = filtersOf({ embedding: "with" });
      expect(await memoryFacets(MAIN, broad, { sample: 200 }, db)).toEqual(referenceFacets(fixture, MAIN, broad));
    });
  });

  it("a tag's facet count is the number of memories the tag filter finds", async () => {
    const facets = await memoryFacets(MAIN, filtersOf({}), { limit: 50 }, db);
    for (const { value, count } of facets.tags.filter((t) => /^[a-z]+$/.test(t.value) && t.value !== "true")) {
      expect(await countMatching(MAIN, filtersOf({ tag: value }), db), value).toBe(count);
    }
    for (const { value, count } of facets.components.filter((c) => c.value !== "")) {
      expect(await countMatching(MAIN, filtersOf({ component: value }), db), value).toBe(count);
    }
  });

  it("never counts another tenant's memories", async () => {
    for (const params of [
      {},
      { tag: ["alpha", "intruder", "outsider"] },
      { component: "outsider-service" },
    ] as Params[]) {
      const filters = filtersOf(params);
      const main = await memoryFacets(MAIN, filters, { limit: 50 }, db);
      const values = [...main.tags, ...main.components].map((f) => f.value);
      expect(values).not.toContain("intruder");
      expect(values).not.toContain("outsider");
      expect(values).not.toContain("outsider-service");
      expect(main).toEqual(referenceFacets(fixture, MAIN, filters, 50));
      for (const tenant of [OTHER_USER_SAME_PROJECT, SAME_USER_OTHER_PROJECT]) {
        expect(await memoryFacets(tenant, filters, { limit: 50 }, db)).toEqual(
          referenceFacets(fixture, tenant, filters, 50),
        );
      }
    }
    expect((await memoryFacets(OTHER_USER_SAME_PROJECT, filtersOf({}), {}, db)).tags[0]?.value).toBe("intruder");
    expect(await memoryFacets({ projectId: "alpha", userId: "nobody" }, filtersOf({}), {}, db)).toEqual({
      tags: [],
      components: [],
    });
  });

  // The facets count memories (clicking one filters the list to that many), so a memory that
  // lists a tag twice counts once.
  it("counts a memory that lists a tag twice once", async () => {
    const tenant: Tenant = { projectId: "gamma", userId: "duplicates" };
    const memories = await insertSpecs(conn, [
      {
        tenant,
        rawData: { content: "twice", tags: ["repeat", "repeat", "once"] },
        embed: false,
        createdAt: new Date("2026-01-01T00:00:00Z"),
      },
      {
        tenant,
        rawData: { content: "once", tags: ["repeat"] },
        embed: false,
        createdAt: new Date("2026-01-02T00:00:00Z"),
      },
    ]);
    expect(await countMatching(tenant, filtersOf({ tag: "repeat" }), db)).toBe(2);
    expect(await memoryFacets(tenant, filtersOf({}), {}, db)).toEqual(referenceFacets(memories, tenant, filtersOf({})));
    expect(referenceFacets(memories, tenant, filtersOf({})).tags).toEqual([
      { value: "repeat", count: 2 },
      { value: "once", count: 1 },
    ]);
  });

  // Applications write raw_data as they like; a JSON null among the tags has no text and is skipped.
  it("skips a JSON null inside a tags array instead of failing", async () => {
    const tenant: Tenant = { projectId: "gamma", userId: "null-tags" };
    const memories = await insertSpecs(conn, [
      {
        tenant,
        rawData: { content: "one null", tags: ["kept", null] },
        embed: false,
        createdAt: new Date("2026-01-01T00:00:00Z"),
      },
      {
        tenant,
        rawData: { content: "only null", tags: [null], component: "c" },
        embed: false,
        createdAt: new Date("2026-01-02T00:00:00Z"),
      },
    ]);
    const expected = referenceFacets(memories, tenant, filtersOf({}));
    expect(expected).toEqual({ tags: [{ value: "kept", count: 1 }], components: [{ value: "c", count: 1 }] });
    expect(await memoryFacets(tenant, filtersOf({}), {}, db)).toEqual(expected);
  });
});
