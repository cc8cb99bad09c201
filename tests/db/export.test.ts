import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/projects/[projectId]/users/[userId]/export/route";
import type { Database } from "@/db/connect";
import { memoryLogs } from "@/db/schema";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawExec, rawQuery, testDatabases } from "../support/databases";

const TENANT = { projectId: "exp", userId: "eve" };

/** The API token of an admin of every project, sent with each request. */
let auth = new Headers();

async function exportText(query: string, userId = TENANT.userId) {
  const response = await GET(new Request(`http://app/x?${query}`, { headers: auth }), {
    params: Promise.resolve({ projectId: TENANT.projectId, userId }),
  });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    disposition: response.headers.get("content-disposition"),
    text: await response.text(),
  };
}

/** A minimal RFC 4180 reader, independent of the exporter. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  return records;
}

describe.each(testDatabases)("export on $name", (database) => {
  let close: () => Promise<void>;
  let db: Database;
  let conn: Awaited<ReturnType<typeof openAppDatabase>>["conn"];

  beforeAll(async () => {
    ({ close, conn } = await openAppDatabase(database));
    db = conn.db;
    auth = (await createAdmin(db)).bearer;
    for (let i = 0; i < 5; i++) {
      await db.insert(memoryLogs).values({
        ...TENANT,
        rawData: JSON.stringify({
          content: `memory ${i}, with "quotes"\nand a line break`,
          tags: [i % 2 ? "odd" : "even"],
          n: i,
        }),
        embedding: i === 4 ? null : hashingEmbedding(`memory ${i}`),
      });
    }
    await db
      .insert(memoryLogs)
      .values({ projectId: "exp", userId: "other", rawData: JSON.stringify({ content: "not eve's" }) });
    await rawExec(conn, "update memory_logs set created_at = '2026-03-04 05:06:07.891234' where user_id = 'eve'");
    // More than one batch of 1,000.
    await rawExec(
      conn,
      `insert into memory_logs (user_id, project_id, raw_data) select 'bulk', 'exp', jsonb_build_object('content', 'b' || g) from generate_series(1, 2500) g`,
    );
  });
  afterAll(() => close());

  it("streams NDJSON with every column, the embedding and microsecond timestamps as stored", async () => {
    const { status, type, disposition, text } = await exportText("format=ndjson");
    expect(status).toBe(200);
    expect(type).toContain("application/x-ndjson");
    expect(disposition).toContain('filename="memories-exp-eve.ndjson"');
    const rawLines = text.trimEnd().split("\n");
    const lines = rawLines.map((l) => JSON.parse(l));
    const stored = await rawQuery<{ id: number; raw_data: string; embedding: string | null }>(
      conn,
      "select id, raw_data, embedding::text as embedding from memory_logs where user_id = 'eve' order by id",
    );
    expect(lines.map((l) => l.id)).toEqual(stored.map((s) => s.id));
    lines.forEach((line, i) => {
      expect(line).toMatchObject({ user_id: "eve", project_id: "exp", created_at: "2026-03-04T05:06:07.891234" });
      // raw_data goes out as the database prints it, byte for byte.
      expect(rawLines[i]).toContain(`"raw_data":${stored[i]!.raw_data},`);
      expect(line.raw_data).toEqual(JSON.parse(stored[i]!.raw_data));
      expect(line.embedding).toEqual(stored[i]!.embedding === null ? null : JSON.parse(stored[i]!.embedding!));
    });
    expect(lines.at(-1).embedding).toBeNull();
  });

  it("applies the list filters and stays within the tenant", async () => {
    const { text } = await exportText("format=ndjson&tag=odd");
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.raw_data.tags.includes("odd") && l.user_id === "eve")).toBe(true);
  });

  it("writes CSV that a CSV reader reads back, without embeddings unless asked", async () => {
    const plain = parseCsv((await exportText("format=csv")).text);
    expect(plain[0]).toEqual(["id", "user_id", "project_id", "created_at", "updated_at", "raw_data"]);
    expect(plain).toHaveLength(6);
    expect(JSON.parse(plain[1]![5]!)).toMatchObject({ content: 'memory 0, with "quotes"\nand a line break' });

    const withEmbedding = parseCsv((await exportText("format=csv&includeEmbedding=true")).text);
    expect(withEmbedding[0]!.at(-1)).toBe("embedding");
    expect(JSON.parse(withEmbedding[1]!.at(-1)!)).toHaveLength(768);
    expect(withEmbedding[5]!.at(-1)).toBe("");
  });

  it("crosses batch boundaries without losing or repeating a row", async () => {
    const { text } = await exportText("format=ndjson", "bulk");
    const ids = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l).id as number);
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it.each([
    ["format=xml", "format"],
    ["format=csv&includeEmbedding=yes", "includeEmbedding"],
    ["tag=a&path=bad path", "path"],
  ])("refuses %s with 400 naming %s", async (query, parameter) => {
    const { status, text } = await exportText(query);
    expect(status).toBe(400);
    expect(JSON.parse(text).error.parameter).toBe(parameter);
  });

  it("answers 404 for an unknown user", async () => {
    expect((await exportText("format=ndjson", "nobody")).status).toBe(404);
  });
});
