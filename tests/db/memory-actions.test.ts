import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { revalidatePath } from "next/cache";
import {
  createMemoryAction,
  deleteMatchingAction,
  deleteMemoriesAction,
  deleteMemoryAction,
  previewDeleteMatchingAction,
  reembedMemoriesAction,
  updateMemoryAction,
} from "@/app/projects/[projectId]/users/[userId]/actions";
import type { Connection, Database } from "@/db/connect";
import { getMemory } from "@/db/queries/memory-read";
import { memoryLogs } from "@/db/schema";
import type { Tenant } from "@/db/tenant";
import type { ActionResult } from "@/lib/actions/define-action";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { tenantPath } from "@/lib/paths";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawQuery, testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

// The dashboard's server actions, called as the client calls them: one plain object in, one
// result object out. None may throw, reach another tenant, or change a row when refused.

const ACME = "acme";
const ALICE: Tenant = { projectId: ACME, userId: "alice@example.com" };
const TEAM: Tenant = { projectId: ACME, userId: "team/alpha" };
const JP: Tenant = { projectId: "beta/β", userId: "ユーザー" };
const MISSING_ID = 2_147_483_647;
const OPERATION = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const VERSION = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;

type Row = {
  id: number;
  project_id: string;
  user_id: string;
  raw_data: unknown;
  dims: number | null;
  updated_at: string;
  row: string;
};

