import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import type pg from "pg";
import {
  deleteMemoriesAction,
  purgeTrashAction,
  restoreAction,
} from "@/app/projects/[projectId]/users/[userId]/actions";
import { listAudit } from "@/db/queries/audit";
import { listTrash, restoreFromTrash } from "@/db/queries/trash";
import type { Tenant } from "@/db/tenant";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawQuery, testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

// Restores, undos and purges of the same trash entries, sent at the same moment (two tabs, a
// double click, two admins): exactly one of them wins and the others say why nothing happened.

const NO_LONGER = /^No longer in the trash: already restored or purged meanwhile\.$/;

describe.each(testDatabases)("trash under concurrent requests on $name", (database) => {
  let conn: Awaited<ReturnType<typeof openAppDatabase>>["conn"];
  let close: () => Promise<void>;
  let n = 0;

  beforeAll(async () => {
    ({ conn, close } = await openAppDatabase(database));
    actAs((await createAdmin(conn.db)).session);
  });
  afterAll(() => close());

  /** A fresh tenant with `count` memories, all deleted in one operation: its id and the trash entries. */
  async function deleted(count: number) {
    const tenant: Tenant = { projectId: "races", userId: `u${++n}` };
    const ids = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        (
          await rawQuery<{ id: number }>(
            conn,
            "insert into memory_logs (user_id, project_id, raw_data) values ($1, $2, $3) returning id",
            [tenant.userId, tenant.projectId, `{"content": "m${i}"}`],
          )
        )[0]!.id,
      );
    }
    const result = await deleteMemoriesAction({ ...tenant, ids });
    if (!result.ok) throw new Error(result.error);
    const trashIds = (await listTrash(tenant)).items.map((e) => e.trashId);
    return { tenant, ids, operation: result.data.operation, trashIds };
  }
  const live = async (ids: number[]) =>
    (await rawQuery<{ n: number }>(conn, "select count(*)::int as n from memory_logs where id = any($1)", [ids]))[0]!.n;

  it("a restore and a purge of the same entry, sent together: exactly one wins, the other says the entry is gone", async () => {
    for (let run = 0; run < 15; run++) {
      const { tenant, ids, trashIds } = await deleted(1);
      const [restored, purged] = await Promise.all([
        restoreAction({ ...tenant, trashIds }),
        purgeTrashAction({ ...tenant, trashIds }),
      ]);
      expect([restored.ok, purged.ok].filter(Boolean)).toHaveLength(1);
      expect((await listTrash(tenant)).total).toBe(0);
      const audit = (await listAudit(tenant)).map((e) => e.action);
      if (restored.ok) {
        expect(restored.data).toEqual({ restored: ids, taken: [], missing: 0 });
        expect(purged).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(NO_LONGER) });
        expect(await live(ids)).toBe(1);
        expect(audit).not.toContain("purge");
      } else {
        expect(purged).toEqual({ ok: true, data: { purged: 1, missing: 0 } });
        expect(restored).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(NO_LONGER) });
        expect(await live(ids)).toBe(0);
        expect(audit).not.toContain("restore");
      }
    }
  });

  it("twenty undos of one delete at once: one restores everything, the others answer already restored", async () => {
    const { tenant, ids, operation } = await deleted(5);
    const results = await Promise.all(Array.from({ length: 20 }, () => restoreAction({ ...tenant, operation })));
    const winners = results.filter((r) => r.ok);
    expect(winners).toEqual([{ ok: true, data: { restored: ids, taken: [], missing: 0 } }]);
    for (const loser of results.filter((r) => !r.ok)) {
      expect(loser).toEqual({
        ok: false,
        code: "conflict",
        error: "Already restored: nothing of this delete is left in the trash.",
      });
    }
    expect(await live(ids)).toBe(5);
    expect((await listAudit(tenant)).filter((e) => e.action === "restore")).toHaveLength(1);
  });

  it("a purge of entries of which some are gone purges the rest and counts the missing", async () => {
    const { tenant, trashIds } = await deleted(3);
    expect(await purgeTrashAction({ ...tenant, trashIds: [trashIds[0]!] })).toMatchObject({
      ok: true,
      data: { purged: 1 },
    });
    expect(await purgeTrashAction({ ...tenant, trashIds })).toEqual({ ok: true, data: { purged: 2, missing: 1 } });
    expect(await purgeTrashAction({ ...tenant, trashIds })).toMatchObject({
      ok: false,
      code: "conflict",
      error: expect.stringMatching(NO_LONGER),
    });
  });

  // Deterministic on PostgreSQL: a purge in another session deletes the entry and holds it until
  // the restore has read the trash and waits; the restore must then find the entry gone.
  if (database.name === "postgres")
    it("a restore that started while another session's purge was uncommitted restores nothing", async () => {
      const { tenant, ids, trashIds } = await deleted(1);
      if (conn.kind !== "postgres") throw new Error("needs PostgreSQL");
      const other = await conn.pool.connect();
      try {
        await other.query("begin");
        await other.query("delete from memory_logs_trash where trash_id = $1", [trashIds[0]]);
        const restoring = restoreAction({ ...tenant, trashIds });
        await waitForLockWait(conn.pool);
        await other.query("commit");
        expect(await restoring).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(NO_LONGER) });
        expect(await live(ids)).toBe(0);
      } finally {
        other.release();
      }
    });

  // Deterministic on PostgreSQL: one undo has put the rows back but not committed when the second
  // one arrives; the second must answer "already restored", not fail on the ids taken.
  if (database.name === "postgres")
    it("an undo that arrives while another undo of the same delete commits answers already restored", async () => {
      const { tenant, ids, operation } = await deleted(3);
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let restoredFirst!: () => void;
      const firstDone = new Promise<void>((resolve) => (restoredFirst = resolve));
      const first = conn.db.transaction(async (tx) => {
        const result = await restoreFromTrash(tenant, { operation }, tx);
        restoredFirst();
        await held;
        return result;
      });
      await firstDone;
      if (conn.kind !== "postgres") throw new Error("needs PostgreSQL");
      const second = restoreAction({ ...tenant, operation });
      await waitForLockWait(conn.pool);
      commit();
      expect((await first).restored).toEqual(ids);
      expect(await second).toEqual({
        ok: false,
        code: "conflict",
        error: "Already restored: nothing of this delete is left in the trash.",
      });
      expect(await live(ids)).toBe(3);
    });
});

/** Resolves once some session of this database waits for a row lock. */
async function waitForLockWait(pool: pg.Pool): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await pool.query(
      "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if (rows.length) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("no session started waiting for the lock");
}
