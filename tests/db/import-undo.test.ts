import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { revalidatePath } from "next/cache";
import {
  importMemoriesAction,
  previewImportAction,
  revertImportAction,
} from "@/app/projects/[projectId]/users/[userId]/actions";
import { listAudit } from "@/db/queries/audit";
import { insertImported } from "@/db/queries/import";
import { deleteImported, deleteMemories } from "@/db/queries/memory-delete";
import { listTrash, restoreFromTrash } from "@/db/queries/trash";
import type { Tenant } from "@/db/tenant";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { createAdmin } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawQuery, testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

/** Checked import rows; every other one embedded unless told otherwise, raw_data with a number JavaScript cannot hold. */
const rowsOf = (n: number, label: string, embedded = true) =>
  Array.from({ length: n }, (_, i) => ({
    rawData: `{"content":${JSON.stringify(`${label} ${i}`)},"n":12345678901234567890}`,
    embedding: embedded && i % 2 ? hashingEmbedding(`${label} ${i}`) : null,
    createdAt: "2025-06-01T10:00:00.000001",
    updatedAt: null,
  }));

describe.each(testDatabases)("undoing an import on $name", (database) => {
  let close: () => Promise<void>;
  let conn: Awaited<ReturnType<typeof openAppDatabase>>["conn"];
  let admin: Awaited<ReturnType<typeof createAdmin>>;
  beforeAll(async () => {
    ({ close, conn } = await openAppDatabase(database));
    admin = await createAdmin(conn.db);
    actAs(admin.session);
  });
  afterAll(() => close());

  /** A tenant's memories as PostgreSQL prints them: what a revert and restore must give back byte for byte. */
  const rows = (t: Tenant) =>
    rawQuery<{ row: string }>(
      conn,
      "select m::text as row from memory_logs m where user_id = $1 and project_id = $2 order by id",
      [t.userId, t.projectId],
    ).then((r) => r.map((x) => x.row));

  it("moves every memory of the import to the trash as one delete, which restores them unchanged", async () => {
    const t: Tenant = { projectId: "undo", userId: "whole" };
    await insertImported(t, rowsOf(2, "kept before"), { db: conn.db });
    const before = await rows(t);
    const { importId, ids } = await insertImported(t, rowsOf(5, "imported"), { db: conn.db });
    const imported = await rows(t);

    const result = await deleteImported(t, importId, { db: conn.db, deletedBy: "ada@example.com" });
    expect(result).toMatchObject({ deleted: ids, imported: 5 });
    expect(await rows(t)).toEqual(before);
    const trash = await listTrash(t, {}, conn.db);
    expect(trash.total).toBe(5);
    expect(new Set(trash.items.map((e) => e.operation))).toEqual(new Set([result.operation]));
    expect(trash.items[0]).toMatchObject({ deletedBy: "ada@example.com", reason: "Reverted an import of 5 memories" });

    const restored = await restoreFromTrash(t, { operation: result.operation }, conn.db);
    expect(restored.restored).toEqual(ids);
    expect(await rows(t)).toEqual(imported);
  });

  it("moves only what still exists, and a second revert finds nothing left", async () => {
    const t: Tenant = { projectId: "undo", userId: "partly" };
    const { importId, ids } = await insertImported(t, rowsOf(4, "imported"), { db: conn.db });
    await deleteMemories(t, [ids[1]!], { db: conn.db });
    expect((await deleteImported(t, importId, { db: conn.db })).deleted).toEqual([ids[0], ids[2], ids[3]]);
    await expect(deleteImported(t, importId, { db: conn.db })).rejects.toMatchObject({
      code: "conflict",
      message: "Nothing of this import is left: its memories were already deleted or the import undone.",
    });
  });

  it("refuses another tenant's import and leaves its memories alone", async () => {
    const owner: Tenant = { projectId: "undo", userId: "owner" };
    const { importId } = await insertImported(owner, rowsOf(3, "owner's"), { db: conn.db });
    const before = await rows(owner);
    for (const other of [
      { projectId: "undo", userId: "intruder" },
      { projectId: "elsewhere", userId: "owner" },
    ]) {
      await expect(deleteImported(other, importId, { db: conn.db })).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await rows(owner)).toEqual(before);
  });

  it("reverts an import larger than the audit log's 10,000 ids, all of it", async () => {
    const t: Tenant = { projectId: "undo", userId: "large" };
    const { importId, ids } = await insertImported(t, rowsOf(12_000, "bulk", false), { db: conn.db });
    expect(ids).toHaveLength(12_000);
    const { deleted } = await deleteImported(t, importId, { db: conn.db });
    expect(deleted).toHaveLength(12_000);
    expect(await rows(t)).toEqual([]);
    expect((await listTrash(t, { limit: 1 }, conn.db)).total).toBe(12_000);
  });

  it("previews a file without writing, refreshing or recording anything", async () => {
    const t: Tenant = { projectId: "undo", userId: "preview" };
    await insertImported(t, rowsOf(1, "there"), { db: conn.db });
    const audited = (await listAudit({ projectId: t.projectId })).length;
    vi.mocked(revalidatePath).mockClear();
    const ndjson = [
      JSON.stringify({ raw_data: { content: "one" }, embedding: new Array(768).fill(0.5) }),
      "[1]",
      JSON.stringify({ raw_data: { content: "two" } }),
    ].join("\n");
    const result = await previewImportAction({ ...t, ndjson });
    expect(result).toMatchObject({
      ok: true,
      data: {
        lineCount: 3,
        memories: 2,
        withEmbedding: 1,
        problemCount: 1,
        problems: [{ line: 2, reason: "not a JSON object" }],
        target: { ...t, memories: 1 },
      },
    });
    expect(await rows(t)).toHaveLength(1);
    expect(await listAudit({ projectId: t.projectId })).toHaveLength(audited);
    expect(vi.mocked(revalidatePath)).not.toHaveBeenCalled();
  });

  it("audits the import with its id, and its revert as one delete naming the import", async () => {
    const t: Tenant = { projectId: "undo", userId: "audited" };
    const ndjson = ["alpha", "beta", "gamma"].map((c) => JSON.stringify({ raw_data: { content: c } })).join("\n");
    const imported = await importMemoriesAction({ ...t, ndjson });
    if (!imported.ok) throw new Error(imported.error);
    const [importEntry] = await listAudit({ projectId: t.projectId, userId: t.userId });
    expect(importEntry).toMatchObject({
      action: "import",
      count: 3,
      actor: admin.email,
      memoryIds: imported.data.ids,
      details: { import: imported.data.importId },
    });

    const reverted = await revertImportAction({ ...t, importId: imported.data.importId! });
    expect(reverted).toMatchObject({ ok: true, data: { deleted: 3, ids: imported.data.ids, imported: 3 } });
    const [revertEntry] = await listAudit({ projectId: t.projectId, userId: t.userId });
    expect(revertEntry).toMatchObject({
      action: "delete",
      count: 3,
      memoryIds: imported.data.ids,
      details: { revertedImport: imported.data.importId, operation: reverted.ok && reverted.data.operation },
    });
    expect(await rows(t)).toEqual([]);
    expect(await revertImportAction({ ...t, importId: imported.data.importId! })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await revertImportAction({ ...t, importId: "not-a-uuid" })).toMatchObject({ ok: false, code: "invalid" });
  });
});
