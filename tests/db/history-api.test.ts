import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { GET as getHistory } from "@/app/api/v1/projects/[projectId]/users/[userId]/memories/[id]/history/route";
import type { Connection, Database } from "@/db/connect";
import { memoryLogs } from "@/db/schema";
import type { Tenant } from "@/db/tenant";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawQuery, testDatabases } from "../support/databases";

const ALICE: Tenant = { projectId: "acme", userId: "alice@example.com" };
const BOB: Tenant = { projectId: "acme", userId: "bob" };

describe.each(testDatabases)("history API on $name", (database) => {
  let conn: Connection;
  let close: () => Promise<void>;
  let auth = new Headers();
  const history = async (t: Tenant, id: number | string) => {
    const path = `/api/v1/projects/${t.projectId}/users/${encodeURIComponent(t.userId)}/memories/${id}/history`;
    const response = await getHistory(new Request(`http://localhost${path}`, { headers: auth }), {
      params: Promise.resolve({ projectId: t.projectId, userId: t.userId, id: String(id) }),
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    ({ conn, close } = await openAppDatabase(database));
    auth = (await createAdmin(conn.db)).bearer;
  });
  afterAll(() => close());

  it("answers the versions newest first, raw_data as stored, with the vector's drift; another tenant's id is 404", async () => {
    const db: Database = conn.db;
    const [row] = await db
      .insert(memoryLogs)
      .values({ ...ALICE, rawData: '{"content": "v1", "n": 12345678901234567890}', embedding: hashingEmbedding("v1") })
      .returning({ id: memoryLogs.id });
    const id = row!.id;
    await rawQuery(
      conn,
      `update memory_logs set raw_data = '{"content": "v2", "n": 12345678901234567890}' where id = $1`,
      [id],
    );
    await rawQuery(conn, "update memory_logs set embedding = $1 where id = $2", [
      `[${hashingEmbedding("v2").join(",")}]`,
      id,
    ]);

    const { status, text } = await history(ALICE, id);
    expect(status).toBe(200);
    // The big number goes out digit for digit, which JSON.parse would round.
    expect(text).toContain('"rawData":{"n": 12345678901234567890, "content": "v2"}');
    const body = JSON.parse(text) as {
      items: { version: number; kind: string; actor: string | null; replacedAt: string | null; embedding: object }[];
    };
    expect(body.items.map((i) => [i.version, i.kind, i.actor])).toEqual([
      [3, "re-embedded", null],
      [2, "content edit", null],
      [1, "earliest kept", null],
    ]);
    expect(body.items[0]!.replacedAt).toBeNull();
    expect(body.items[1]!.replacedAt).toMatch(/Z$/);
    const drift = body.items[0]!.embedding as { changed: boolean; l2: number; cosine: number };
    expect(drift.changed).toBe(true);
    expect(drift.l2).toBeGreaterThan(0);
    expect(drift.cosine).toBeGreaterThan(0);
    expect(body.items[1]!.embedding).toEqual({ changed: false, l2: 0, cosine: 0 });

    expect((await history(BOB, id)).status).toBe(404);
    expect((await history({ projectId: "other", userId: ALICE.userId }, id)).status).toBe(404);
    expect((await history(ALICE, 999_999)).status).toBe(404);
    expect((await history(ALICE, "abc")).status).toBe(400);
  });
});
