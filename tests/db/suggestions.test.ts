import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import { PATH_SAMPLE, suggestions } from "@/db/queries/suggestions";
import type { Tenant } from "@/db/tenant";
import { openMigrated, rawQuery, testDatabases } from "../support/databases";

const MAIN: Tenant = { projectId: "alpha", userId: "u1" };
const OTHER: Tenant = { projectId: "alpha", userId: "u2" };

const MAIN_MEMORIES = [
  { tags: ["bug", "build"], component: "build-system", meta: { source: "chat", nested: { level: 1 } } },
  { tags: ["bug", "Bulk"], component: "billing", meta: { source: "api" } },
  { tags: ["bug", "ux", "Bulk"], component: "billing", "bad key": 1, "100%_x": 2 },
  { tags: ["b_g"], entities: [{ type: "person" }] },
  { tags: "bug" }, // not an array: no tag
];

describe.each(testDatabases)("suggestions ($name)", (database) => {
  let conn: Connection;
  let db: Database;

  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
    const insert = (tenant: Tenant, rawData: unknown) =>
      rawQuery(conn, "insert into memory_logs (user_id, project_id, raw_data) values ($1, $2, $3::jsonb)", [
        tenant.userId,
        tenant.projectId,
        JSON.stringify(rawData),
      ]);
    for (const m of MAIN_MEMORIES) await insert(MAIN, m);
    // Another user's values are never offered.
    await insert(OTHER, { tags: ["bubble", "bug"], component: "bucket", other: { key: 1 } });
  });
  afterAll(() => conn?.close());

  it("offers the tags starting with the prefix, in any case, most used first, with their counts", async () => {
    expect(await suggestions(MAIN, "tag", "bu", db)).toEqual({
      items: [
        { value: "bug", count: 3 },
        { value: "Bulk", count: 2 },
        { value: "build", count: 1 },
      ],
      known: false,
    });
    expect(await suggestions(MAIN, "tag", "BUG", db)).toEqual({ items: [{ value: "bug", count: 3 }], known: false });
    expect(await suggestions(MAIN, "tag", "bug", db)).toEqual({ items: [{ value: "bug", count: 3 }], known: true });
  });

  it("takes the prefix literally (no LIKE wildcards) and says when nobody has the value", async () => {
    expect(await suggestions(MAIN, "tag", "b_", db)).toEqual({ items: [{ value: "b_g", count: 1 }], known: false });
    expect(await suggestions(MAIN, "tag", "%", db)).toEqual({ items: [], known: false });
    expect(await suggestions(MAIN, "tag", "nobody", db)).toEqual({ items: [], known: false });
    expect(await suggestions(MAIN, "tag", "bubble", db)).toEqual({ items: [], known: false });
  });

  it("offers the most used values for an empty prefix", async () => {
    const { items, known } = await suggestions(MAIN, "tag", "", db);
    expect(items.slice(0, 2)).toEqual([
      { value: "bug", count: 3 },
      { value: "Bulk", count: 2 },
    ]);
    expect(items).toHaveLength(5);
    expect(known).toBeUndefined();
  });

  it("offers components", async () => {
    expect(await suggestions(MAIN, "component", "b", db)).toEqual({
      items: [
        { value: "billing", count: 2 },
        { value: "build-system", count: 1 },
      ],
      known: false,
    });
    expect((await suggestions(MAIN, "component", "billing", db)).known).toBe(true);
  });

  it("offers JSON paths of object keys a path can name, counted per memory", async () => {
    expect(await suggestions(MAIN, "path", "", db)).toEqual({
      items: [
        { value: "tags", count: 5 },
        { value: "component", count: 3 },
        { value: "meta", count: 2 },
        { value: "meta.source", count: 2 },
        { value: "entities", count: 1 },
        { value: "meta.nested", count: 1 },
        { value: "meta.nested.level", count: 1 },
      ],
    });
    expect(await suggestions(MAIN, "path", "META.n", db)).toEqual({
      items: [
        { value: "meta.nested", count: 1 },
        { value: "meta.nested.level", count: 1 },
      ],
    });
    expect(PATH_SAMPLE).toBe(1_000);
  });
});