describe.each(testDatabases)("server actions on $name", (database) => {
  let conn: Connection;
  let close: () => Promise<void>;

  /** Every row of memory_logs as PostgreSQL prints it. */
  const snapshot = async (where = "true", params: unknown[] = []) =>
    (
      await rawQuery<{ row: string }>(
        conn,
        `select m::text as row from (select * from memory_logs where ${where} order by id) m`,
        params,
      )
    )
      .map((r) => r.row)
      .join("\n");
  const othersThan = (t: Tenant) => snapshot("not (project_id = $1 and user_id = $2)", [t.projectId, t.userId]);
  /** A row with raw_data parsed from the database's JSON text (for comparing plain values). */
  const row = async (id: number): Promise<Row | undefined> =>
    (
      await rawQuery<Row & { raw_data: string }>(
        conn,
        `select id, project_id, user_id, raw_data, vector_dims(embedding) as dims, updated_at::text as updated_at, m::text as row
           from memory_logs m where id = $1`,
        [id],
      )
    ).map((r) => ({ ...r, raw_data: JSON.parse(r.raw_data) as unknown }))[0];
  const insert = async (tenant: Tenant, rawData: Record<string, unknown>, embedded = false): Promise<number> => {
    const db: Database = conn.db;
    const [r] = await db
      .insert(memoryLogs)
      .values({
        ...tenant,
        rawData: JSON.stringify(rawData),
        embedding: embedded ? hashingEmbedding(JSON.stringify(rawData)) : null,
      })
      .returning({ id: memoryLogs.id });
    return r!.id;
  };
  const versionOf = async (tenant: Tenant, id: number) => (await getMemory(tenant, id))!.version;
  const ok = <T>(result: ActionResult<T>): T => {
    if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
    return result.data;
  };

  beforeAll(async () => {
    ({ conn, close } = await openAppDatabase(database));
    actAs((await createAdmin(conn.db)).session);
    // Every tenant starts with some memories, so another tenant's ids exist and can be aimed at.
    for (const t of [ALICE, TEAM, JP]) {
      await insert(t, { content: `first memory of ${t.userId}`, tags: ["shared"] }, true);
      await insert(t, { content: `second memory of ${t.userId}`, tags: ["shared", "purge"] }, false);
    }
  });
  afterAll(() => close());
  beforeEach(() => vi.mocked(revalidatePath).mockClear());

  describe("createMemoryAction", () => {
    it("creates a memory embedded from its content or text, in the caller's tenant only", async () => {
      const others = await othersThan(ALICE);
      const result = await createMemoryAction({
        ...ALICE,
        rawData: JSON.stringify({ content: "buy milk", tags: ["home"] }),
      });
      expect(result).toEqual({
        ok: true,
        data: {
          id: expect.any(Number),
          version: expect.stringMatching(VERSION),
          hasEmbedding: true,
          // Which embedder made the vector, as the audit entry and the history name it.
          embedder: expect.stringContaining("hashing"),
        },
      });
      const data = ok(result);
      expect(await row(data.id)).toMatchObject({
        project_id: ACME,
        user_id: ALICE.userId,
        raw_data: { content: "buy milk", tags: ["home"] },
        dims: 768,
      });
      expect(await versionOf(ALICE, data.id)).toBe(data.version);
      expect(vi.mocked(revalidatePath)).toHaveBeenCalledWith(tenantPath(ALICE), "layout");

      const text = ok(await createMemoryAction({ ...JP, rawData: '{"text":"日本語のテキスト"}' }));
      expect(text.hasEmbedding).toBe(true);
      expect(await row(text.id)).toMatchObject({ project_id: JP.projectId, user_id: JP.userId, dims: 768 });
      expect(
        await othersThan(ALICE).then((s) =>
          s
            .split("\n")
            .filter((l) => !l.startsWith(`(${text.id},`))
            .join("\n"),
        ),
      ).toBe(others);
    });

    it.each([
      ["no content or text", { tags: ["x"], meta: { a: 1 } }],
      ["blank content", { content: "   " }],
      ["content that is not a string", { content: 42, text: ["a"] }],
      ["an empty object", {}],
    ])("creates a memory without embedding when it has %s", async (_, rawData) => {
      const data = ok(await createMemoryAction({ ...TEAM, rawData: JSON.stringify(rawData) }));
      expect(data).toEqual({
        id: expect.any(Number),
        version: expect.stringMatching(VERSION),
        hasEmbedding: false,
        embedder: null,
      });
      expect(await row(data.id)).toMatchObject({
        project_id: ACME,
        user_id: TEAM.userId,
        raw_data: rawData,
        dims: null,
      });
    });
  });

  describe("updateMemoryAction", () => {
    it("replaces raw_data with the version it was opened at, and refuses a stale version as a conflict", async () => {
      const created = ok(await createMemoryAction({ ...ALICE, rawData: '{"content":"original"}' }));
      const first = await updateMemoryAction({
        ...ALICE,
        id: created.id,
        rawData: '{"content":"first edit"}',
        version: created.version,
      });
      expect(first).toEqual({
        ok: true,
        data: { id: created.id, version: expect.stringMatching(VERSION), unchanged: false },
      });
      const v1 = ok(first).version;
      expect(v1).not.toBe(created.version);
      expect((await row(created.id))?.raw_data).toEqual({ content: "first edit" });
      expect(await versionOf(ALICE, created.id)).toBe(v1);

      const afterFirst = await snapshot();
      vi.mocked(revalidatePath).mockClear();
      const stale = await updateMemoryAction({
        ...ALICE,
        id: created.id,
        rawData: '{"content":"second edit"}',
        version: created.version,
      });
      expect(stale).toMatchObject({
        ok: false,
        code: "conflict",
        error: expect.stringContaining("changed since you opened it"),
      });
      expect((await row(created.id))?.raw_data).toEqual({ content: "first edit" });
      expect(await snapshot()).toBe(afterFirst);
      expect(vi.mocked(revalidatePath)).not.toHaveBeenCalled();

      // The id as URL text works too, with the current version.
      const second = ok(
        await updateMemoryAction({
          ...ALICE,
          id: String(created.id),
          rawData: '{"content":"second edit"}',
          version: v1,
        }),
      );
      expect(second.version).not.toBe(v1);
      expect((await row(created.id))?.raw_data).toEqual({ content: "second edit" });
    });

    it("answers not_found for a missing id or another tenant's id, even with its right version, and changes nothing", async () => {
      const before = await snapshot();
      const missing = await updateMemoryAction({
        ...ALICE,
        id: MISSING_ID,
        rawData: '{"content":"x"}',
        version: "2026-01-01 00:00:00.000000",
      });
      expect(missing).toMatchObject({ ok: false, code: "not_found", error: expect.any(String) });

      const teamId = await insert(TEAM, { content: "team secret" });
      const jpId = await insert(JP, { content: "jp secret" });
      const guarded = await snapshot();
      for (const [owner, id] of [
        [TEAM, teamId],
        [JP, jpId],
      ] as const) {
        const version = await versionOf(owner, id);
        const result = await updateMemoryAction({ ...ALICE, id, rawData: '{"content":"stolen"}', version });
        expect(result).toEqual({
          ok: false,
          code: "not_found",
          error: missing.ok ? "" : missing.error.replace(String(MISSING_ID), String(id)),
        });
      }
      expect(await snapshot()).toBe(guarded);
      expect(before).not.toBe(guarded);
    });
  });

  describe("reembedMemoriesAction", () => {
    it("reports updated, notFound (missing or another tenant's) and withoutText, touching only the tenant's rows", async () => {
      const withText = await insert(ALICE, { content: "needs an embedding" }, false);
      const stale = await insert(ALICE, { text: "has a wrong embedding" }, true);
      const textless = await insert(ALICE, { tags: ["no text"] }, false);
      const teamId = await insert(TEAM, { content: "team text" }, false);
      const others = await othersThan(ALICE);
      const textlessBefore = (await row(textless))!.row;

      const result = await reembedMemoriesAction({
        ...ALICE,
        ids: [withText, stale, textless, teamId, MISSING_ID, withText],
      });
      expect(result.ok).toBe(true);
      const data = ok(result);
      expect(sort(data.updated)).toEqual(sort([withText, stale]));
      expect(sort(data.notFound)).toEqual(sort([teamId, MISSING_ID]));
      expect(data.withoutText).toEqual([textless]);

      expect((await row(withText))?.dims).toBe(768);
      const { embedding } = (await getMemory(ALICE, stale))!;
      expect(embedding?.map(Math.fround)).toEqual(hashingEmbedding("has a wrong embedding").map(Math.fround));
      expect((await row(textless))?.row).toBe(textlessBefore);
      expect((await row(teamId))?.dims).toBeNull();
      expect(await othersThan(ALICE)).toBe(others);
    });

    it("reports ids of other tenants only as notFound", async () => {
      const teamId = await insert(TEAM, { content: "team text" }, false);
      const before = await snapshot();
      expect(await reembedMemoriesAction({ ...JP, ids: [teamId] })).toEqual({
        ok: true,
        data: { updated: [], notFound: [teamId], withoutText: [], changed: [], operation: expect.any(String) },
      });
      expect(await snapshot()).toBe(before);
    });
  });

  describe("deleteMemoryAction and deleteMemoriesAction", () => {
    it("deletes one memory of the tenant; a missing or another tenant's id is not_found and stays", async () => {
      const mine = await insert(ALICE, { content: "delete me" });
      const teamId = await insert(TEAM, { content: "keep me" });
      expect(await deleteMemoryAction({ ...ALICE, id: mine })).toEqual({
        ok: true,
        data: { deleted: mine, operation: OPERATION },
      });
      expect(await row(mine)).toBeUndefined();

      const before = await snapshot();
      expect(await deleteMemoryAction({ ...ALICE, id: mine })).toMatchObject({ ok: false, code: "not_found" });
      expect(await deleteMemoryAction({ ...ALICE, id: teamId })).toMatchObject({ ok: false, code: "not_found" });
      expect(await deleteMemoryAction({ ...JP, id: String(teamId) })).toMatchObject({ ok: false, code: "not_found" });
      expect(await snapshot()).toBe(before);
      expect(await row(teamId)).toBeDefined();
    });

    it("deletes several, answering the count deleted and the ids not found (missing or another tenant's)", async () => {
      const a = await insert(ALICE, { content: "a" });
      const b = await insert(ALICE, { content: "b" });
      const teamId = await insert(TEAM, { content: "team" });
      const jpId = await insert(JP, { content: "jp" });
      const others = await othersThan(ALICE);
      const result = await deleteMemoriesAction({ ...ALICE, ids: [a, teamId, b, MISSING_ID, a, jpId] });
      expect(result).toEqual({
        ok: true,
        data: { deleted: 2, notFound: [teamId, MISSING_ID, jpId], operation: OPERATION },
      });
      expect(await row(a)).toBeUndefined();
      expect(await row(b)).toBeUndefined();
      expect(await othersThan(ALICE)).toBe(others);

      const before = await snapshot();
      expect(await deleteMemoriesAction({ ...ALICE, ids: [teamId, jpId] })).toEqual({
        ok: true,
        data: { deleted: 0, notFound: [teamId, jpId], operation: OPERATION },
      });
      expect(await snapshot()).toBe(before);
    });
  });

  describe("previewDeleteMatchingAction and deleteMatchingAction", () => {
    it("previews the count, then deletes exactly the tenant's matching rows", async () => {
      const targets = [
        await insert(ALICE, { content: "old 1", tags: ["purge-me"] }),
        await insert(ALICE, { content: "old 2", tags: ["purge-me", "x"] }, true),
        await insert(ALICE, { content: "old 3", tags: ["purge-me"], component: "chat" }),
      ];
      const keep = await insert(ALICE, { content: "old 4", tags: ["keep"] });
      await insert(TEAM, { content: "team old", tags: ["purge-me"] });
      await insert(JP, { content: "jp old", tags: ["purge-me"] });
      const others = await othersThan(ALICE);
      const keptOfAlice = await snapshot(
        `project_id = $1 and user_id = $2 and not coalesce(raw_data->'tags' ? 'purge-me', false)`,
        [ALICE.projectId, ALICE.userId],
      );

      const preview = await previewDeleteMatchingAction({ ...ALICE, filters: "tag=purge-me&limit=10&page=3&sort=id" });
      expect(preview).toEqual({ ok: true, data: { count: 3, filtered: true } });
      const result = await deleteMatchingAction({ ...ALICE, filters: "tag=purge-me", expectedCount: 3 });
      expect(result).toEqual({ ok: true, data: { deleted: 3, operation: OPERATION } });
      for (const id of targets) expect(await row(id)).toBeUndefined();
      expect(await row(keep)).toBeDefined();
      expect(await othersThan(ALICE)).toBe(others);
      expect(await snapshot(`project_id = $1 and user_id = $2`, [ALICE.projectId, ALICE.userId])).toBe(keptOfAlice);
      expect(await previewDeleteMatchingAction({ ...ALICE, filters: "tag=purge-me" })).toEqual({
        ok: true,
        data: { count: 0, filtered: true },
      });
    });

    it("says whether the filters narrow the list (a tag mode alone does not), and deletes by updated_at range", async () => {
      const all = (
        await rawQuery<{ n: number }>(
          conn,
          "select count(*)::int as n from memory_logs where project_id = $1 and user_id = $2",
          [ALICE.projectId, ALICE.userId],
        )
      )[0]!.n;
      for (const filters of ["", "tagMode=all", "sort=id&limit=10"]) {
        expect(ok(await previewDeleteMatchingAction({ ...ALICE, filters }))).toEqual({ count: all, filtered: false });
      }
      const old = await insert(ALICE, { content: "edited long ago" });
      await rawQuery(conn, "update memory_logs set updated_at = '2001-02-03 04:05:06' where id = $1", [old]);
      const filters = "updatedTo=2001-02-03";
      expect(ok(await previewDeleteMatchingAction({ ...ALICE, filters }))).toEqual({ count: 1, filtered: true });
      expect(ok(await deleteMatchingAction({ ...ALICE, filters, expectedCount: 1 })).deleted).toBe(1);
      const left = await rawQuery<{ id: number }>(conn, "select id from memory_logs where id = $1", [old]);
      expect(left).toEqual([]);
    });

    it.each([["to=9999-12-31"], ["to=9999-12-31T23:59:59.999Z"]])(
      "answers filters with %s (a date the parser accepts) with a count or as invalid, never as unavailable",
      async (filters) => {
        const before = await snapshot();
        const mine = (
          await rawQuery<{ n: number }>(
            conn,
            "select count(*)::int as n from memory_logs where project_id = $1 and user_id = $2",
            [ALICE.projectId, ALICE.userId],
          )
        )[0]!.n;
        const preview = await previewDeleteMatchingAction({ ...ALICE, filters });
        expect(preview.ok ? preview.data : preview.code).toEqual(
          preview.ok ? { count: mine, filtered: true } : "invalid",
        );
        const result = await deleteMatchingAction({ ...ALICE, filters, expectedCount: mine + 1 });
        expect(result.ok ? "ok" : result.code).toMatch(/^(conflict|invalid)$/);
        expect(await snapshot()).toBe(before);
      },
    );

    it("refuses with conflict and deletes nothing when the count changed since the preview", async () => {
      for (let i = 0; i < 3; i++) await insert(ALICE, { content: `stale ${i}`, tags: ["stale"] });
      const filters = "tag=stale";
      const { count } = ok(await previewDeleteMatchingAction({ ...ALICE, filters }));
      expect(count).toBe(3);
      await insert(ALICE, { content: "arrived after the preview", tags: ["stale"] });
      const before = await snapshot();

      const result = await deleteMatchingAction({ ...ALICE, filters, expectedCount: count });
      expect(result).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/4/) });
      expect(await snapshot()).toBe(before);
      expect(await deleteMatchingAction({ ...ALICE, filters, expectedCount: 5 })).toMatchObject({
        ok: false,
        code: "conflict",
      });
      expect(await snapshot()).toBe(before);

      expect(await deleteMatchingAction({ ...ALICE, filters, expectedCount: 4 })).toEqual({
        ok: true,
        data: { deleted: 4, operation: OPERATION },
      });
    });

    it("never reaches another tenant, even when only other tenants' rows match", async () => {
      await insert(TEAM, { content: "only the team has this", tags: ["team-only"] });
      const before = await snapshot();
      expect(await previewDeleteMatchingAction({ ...ALICE, filters: "tag=team-only" })).toEqual({
        ok: true,
        data: { count: 0, filtered: true },
      });
      expect(await deleteMatchingAction({ ...ALICE, filters: "tag=team-only", expectedCount: 0 })).toEqual({
        ok: true,
        data: { deleted: 0, operation: OPERATION },
      });
      expect(await deleteMatchingAction({ ...ALICE, filters: "tag=team-only", expectedCount: 1 })).toMatchObject({
        ok: false,
        code: "conflict",
      });
      expect(await snapshot()).toBe(before);
    });

    it("treats quotes, wildcards, backslashes and SQL in filter values as literal text", async () => {
      const nasty = "'; drop table memory_logs; --";
      const literal = await insert(ALICE, {
        content: `50% off_now \\ 'q' "dq"`,
        tags: [nasty],
        meta: { source: nasty },
      });
      await insert(ALICE, { content: "5000 offxnow plain" });
      const before = await snapshot();
      const count = async (params: [string, string][]) =>
        ok(await previewDeleteMatchingAction({ ...ALICE, filters: new URLSearchParams(params).toString() })).count;
      expect(await count([["q", "50% off_now \\"]])).toBe(1);
      expect(await count([["q", "%"]])).toBe(1);
      expect(await count([["q", "off_now"]])).toBe(1);
      expect(await count([["q", "0%"]])).toBe(1);
      expect(await count([["tag", nasty]])).toBe(1);
      expect(
        await count([
          ["path", "meta.source"],
          ["value", nasty],
        ]),
      ).toBe(1);
      for (const q of [nasty, "5_%", "%%", "\\\\"]) expect(await count([["q", q]]), q).toBe(0);
      expect(await snapshot()).toBe(before);

      const result = await deleteMatchingAction({
        ...ALICE,
        filters: new URLSearchParams([["tag", nasty]]).toString(),
        expectedCount: 1,
      });
      expect(result).toEqual({ ok: true, data: { deleted: 1, operation: OPERATION } });
      expect(await row(literal)).toBeUndefined();
      const [table] = await rawQuery<{ name: string | null }>(conn, "select to_regclass('memory_logs')::text as name");
      expect(table?.name).toBe("memory_logs");
    });
  });

  describe("refuse bad input with code invalid, a message, and no change", () => {
    const long = "p".repeat(300);
    let own = 0;
    let ownVersion = "";
    beforeAll(async () => {
      own = await insert(ALICE, { content: "the target of bad input", tags: ["bad-input"] }, true);
      ownVersion = await versionOf(ALICE, own);
    });

    type Call = () => Promise<ActionResult<unknown>>;
    const cases: [string, Call][] = [];
    const add = (name: string, call: Call) => cases.push([name, call]);
    const asAny = <T>(v: unknown) => v as T;

    const badRawData: [string, string][] = [
      ["malformed JSON", '{"content": "x",'],
      ["an empty string", ""],
      ["a JSON array", '[{"content":"x"}]'],
      ["a JSON string", '"just text"'],
      ["a number", "42"],
      ["null", "null"],
      ["true", "true"],
      ["over 256 KB", JSON.stringify({ content: "x".repeat(300 * 1024) })],
      ["over 512 KB", JSON.stringify({ content: "é".repeat(400 * 1024) })],
      ["an escaped \\u0000", '{"content":"a\\u0000b"}'],
      ["a raw NUL character", '{"content":"a\u0000b"}'],
      ["a \\u0000 in a key", '{"a\\u0000":"b"}'],
      ["a lone surrogate", '{"content":"\\ud800"}'],
      ["a number numeric cannot hold", '{"n":1e131072}'],
      ["a key written twice", '{"content":"x","content":"y"}'],
    ];
    for (const [name, rawData] of badRawData) {
      add(`create: rawData ${name}`, () => createMemoryAction({ ...ALICE, rawData }));
      add(`update: rawData ${name}`, () => updateMemoryAction({ ...ALICE, id: own, rawData, version: ownVersion }));
    }
    for (const [name, rawData] of [
      ["a number value", 42],
      ["null", null],
      ["an object", { content: "x" }],
      ["undefined", undefined],
    ] as const) {
      add(`create: rawData passed as ${name}`, () => createMemoryAction(asAny({ ...ALICE, rawData })));
    }
    add("update: an empty version", () =>
      updateMemoryAction({ ...ALICE, id: own, rawData: '{"content":"x"}', version: "" }),
    );
    add("update: a 65-character version", () =>
      updateMemoryAction({ ...ALICE, id: own, rawData: '{"content":"x"}', version: "9".repeat(65) }),
    );

    const badIds: [string, unknown][] = [
      ['"abc"', "abc"],
      ["-1", -1],
      ['"-1"', "-1"],
      ["0", 0],
      ["1.5", 1.5],
      ['"1.5"', "1.5"],
      ["99999999999", 99999999999],
      ['"99999999999"', "99999999999"],
      ['"1e99"', "1e99"],
      ["NaN", Number.NaN],
      ["null", null],
    ];
    for (const [name, id] of badIds) {
      add(`update: id ${name}`, () =>
        updateMemoryAction(asAny({ ...ALICE, id, rawData: '{"content":"x"}', version: ownVersion })),
      );
      add(`deleteMemory: id ${name}`, () => deleteMemoryAction(asAny({ ...ALICE, id })));
      add(`deleteMemories: ids [own, ${name}]`, () => deleteMemoriesAction(asAny({ ...ALICE, ids: [own, id] })));
      add(`reembed: ids [own, ${name}]`, () => reembedMemoriesAction(asAny({ ...ALICE, ids: [own, id] })));
    }
    add("deleteMemories: ids empty", () => deleteMemoriesAction({ ...ALICE, ids: [] }));
    add("reembed: ids empty", () => reembedMemoriesAction({ ...ALICE, ids: [] }));
    add("deleteMemories: 1001 ids", () =>
      deleteMemoriesAction({ ...ALICE, ids: [own, ...Array.from({ length: 1000 }, (_, i) => i + 1)] }),
    );
    add("deleteMemories: ids not an array", () => deleteMemoriesAction(asAny({ ...ALICE, ids: own })));

    add("deleteMatching: expectedCount -1", () =>
      deleteMatchingAction({ ...ALICE, filters: "tag=bad-input", expectedCount: -1 }),
    );
    add("deleteMatching: expectedCount 1.5", () =>
      deleteMatchingAction({ ...ALICE, filters: "tag=bad-input", expectedCount: 1.5 }),
    );
    add("deleteMatching: expectedCount as text", () =>
      deleteMatchingAction(asAny({ ...ALICE, filters: "tag=bad-input", expectedCount: "1" })),
    );
    add("deleteMatching: no expectedCount", () => deleteMatchingAction(asAny({ ...ALICE, filters: "tag=bad-input" })));
    const badFilters: [string, string][] = [
      ["a JSON path a..b", "tag=bad-input&path=meta..source"],
      ["a JSON path with a space", "tag=bad-input&path=meta%20source"],
      ["a JSON path with quotes", "tag=bad-input&path=meta.%22source%22"],
      ["a JSON path a[x]", "tag=bad-input&path=a%5Bx%5D"],
      ["an impossible from date", "tag=bad-input&from=2026-02-30"],
      ["an impossible to date", "tag=bad-input&to=2026-13-01"],
      ["from after to", "tag=bad-input&from=2026-02-02&to=2026-02-01"],
      ["value without path", "tag=bad-input&value=x"],
      ["exists together with value", "tag=bad-input&path=a&value=x&exists=true"],
      ["tagMode=some", "tag=bad-input&tagMode=some"],
      ["embedding=maybe", "tag=bad-input&embedding=maybe"],
      ["over 20,000 characters", `tag=bad-input&q=${"a".repeat(20_000)}`],
    ];
    for (const [name, filters] of badFilters) {
      add(`preview: filters with ${name}`, () => previewDeleteMatchingAction({ ...ALICE, filters }));
      add(`deleteMatching: filters with ${name}`, () => deleteMatchingAction({ ...ALICE, filters, expectedCount: 1 }));
    }

    const everyAction: [string, (t: Tenant) => Promise<ActionResult<unknown>>][] = [
      ["create", (t) => createMemoryAction({ ...t, rawData: '{"content":"x"}' })],
      ["update", (t) => updateMemoryAction({ ...t, id: own, rawData: '{"content":"x"}', version: ownVersion })],
      ["reembed", (t) => reembedMemoriesAction({ ...t, ids: [own] })],
      ["deleteMemory", (t) => deleteMemoryAction({ ...t, id: own })],
      ["deleteMemories", (t) => deleteMemoriesAction({ ...t, ids: [own] })],
      ["preview", (t) => previewDeleteMatchingAction({ ...t, filters: "tag=bad-input" })],
      ["deleteMatching", (t) => deleteMatchingAction({ ...t, filters: "", expectedCount: 1 })],
    ];
    for (const [name, call] of everyAction) {
      add(`${name}: projectId empty`, () => call({ ...ALICE, projectId: "" }));
      add(`${name}: projectId of 300 characters`, () => call({ ...ALICE, projectId: long }));
      add(`${name}: projectId missing`, () => call(asAny({ userId: ALICE.userId })));
      add(`${name}: userId empty`, () => call({ ...ALICE, userId: "" }));
      add(`${name}: userId of 300 characters`, () => call({ ...ALICE, userId: long }));
      add(`${name}: userId with NUL`, () => call({ ...ALICE, userId: "alice\u0000" }));
    }

    // A lone surrogate cannot be stored in a UTF-8 varchar (it would become U+FFFD, another tenant), and
    // tenantPath's encodeURIComponent throws on it: such a tenant id must be refused, never thrown.
    for (const [name, call] of everyAction.filter(([n]) => !["update", "deleteMemory"].includes(n))) {
      add(`${name}: userId with a lone surrogate`, () => call({ ...ALICE, userId: "alice\ud800" }));
      add(`${name}: projectId with a lone surrogate`, () => call({ ...ALICE, projectId: "\udc00acme" }));
    }

    it.each(cases)("%s", async (_name, call) => {
      const before = await snapshot();
      vi.mocked(revalidatePath).mockClear();
      const result = await call();
      expect(result).toMatchObject({ ok: false, code: "invalid", error: expect.any(String) });
      if (!result.ok) expect(result.error.length).toBeGreaterThan(5);
      expect(await snapshot()).toBe(before);
      expect(vi.mocked(revalidatePath)).not.toHaveBeenCalled();
    });

    it("and the memory they aimed at is intact", async () => {
      expect(await row(own)).toMatchObject({
        raw_data: { content: "the target of bad input", tags: ["bad-input"] },
        dims: 768,
      });
      expect(await versionOf(ALICE, own)).toBe(ownVersion);
    });
  });
});

function sort(ids: number[]): number[] {
  return [...ids].sort((a, b) => a - b);
}
