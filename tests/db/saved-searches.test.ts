import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { deleteSavedSearchAction, saveSearchAction } from "@/app/projects/[projectId]/users/[userId]/actions";
import type { Database } from "@/db/connect";
import { listSavedSearches } from "@/db/queries/saved-searches";
import { createActor } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

const ALICE = { projectId: "demo", userId: "alice" };
const OTHER = { projectId: "elsewhere", userId: "alice" };

describe.each(testDatabases)("saved searches on $name", (database) => {
  let close: () => Promise<void>;
  let db: Database;
  let editor: Headers;
  let viewer: Headers;

  beforeAll(async () => {
    const opened = await openAppDatabase(database);
    close = opened.close;
    db = opened.conn.db;
    editor = (
      await createActor(db, "editor@example.com", [
        { projectId: "demo", role: "editor" },
        { projectId: "elsewhere", role: "editor" },
      ])
    ).session;
    viewer = (await createActor(db, "viewer@example.com", [{ projectId: "demo", role: "viewer" }])).session;
  });
  afterAll(() => close());

  it("an editor names a search; the project lists it by name with the link's parameters as given", async () => {
    actAs(editor);
    const query = "q=password+reset&mode=hybrid&k=20&tag=bug&tag=ui";
    const saved = await saveSearchAction({ ...ALICE, name: "  Late resets  ", query });
    expect(saved).toMatchObject({ ok: true, data: { name: "Late resets" } });
    await saveSearchAction({ ...ALICE, name: "Allergies", query: "q=peanuts" });
    await saveSearchAction({ ...OTHER, name: "Late resets", query: "q=reset" }); // another project's own names
    const listed = await listSavedSearches("demo", db);
    expect(listed.map((s) => [s.name, s.userId, s.params, s.createdBy])).toEqual([
      ["Allergies", "alice", "q=peanuts", "editor@example.com"],
      ["Late resets", "alice", query, "editor@example.com"],
    ]);
  });

  it("refuses a taken name, a search without a query, a bad parameter, and a viewer, saving nothing", async () => {
    actAs(editor);
    const before = await listSavedSearches("demo", db);
    expect(await saveSearchAction({ ...ALICE, name: "Allergies", query: "q=nuts" })).toMatchObject({
      ok: false,
      code: "conflict",
      error: expect.stringContaining("already has a saved search named “Allergies”"),
    });
    expect(await saveSearchAction({ ...ALICE, name: "Empty", query: "mode=hybrid" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await saveSearchAction({ ...ALICE, name: "Bad k", query: "q=x&k=abc" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^k must be/),
    });
    expect(await saveSearchAction({ ...ALICE, name: " ", query: "q=x" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await saveSearchAction({ ...ALICE, name: "nul\u0000name", query: "q=x" })).toMatchObject({
      ok: false,
      code: "invalid",
      error: expect.stringContaining("NUL"),
    });
    actAs(viewer);
    expect(await saveSearchAction({ ...ALICE, name: "Viewer's", query: "q=x" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await listSavedSearches("demo", db)).toEqual(before);
  });

  it("removes a saved search of its own project only", async () => {
    actAs(editor);
    const [theirs] = await listSavedSearches("elsewhere", db);
    expect(await deleteSavedSearchAction({ ...ALICE, id: theirs!.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await listSavedSearches("elsewhere", db)).toHaveLength(1);
    const allergies = (await listSavedSearches("demo", db)).find((s) => s.name === "Allergies")!;
    expect(await deleteSavedSearchAction({ ...ALICE, id: allergies.id })).toMatchObject({ ok: true });
    expect((await listSavedSearches("demo", db)).map((s) => s.name)).toEqual(["Late resets"]);
  });
});
