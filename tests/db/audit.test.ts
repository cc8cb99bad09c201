import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import {
  createMemoryAction,
  deleteMatchingAction,
  deleteMemoriesAction,
  deleteMemoryAction,
  purgeTrashAction,
  reembedMemoriesAction,
  restoreAction,
  updateMemoryAction,
} from "@/app/projects/[projectId]/users/[userId]/actions";
import { listAudit } from "@/db/queries/audit";
import { listTrash } from "@/db/queries/trash";
import { describeEmbedder } from "@/lib/embedding";
import { createHashingEmbedder } from "@/lib/embedding/hashing-embedder";
import { memoryTimeline } from "@/lib/memory-timeline";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

describe.each(testDatabases)("the audit log on $name", (database) => {
  let close: () => Promise<void>;
  const tenant = { projectId: "audited", userId: "ada" };
  beforeAll(async () => {
    const { conn, close: closeDatabase } = await openAppDatabase(database);
    close = closeDatabase;
    actAs((await createAdmin(conn.db)).session);
  });
  afterAll(() => close());

  const latest = async () => (await listAudit({ projectId: tenant.projectId, userId: tenant.userId }, { limit: 1 }))[0];
  const ok = <T>(result: { ok: true; data: T } | { ok: false; error: string }): T => {
    if (!result.ok) throw new Error(result.error);
    return result.data;
  };

  it("lets the history name the first vector's embedder and who put a memory back from the trash", async () => {
    const mine = { projectId: "audited-history", userId: "ada" };
    const local = describeEmbedder(createHashingEmbedder());
    const a = ok(await createMemoryAction({ ...mine, rawData: '{"content":"embedded at creation"}' }));
    const [created] = await memoryTimeline(mine, a.id);
    expect(created).toMatchObject({ kind: "earliest kept", embedder: local });

    const gone = ok(await deleteMemoryAction({ ...mine, id: a.id }));
    ok(await restoreAction({ ...mine, operation: gone.operation }));
    const [restored, deleted] = await memoryTimeline(mine, a.id);
    expect(restored).toMatchObject({ kind: "restored", madeBy: "admin@example.com", current: true });
    expect(deleted).toMatchObject({ actor: "admin@example.com", embedder: local });
    expect(Date.parse(restored!.madeAt!)).toBeGreaterThanOrEqual(Date.parse(deleted!.replacedAt!));

    // After an edit of the text, the first vector is still named, and the new one by the edit.
    const b = ok(await createMemoryAction({ ...mine, rawData: '{"content":"before the edit"}' }));
    ok(await updateMemoryAction({ ...mine, id: b.id, rawData: '{"content":"after the edit"}', version: b.version }));
    const [edited, first] = await memoryTimeline(mine, b.id);
    expect([edited!.kind, edited!.embedding.changed, edited!.embedder]).toEqual(["content edit", true, local]);
    expect([first!.kind, first!.embedder]).toEqual(["earliest kept", local]);
  });

  it("records every change with what, which tenant, which ids or how many, and when", async () => {
    const started = Date.now() - 1000;
    const a = ok(await createMemoryAction({ ...tenant, rawData: '{"content":"first","tags":["x"]}' }));
    expect(await latest()).toMatchObject({
      action: "create",
      projectId: "audited",
      userId: "ada",
      memoryIds: [a.id],
      count: 1,
    });
    expect((await latest())!.at.getTime()).toBeGreaterThan(started);

    const b = ok(await createMemoryAction({ ...tenant, rawData: '{"content":"second","tags":["x"]}' }));
    const c = ok(await createMemoryAction({ ...tenant, rawData: '{"content":"third","tags":["y"]}' }));
    ok(await updateMemoryAction({ ...tenant, id: a.id, rawData: '{"content":"first, edited"}', version: a.version }));
    expect(await latest()).toMatchObject({ action: "edit", memoryIds: [a.id], count: 1 });

    ok(await reembedMemoriesAction({ ...tenant, ids: [b.id, c.id] }));
    expect(await latest()).toMatchObject({ action: "re-embed", memoryIds: [b.id, c.id], count: 2 });

    const one = ok(await deleteMemoryAction({ ...tenant, id: a.id }));
    expect(await latest()).toMatchObject({
      action: "delete",
      memoryIds: [a.id],
      count: 1,
      details: { operation: one.operation },
    });

    ok(await restoreAction({ ...tenant, operation: one.operation }));
    expect(await latest()).toMatchObject({ action: "restore", memoryIds: [a.id], count: 1 });

    ok(await deleteMemoriesAction({ ...tenant, ids: [a.id, 999_999] }));
    expect(await latest()).toMatchObject({ action: "delete", memoryIds: [a.id], count: 1 });

    const byFilter = ok(await deleteMatchingAction({ ...tenant, filters: "tag=x", expectedCount: 1 }));
    expect(await latest()).toMatchObject({
      action: "delete",
      count: 1,
      details: { operation: byFilter.operation, filter: "tag=x" },
    });
    expect((await listTrash(tenant)).items[0]!.reason).toBe("Deleted all memories matching ?tag=x");

    // Emptying the trash names the count seen; a stale one purges nothing and records nothing.
    expect(await purgeTrashAction({ ...tenant, all: true, expectedCount: 3 })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await latest()).toMatchObject({ action: "delete" });
    expect(await purgeTrashAction({ ...tenant, all: true })).toMatchObject({ ok: false, code: "invalid" });
    ok(await purgeTrashAction({ ...tenant, all: true, expectedCount: 2 }));
    expect(await latest()).toMatchObject({ action: "purge", count: 2 });
  });

  it("records nothing for a refused change, and filters by action and time", async () => {
    const before = (await listAudit({ projectId: tenant.projectId })).length;
    expect((await deleteMemoryAction({ ...tenant, id: 999_999 })).ok).toBe(false);
    expect((await createMemoryAction({ ...tenant, rawData: "[1]" })).ok).toBe(false);
    expect((await listAudit({ projectId: tenant.projectId })).length).toBe(before);

    const deletes = await listAudit({ projectId: tenant.projectId, action: "delete" });
    expect(deletes.length).toBe(3);
    expect(await listAudit({ projectId: tenant.projectId, from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await listAudit({ projectId: "another-project" })).toEqual([]);
  });
});
