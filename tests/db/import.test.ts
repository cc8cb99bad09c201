import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { GET as exportGET } from "@/app/api/v1/projects/[projectId]/users/[userId]/export/route";
import { importMemoriesAction } from "@/app/projects/[projectId]/users/[userId]/actions";
import { listAudit } from "@/db/queries/audit";
import { memoryLogs } from "@/db/schema";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawExec, rawQuery, testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

const SOURCE = { projectId: "imp", userId: "source" };

/** The headers of the signed-in admin the actions and requests come from. */
let admin: { session: Headers; bearer: Headers };

async function exportNdjson(userId: string): Promise<string> {
  const response = await exportGET(new Request("http://app/x?format=ndjson", { headers: admin.bearer }), {
    params: Promise.resolve({ projectId: "imp", userId }),
  });
  return response.text();
}

describe.each(testDatabases)("NDJSON import on $name", (database) => {
  let close: () => Promise<void>;
  let conn: Awaited<ReturnType<typeof openAppDatabase>>["conn"];
  beforeAll(async () => {
    ({ close, conn } = await openAppDatabase(database));
    admin = await createAdmin(conn.db);
    actAs(admin.session);
    for (let i = 0; i < 6; i++) {
      await conn.db.insert(memoryLogs).values({
        ...SOURCE,
        rawData: JSON.stringify({ content: `memory ${i}`, tags: ["a", `t${i}`], nested: { deep: [i, { x: "ü" }] } }),
        embedding: i % 2 ? hashingEmbedding(`memory ${i}`) : null,
      });
    }
    await rawExec(
      conn,
      "update memory_logs set created_at = '2025-12-31 23:59:59.123456', updated_at = '2026-01-02 03:04:05.654321' where user_id = 'source' and id % 2 = 0",
    );
  });
  afterAll(() => close());

  /** The memories of a user as content, embedding and timestamps, in order: what a round trip must keep. */
  const snapshot = (userId: string) =>
    rawQuery(
      conn,
      "select raw_data::text as r, embedding::text as e, created_at::text as c, updated_at::text as u from memory_logs where user_id = $1 and project_id = 'imp' order by id",
      [userId],
    );

  it("an export imported into an empty user gives the same memories: content, embeddings, timestamps", async () => {
    const result = await importMemoriesAction({
      projectId: "imp",
      userId: "copy",
      ndjson: await exportNdjson("source"),
    });
    expect(result).toMatchObject({ ok: true, data: { imported: 6, problemCount: 0 } });
    expect(await snapshot("copy")).toEqual(await snapshot("source"));
    const [entry] = await listAudit({ projectId: "imp", userId: "copy" });
    expect(entry).toMatchObject({ action: "import", count: 6 });
  });

  it("imports nothing when one line of 1,000 is bad, and names that line", async () => {
    const good = (i: number) => JSON.stringify({ raw_data: { content: `line ${i}` }, embedding: null });
    const lines = Array.from({ length: 1000 }, (_, i) => good(i));
    lines[736] = JSON.stringify({ raw_data: { content: "bad" }, embedding: new Array(767).fill(0.1) });
    const result = await importMemoriesAction({ projectId: "imp", userId: "bulk", ndjson: lines.join("\n") });
    expect(result).toEqual({
      ok: true,
      data: {
        imported: 0,
        ids: [],
        importId: null,
        problemCount: 1,
        problems: [{ line: 737, reason: "embedding must have 768 dimensions, got 767" }],
      },
    });
    expect(await snapshot("bulk")).toEqual([]);
  });

  it.each([
    ["not JSON", "{raw_data:", /not valid JSON/],
    ["an array", "[1,2]", /not a JSON object/],
    ["no raw_data", '{"content":"x"}', /raw_data is missing/],
    ["raw_data not an object", '{"raw_data":"x"}', /must be a JSON object/],
    [
      "NaN in the embedding",
      `{"raw_data":{},"embedding":[${new Array(768).fill("1").join(",").replace(/^1/, '"NaN"')}]}`,
      /not a finite number/,
    ],
    ["an impossible timestamp", '{"raw_data":{},"created_at":"yesterday"}', /created_at is not a timestamp/],
  ])("reports %s and imports nothing", async (_, line, reason) => {
    const result = await importMemoriesAction({
      projectId: "imp",
      userId: "bad",
      ndjson: `${JSON.stringify({ raw_data: { ok: 1 } })}\n${line}\n`,
    });
    expect(result.ok && result.data.problems[0]).toMatchObject({ line: 2, reason: expect.stringMatching(reason) });
    expect(await snapshot("bad")).toEqual([]);
  });

  it("refuses an empty file", async () => {
    expect(await importMemoriesAction({ projectId: "imp", userId: "empty", ndjson: "\n\n" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
  });
});
