import { expect, test } from "@playwright/test";
import { listViaApi, memoryViaApi, shownIds, tenantUrl, waitForApp } from "./support/app";
import { seedMemories } from "./support/memories";

const PROJECT = "sales-assistant";

test("delete by filter, then Undo from the toast brings every memory back", async ({ page, request }) => {
  const user = "wendy.z";
  const before = await listViaApi(request, PROJECT, user, "limit=200");
  const component = before.items[0]!.component!;
  const filter = `component=${encodeURIComponent(component)}`;
  const count = (await listViaApi(request, PROJECT, user, filter)).total.value;

  await page.goto(`${tenantUrl(PROJECT, user)}?${filter}`);
  await waitForApp(page);
  await page.getByRole("button", { name: "Delete all matching…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete all matching memories?" });
  await dialog.getByRole("button", { name: `Delete ${count}` }).click();
  await expect(page.getByText("No memory matches these filters")).toBeVisible();
  expect((await listViaApi(request, PROJECT, user, filter)).total.value).toBe(0);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText(`Restored ${count} memories.`)).toBeVisible();
  const after = await listViaApi(request, PROJECT, user, "limit=200");
  expect(after.items.map((m) => m.id)).toEqual(before.items.map((m) => m.id));
  expect(after.total).toEqual(before.total);
});

test("delete a memory, then restore it from the trash page", async ({ page, request }) => {
  const user = "xavier.p";
  await page.goto(tenantUrl(PROJECT, user));
  const [id] = await shownIds(page);
  const original = (await memoryViaApi(request, PROJECT, user, id!)).body!;
  await page.getByRole("link", { name: `Open memory ${id}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${id}` })).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page
    .getByRole("dialog", { name: `Delete memory ${id}?` })
    .getByRole("button", { name: "Delete memory" })
    .click();
  await expect(page.getByText(`Deleted memory ${id}.`)).toBeVisible();
  expect((await memoryViaApi(request, PROJECT, user, id!)).status).toBe(404);

  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByRole("heading", { name: `Trash of ${user}` })).toBeVisible();
  await page.getByRole("button", { name: `Restore memory ${id}` }).click();
  await expect(page.getByText("Restored 1 memory.")).toBeVisible();
  await expect(page.getByText("The trash is empty")).toBeVisible();

  const restored = await memoryViaApi(request, PROJECT, user, id!);
  expect(restored.status).toBe(200);
  expect(restored.body).toEqual(original);

  // Both changes are in the audit log.
  await page.goto(`/audit?project=${PROJECT}&user=${user}`);
  const rows = page.getByRole("table", { name: "Audit log" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("restore");
  await expect(rows.nth(2)).toContainText("delete");
  await expect(rows.nth(2).getByRole("link", { name: String(id), exact: true })).toBeVisible();
});

test("delete by filter asks plainly; the trash shows its filters as chips, and Restore batch puts it back", async ({
  page,
}) => {
  const user = `trash-chips-${Date.now()}`;
  await seedMemories(page, { projectId: PROJECT, userId: user }, [
    { content: "foo one", tags: ["bug"] },
    { content: "foo two", tags: ["bug"] },
    { content: "bar three", tags: ["bug"] },
    { content: "foo four", tags: ["other"] },
  ]);
  await page.goto(`${tenantUrl(PROJECT, user)}?tag=bug&q=foo`);
  await waitForApp(page);
  await page.getByRole("button", { name: "Delete all matching…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete all matching memories?" });
  await expect(dialog).toContainText(`2 memories of ${user} match the current filters`);
  await expect(dialog).toContainText("from where they can be restored");
  // It can be undone: no count to type.
  await expect(dialog.getByRole("textbox")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Delete 2" }).click();
  await expect(page.getByText("Deleted 2 memories matching the filters.")).toBeVisible();

  await page.goto(`${tenantUrl(PROJECT, user)}/trash`);
  const trash = page.getByRole("table", { name: "Deleted memories" });
  const chips = trash.getByRole("list", { name: /^Filters of the delete that removed \d+$/ });
  await expect(chips).toHaveCount(2);
  await expect(chips.first().getByRole("listitem")).toHaveText(["text contains “foo”", "tag: bug"]);
  await expect(trash).not.toContainText("q=foo");
  await expect(page.getByRole("button", { name: /Whole delete/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Restore batch (2)" }).first().click();
  await expect(page.getByText("Restored 2 memories.")).toBeVisible();
  await expect(page.getByText("The trash is empty")).toBeVisible();
});

test("purging asks for the typed count and names what it destroys; after emptying the trash the page stays", async ({
  page,
}) => {
  const user = `trash-purge-${Date.now()}`;
  await seedMemories(page, { projectId: PROJECT, userId: user }, [
    { content: "one" },
    { content: "two" },
    { content: "three" },
  ]);
  await page.goto(tenantUrl(PROJECT, user));
  await waitForApp(page);
  await page.getByRole("checkbox", { name: "Select all memories on this page" }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Delete selected…" }).click();
  await page.getByRole("dialog", { name: "Delete 3 memories?" }).getByRole("button", { name: "Delete 3" }).click();
  await expect(page.getByText("Deleted 3 memories.")).toBeVisible();

  const trashUrl = `${tenantUrl(PROJECT, user)}/trash`;
  await page.goto(trashUrl);
  await waitForApp(page);
  const entries = page.getByRole("table", { name: "Deleted memories" }).getByRole("checkbox", {
    name: /^Select deleted memory \d+$/,
  });
  await expect(entries).toHaveCount(3);

  // Purge one selected entry: its count typed first.
  await entries.first().check();
  await page.getByRole("button", { name: "Purge selected…" }).click();
  const one = page.getByRole("dialog", { name: `Permanently delete 1 memory from the trash of ${user}?` });
  const purgeOne = one.getByRole("button", { name: "Delete 1 for good" });
  await expect(purgeOne).toBeDisabled();
  await one.getByRole("textbox", { name: "Type 1 to confirm" }).fill("1");
  await purgeOne.click();
  await expect(page.getByText("Purged 1 deleted memory for good.")).toBeVisible();
  await expect(entries).toHaveCount(2);

  // Empty the trash: the button waits for the exact count.
  await page.getByRole("button", { name: "Empty the trash…" }).click();
  const all = page.getByRole("dialog", { name: `Permanently delete 2 memories from the trash of ${user}?` });
  await expect(all).toContainText("can no longer be restored");
  const purgeAll = all.getByRole("button", { name: "Delete 2 for good" });
  const typed = all.getByRole("textbox", { name: "Type 2 to confirm" });
  await expect(purgeAll).toBeDisabled();
  await typed.fill("3");
  await expect(purgeAll).toBeDisabled();
  await typed.fill("2");
  await purgeAll.click();
  await expect(page.getByText("Purged 2 deleted memories for good.")).toBeVisible();

  // The user has no memories and no trash left, and the page stays, empty.
  await expect(page.getByRole("heading", { name: `Trash of ${user}` })).toBeVisible();
  await expect(page.getByText("The trash is empty")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(trashUrl);
  await page.reload();
  await expect(page.getByText("The trash is empty")).toBeVisible();
});
