import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/projects/[projectId]/users/[userId]/export/route";
import type { Connection } from "@/db/connect";
import { memoryLogs } from "@/db/schema";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { testDatabases } from "../support/databases";

// Cells a spreadsheet would run as a formula (OWASP's CSV injection rule) are exported with a
// leading single quote; NDJSON keeps every value as stored.

const PROJECT = "=cmd|' /C calc'!A0";
const USERS = ['=HYPERLINK("http://evil.example","open")', "@SUM(1)", "+1+1", "-1-1", "\tTAB", "\rCR", "plain=text"];

let auth = new Headers();

async function exportText(userId: string, format: "csv" | "ndjson") {
  const response = await GET(new Request(`http://app/x?format=${format}`, { headers: auth }), {
    params: Promise.resolve({ projectId: PROJECT, userId }),
  });
  expect(response.status).toBe(200);
  return response.text();
}

/** The fields of the one record after the header, read as RFC 4180. */
function recordOf(csv: string): string[] {
  const body = csv.slice(csv.indexOf("\r\n") + 2).replace(/\r\n$/, "");
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  return [...fields, field];
}

describe.each(testDatabases)("CSV export of formula-like ids on $name", (database) => {
  let close: () => Promise<void>;
  beforeAll(async () => {
    let conn: Connection;
    ({ close, conn } = await openAppDatabase(database));
    auth = (await createAdmin(conn.db)).bearer;
    for (const userId of USERS)
      await conn.db
        .insert(memoryLogs)
        .values({ projectId: PROJECT, userId, rawData: JSON.stringify({ content: "=1+1" }) });
  });
  afterAll(() => close());

  it.each(USERS.filter((u) => u !== "plain=text"))(
    "prefixes user_id %j and project_id with a quote",
    async (userId) => {
      const [id, user, project, , , rawData] = recordOf(await exportText(userId, "csv"));
      expect(id).toMatch(/^\d+$/);
      expect(user).toBe(`'${userId}`);
      expect(project).toBe(`'${PROJECT}`);
      expect(JSON.parse(rawData!)).toEqual({ content: "=1+1" });
    },
  );

  it("leaves a cell that only contains such a character unchanged", async () => {
    expect(recordOf(await exportText("plain=text", "csv"))[1]).toBe("plain=text");
  });

  it("keeps NDJSON exact", async () => {
    for (const userId of USERS) {
      const line = JSON.parse(await exportText(userId, "ndjson"));
      expect(line).toMatchObject({ user_id: userId, project_id: PROJECT, raw_data: { content: "=1+1" } });
    }
  });
});
