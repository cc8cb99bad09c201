import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { GET as exportGET } from "@/app/api/v1/projects/[projectId]/users/[userId]/export/route";
import { GET as memoryGET } from "@/app/api/v1/projects/[projectId]/users/[userId]/memories/[id]/route";
import {
  createMemoryAction,
  importMemoriesAction,
  updateMemoryAction,
} from "@/app/projects/[projectId]/users/[userId]/actions";
import { listAudit } from "@/db/queries/audit";
import { getMemory } from "@/db/queries/memory-read";
import type { Tenant } from "@/db/tenant";
import { prettyJson } from "@/lib/json-text";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawQuery, testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

// raw_data is the user's data: what the database holds reaches the editor, the API and the
// export exactly, and comes back exactly. These values are valid jsonb that JSON.parse cannot
// hold: a 20-digit integer, 19 decimals, a number beyond double range, and a __proto__ key.
const AGENT_TEXT = '{"n": 12345678901234567890, "f": 1.0000000000000000001, "e": 1e400, "__proto__": {"a": 1}}';
const TENANT: Tenant = { projectId: "exact", userId: "agent-writer" };

describe.each(testDatabases)("raw_data kept exactly on $name", (database) => {
  let conn: Awaited<ReturnType<typeof openAppDatabase>>["conn"];
  let close: () => Promise<void>;
  let admin: { session: Headers; bearer: Headers };

  /** A memory written the way the agent writes it: plain SQL, outside this dashboard. */
  const agentWrites = async (tenant: Tenant, text: string) =>
    (
      await rawQuery<{ id: number }>(
        conn,
        "insert into memory_logs (user_id, project_id, raw_data) values ($1, $2, $3::jsonb) returning id",
        [tenant.userId, tenant.projectId, text],
      )
    )[0]!.id;
  /** The row as PostgreSQL prints it: raw_data's text and the exact updated_at. */
  const stored = async (id: number) =>
    (
      await rawQuery<{ raw: string; updated: string }>(
        conn,
        "select raw_data::text as raw, updated_at::text as updated from memory_logs where id = $1",
        [id],
      )
    )[0]!;
  const ok = <T>(result: { ok: true; data: T } | { ok: false; error: string }): T => {
    if (!result.ok) throw new Error(`expected ok, got ${result.error}`);
    return result.data;
  };

  beforeAll(async () => {
    ({ conn, close } = await openAppDatabase(database));
    admin = await createAdmin(conn.db);
    actAs(admin.session);
  });
  afterAll(() => close());

  it("the database keeps the agent's values (the baseline the app must not change)", async () => {
    const { raw } = await stored(await agentWrites(TENANT, AGENT_TEXT));
    expect(raw).toContain('"n": 12345678901234567890');
    expect(raw).toContain('"f": 1.0000000000000000001');
    expect(raw).toContain(`"e": 1${"0".repeat(400)}`);
    expect(raw).toContain('"__proto__": {"a": 1}');
  });

  it("reads raw_data as the database's own text, every digit and key", async () => {
    const id = await agentWrites(TENANT, AGENT_TEXT);
    expect((await getMemory(TENANT, id))!.rawData).toBe((await stored(id)).raw);
  });

  it("a save of the text the editor showed changes nothing, not even updated_at, and records no edit", async () => {
    const id = await agentWrites(TENANT, AGENT_TEXT);
    const before = await stored(id);
    const memory = (await getMemory(TENANT, id))!;
    const data = ok(
      await updateMemoryAction({ ...TENANT, id, rawData: prettyJson(memory.rawData), version: memory.version }),
    );
    expect(data).toEqual({ id, version: memory.version, unchanged: true });
    expect(await stored(id)).toEqual(before);
    expect((await listAudit(TENANT)).filter((e) => e.action === "edit" && e.memoryIds?.includes(id))).toEqual([]);
  });

  it("an edit elsewhere in the memory keeps the other numbers and the __proto__ key exactly", async () => {
    const id = await agentWrites(TENANT, AGENT_TEXT);
    const memory = (await getMemory(TENANT, id))!;
    const edited = prettyJson(memory.rawData).replace('"a": 1', '"a": 2');
    const data = ok(await updateMemoryAction({ ...TENANT, id, rawData: edited, version: memory.version }));
    expect(data.unchanged).toBe(false);
    expect((await stored(id)).raw).toBe(memory.rawData.replace('"a": 1', '"a": 2'));
    expect((await listAudit(TENANT)).some((e) => e.action === "edit" && e.memoryIds?.includes(id))).toBe(true);
  });

  it("creates a memory with a 20-digit number exactly, and refuses a number jsonb cannot hold, naming its path", async () => {
    const created = ok(
      await createMemoryAction({ ...TENANT, rawData: '{"n": 12345678901234567890, "f": 0.10000000000000000001}' }),
    );
    expect((await stored(created.id)).raw).toBe('{"f": 0.10000000000000000001, "n": 12345678901234567890}');

    const count = async () => (await rawQuery<{ n: number }>(conn, "select count(*)::int as n from memory_logs"))[0]!.n;
    const before = await count();
    const refused = await createMemoryAction({ ...TENANT, rawData: '{"list": [1, 1e131072]}' });
    expect(refused).toMatchObject({
      ok: false,
      code: "invalid",
      error: expect.stringMatching(/^raw_data.list\[1\] is the number 1e131072, beyond what PostgreSQL can store/),
    });
    expect(await count()).toBe(before);
  });

  it("the JSON API answers raw_data byte for byte as stored", async () => {
    const id = await agentWrites(TENANT, AGENT_TEXT);
    const response = await memoryGET(new Request(`http://app/api/v1/x/${id}`, { headers: admin.bearer }), {
      params: Promise.resolve({ ...TENANT, id: String(id) }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await response.text();
    expect(body).toContain(`"rawData":${(await stored(id)).raw}`);
    expect(JSON.parse(body)).toMatchObject({ id, ...TENANT, embeddingDimensions: null, version: expect.any(String) });
  });

  it("an NDJSON export imported into an empty user gives the same raw_data, to the digit", async () => {
    const source: Tenant = { projectId: "exact", userId: "export-source" };
    await agentWrites(source, AGENT_TEXT);
    await agentWrites(source, '{"content": "x", "tiny": 0.10000000000000000001, "tags": [12345678901234567890]}');
    const exported = await (
      await exportGET(new Request("http://app/x?format=ndjson", { headers: admin.bearer }), {
        params: Promise.resolve(source),
      })
    ).text();
    expect(exported).toContain('"tiny": 0.10000000000000000001');

    const copy: Tenant = { projectId: "exact", userId: "import-copy" };
    expect(ok(await importMemoriesAction({ ...copy, ndjson: exported }))).toMatchObject({
      imported: 2,
      problemCount: 0,
    });
    const texts = (t: Tenant) =>
      rawQuery<{ raw: string }>(
        conn,
        "select raw_data::text as raw from memory_logs where user_id = $1 and project_id = $2 order by id",
        [t.userId, t.projectId],
      );
    expect(await texts(copy)).toEqual(await texts(source));
  });

  it("an import line whose raw_data jsonb cannot hold is refused by its number, and nothing is imported", async () => {
    const lines = [
      '{"raw_data": {"content": "fine"}}',
      '{"raw_data": {"deep": {"n": 1e-16384}}}',
      '{"raw_data": {"a": 1, "a": 2}}',
    ].join("\n");
    const data = ok(await importMemoriesAction({ projectId: "exact", userId: "import-refused", ndjson: lines }));
    expect(data).toEqual({
      imported: 0,
      ids: [],
      importId: null,
      problemCount: 2,
      problems: [
        { line: 2, reason: expect.stringMatching(/^raw_data.deep.n is the number 1e-16384, beyond/) },
        { line: 3, reason: "raw_data.a is written twice; a JSON object keeps only one value per key." },
      ],
    });
    expect(await rawQuery(conn, "select 1 from memory_logs where user_id = 'import-refused'")).toEqual([]);
  });
});
