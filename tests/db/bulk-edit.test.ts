import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/db/app-error";
import type { Connection, Database } from "@/db/connect";
import { countMatching } from "@/db/queries/memory-count";
import { memoryLogs } from "@/db/schema";
import { applyBulkEdit, bulkEditSchema } from "@/lib/bulk-edit";
import { revertChange } from "@/lib/memory-operations";
import { parseMemoryFilters } from "@/lib/memory-query/params";
import { openMigrated, rawQuery, testDatabases } from "../support/databases";

const by = { by: "editor@example.com" };
const edit = (input: unknown) => bulkEditSchema.parse(input);

describe.each(testDatabases)("bulk edit on $name", (database) => {
  let conn: Connection;
  let db: Database;
  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
  });
  afterAll(() => conn.close());

  const rawOf = async (ids: number[]) =>
    (
      await rawQuery<{ id: number; raw: string; updated: string }>(
        conn,
        "select id, raw_data::text as raw, updated_at::text as updated from memory_logs where id = any($1::int[]) order by id",
        [`{${ids.join(",")}}`],
      )
    ).map((r) => ({ ...r, raw: JSON.parse(r.raw) as unknown }));

  const seed = async (userId: string, rows: unknown[]) =>
    (
      await db
        .insert(memoryLogs)
        .values(rows.map((r) => ({ projectId: "p", userId, rawData: JSON.stringify(r) })))
        .returning({ id: memoryLogs.id })
    ).map((r) => r.id);

  it("adds and removes tags and sets the component, touching nothing else; what is already so is not written", async () => {
    const tenant = { projectId: "p", userId: "bulk-tags" };
    const ids = await seed(tenant.userId, [
      { text: "one", tags: ["old", "keep", 7, "old"], component: "api", nested: { a: [1, 2] } },
      { text: "two" },
      { text: "three", tags: ["keep", "new"], component: "web" },
      { text: "four", tags: "not a list" },
      ["not", "an", "object"],
    ]);
    const before = await rawOf(ids);
    const result = await applyBulkEdit(
      tenant,
      { ids: [...ids, 999_999_999] },
      edit({ addTags: ["new", " new "], removeTags: ["old"], component: "web" }),
      { ...by, db },
    );
    expect(result.matched).toBe(5);
    expect(result.notFound).toEqual([999_999_999]);
    expect(result.skipped).toEqual([ids[3], ids[4]]);
    expect(result.updatedIds).toEqual([ids[0], ids[1]]);
    expect(result.unchanged).toBe(1);

    const after = await rawOf(ids);
    // Every copy of a removed tag goes; kept tags keep their order, a tag that is not text stays, added ones follow.
    expect(after[0]!.raw).toEqual({ text: "one", tags: ["keep", 7, "new"], component: "web", nested: { a: [1, 2] } });
    expect(after[1]!.raw).toEqual({ text: "two", tags: ["new"], component: "web" });
    // Already tagged "new" and of component web: left as stored, updated_at included.
    expect(after[2]).toEqual(before[2]);
    expect(after[3]).toEqual(before[3]);
    expect(after[4]).toEqual(before[4]);
    expect(after[0]!.updated).not.toBe(before[0]!.updated);

    // Removing from a memory without tags adds no empty list.
    const removal = await applyBulkEdit(tenant, { ids: [ids[1]!] }, edit({ removeTags: ["absent"] }), { ...by, db });
    expect(removal.updated).toBe(0);
    expect(removal.unchanged).toBe(1);
  });

  it("reverts as one change: every memory it wrote gets its raw_data back exactly", async () => {
    const tenant = { projectId: "p", userId: "bulk-revert" };
    const ids = await seed(
      tenant.userId,
      Array.from({ length: 40 }, (_, i) => ({ text: `memory ${i}`, tags: i % 2 ? ["odd"] : [], "weird key": i })),
    );
    const before = await rawOf(ids);
    const done = await applyBulkEdit(tenant, { ids }, edit({ addTags: ["reviewed"], removeTags: ["odd"] }), {
      ...by,
      db,
    });
    expect(done.updated).toBe(40);
    const reverted = await revertChange(tenant, done.operation, { ...by, db });
    expect(reverted.reverted).toHaveLength(40);
    expect((await rawOf(ids)).map((r) => r.raw)).toEqual(before.map((r) => r.raw));
  });

  it("on all matching a filter: only the tenant's matching memories, and only while the count is the one confirmed", async () => {
    const tenant = { projectId: "p", userId: "bulk-filter" };
    const ids = await seed(tenant.userId, [
      { text: "a", tags: ["bug"] },
      { text: "b", tags: ["bug", "ui"] },
      { text: "c", tags: ["feature"] },
    ]);
    const [other] = await seed("bulk-filter-other", [{ text: "other", tags: ["bug"] }]);
    const filters = parseMemoryFilters(new URLSearchParams("tag=bug"));

    const stale = applyBulkEdit(tenant, { filters, expectedCount: 3 }, edit({ addTags: ["triaged"] }), { ...by, db });
    await expect(stale).rejects.toThrow(AppError);
    await expect(stale).rejects.toThrow(/now matches 2 memories, not the 3/);
    expect((await rawOf(ids)).every((r) => !JSON.stringify(r.raw).includes("triaged"))).toBe(true);

    const done = await applyBulkEdit(tenant, { filters, expectedCount: 2 }, edit({ addTags: ["triaged"] }), {
      ...by,
      db,
    });
    expect(done.updatedIds).toEqual([ids[0], ids[1]]);
    expect((await rawOf([other!]))[0]!.raw).toEqual({ text: "other", tags: ["bug"] });
    // The list's tag filter finds them by the new tag.
    expect(await countMatching(tenant, parseMemoryFilters(new URLSearchParams("tag=triaged")), db)).toBe(2);
  });

  it("ids of another user are not found, not edited", async () => {
    const [theirs] = await seed("bulk-owner", [{ text: "theirs", tags: [] }]);
    const result = await applyBulkEdit(
      { projectId: "p", userId: "bulk-intruder" },
      { ids: [theirs!] },
      edit({ addTags: ["x"] }),
      { ...by, db },
    );
    expect(result).toMatchObject({ matched: 0, updated: 0, notFound: [theirs] });
    expect((await rawOf([theirs!]))[0]!.raw).toEqual({ text: "theirs", tags: [] });
  });
});

describe("a bulk edit's input", () => {
  const problem = (input: unknown) => {
    const parsed = bulkEditSchema.safeParse(input);
    return parsed.success ? null : parsed.error.issues.map((i) => i.message).join("; ");
  };
  it("refuses an edit that changes nothing, blank or over-long tags, and a tag both added and removed", () => {
    expect(problem({})).toMatch(/Say what to change/);
    expect(problem({ addTags: ["  "] })).toMatch(/must not be blank/);
    expect(problem({ addTags: ["x".repeat(201)] })).toMatch(/longer than 200/);
    expect(problem({ addTags: ["a"], removeTags: ["a"] })).toMatch(/both added and removed/);
    expect(problem({ addTags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).toMatch(/At most 50/);
    expect(problem({ component: "a\u0000b" })).toMatch(/NUL/);
    expect(problem({ addTags: "bug" })).toMatch(/list of tags/);
  });
  it("trims tags and drops repeats", () => {
    expect(bulkEditSchema.parse({ addTags: [" bug", "bug "] })).toEqual({ addTags: ["bug"], removeTags: [] });
  });
});
