import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { importMemoriesAction } from "@/app/projects/[projectId]/users/[userId]/actions";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawQuery, testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

const REASON = "created_at is not a timestamp such as 2026-05-31T14:00:00.123456";

describe.each(testDatabases)("timestamps of an NDJSON import on $name", (database) => {
  let close: () => Promise<void>;
  let conn: Awaited<ReturnType<typeof openAppDatabase>>["conn"];
  beforeAll(async () => {
    ({ close, conn } = await openAppDatabase(database));
    actAs((await createAdmin(conn.db)).session);
  });
  afterAll(() => close());

  const stored = (userId: string) =>
    rawQuery<{ c: string }>(
      conn,
      "select created_at::text as c from memory_logs where project_id = 'stamps' and user_id = $1 order by id",
      [userId],
    );
  const lineWith = (createdAt: string) => JSON.stringify({ raw_data: { content: createdAt }, created_at: createdAt });

  it("refuses impossible dates and times by line, and imports nothing", async () => {
    const impossible = [
      "2026-02-29T10:00:00",
      "2026-04-31T10:00:00",
      "2026-02-30 00:00:00",
      "2026-01-01T24:00:00",
      "2026-01-01T23:59:60",
    ];
    const ndjson = ["2026-03-01T10:00:00", ...impossible].map(lineWith).join("\n");
    const result = await importMemoriesAction({ projectId: "stamps", userId: "impossible", ndjson });
    expect(result).toEqual({
      ok: true,
      data: {
        imported: 0,
        ids: [],
        importId: null,
        problemCount: 5,
        problems: impossible.map((_, i) => ({ line: i + 2, reason: REASON })),
      },
    });
    expect(await stored("impossible")).toEqual([]);
  });

  it("stores the real dates at the edges of months and days as written", async () => {
    const real = ["2028-02-29 10:00:00", "2026-04-30 23:59:59.999999", "2026-12-31 00:00:00", "0001-01-01 00:00:00"];
    const result = await importMemoriesAction({
      projectId: "stamps",
      userId: "real",
      ndjson: real.map(lineWith).join("\n"),
    });
    expect(result).toMatchObject({ ok: true, data: { imported: 4, problemCount: 0 } });
    expect((await stored("real")).map((r) => r.c)).toEqual(real);
  });
});
