import { expect, test } from "@playwright/test";
import type { Tenant } from "@/db/tenant";
import { memoryHistoryPath, memoryPath } from "@/lib/paths";
import { PROJECT_B } from "./support/accounts";
import { memoryViaApi, replaceEditorText, waitForApp } from "./support/app";
import { seedMemories } from "./support/memories";

const tenant: Tenant = { projectId: PROJECT_B, userId: `history-${Date.now()}` };

test("edit a memory twice, see three versions, compare the first and the last, restore the first", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const [id] = await seedMemories(page, tenant, [{ content: "Prefers green tea", tags: ["pref"] }]);
  const first = (await memoryViaApi(request, tenant.projectId, tenant.userId, id!)).body!;

  for (const [content, tags] of [
    ["Prefers black coffee", ["pref"]],
    ["Prefers black coffee", ["pref", "drink"]],
  ] as const) {
    await page.goto(memoryPath(tenant, id!));
    await waitForApp(page);
    await page.getByRole("button", { name: "Edit" }).click();
    await replaceEditorText(page, "raw_data JSON", JSON.stringify({ content, tags }, null, 2));
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(`Saved memory ${id}.`)).toBeVisible();
  }

  await page.getByRole("link", { name: "History", exact: true }).click();
  await expect(page.getByRole("heading", { name: `History of memory ${id}` })).toBeVisible();
  const versions = page.getByRole("list", { name: "Versions" }).getByRole("listitem");
  await expect(versions).toHaveCount(3);
  // Newest first: what each change was, and who made it.
  await expect(versions.nth(0)).toContainText("Version 3");
  await expect(versions.nth(0)).toContainText("current");
  await expect(versions.nth(0)).toContainText("tags changed");
  await expect(versions.nth(0)).toContainText("demo@semantix.local");
  await expect(versions.nth(1)).toContainText("content edit");
  await expect(versions.nth(2)).toContainText("earliest kept");
  // The content edit embedded the new text: the vector moved, and the page says by how much.
  await expect(versions.nth(1)).toContainText(/Vector moved: L2 \d\.\d{4}, cosine \d\.\d{4}/);
  await expect(page.getByRole("img", { name: /Embedding drift/ })).toBeVisible();

  // Compare the first and the last: exactly the paths that changed.
  await versions.nth(2).getByRole("link", { name: "Compare with version 3" }).click();
  await expect(page).toHaveURL(memoryHistoryPath(tenant, id!, { from: 1, to: 3 }));
  const rows = page.getByRole("table", { name: "Changed paths" }).getByRole("row");
  await expect(rows).toHaveCount(3); // the header and two changes
  // In the stored document's order (jsonb keeps shorter keys first).
  await expect(rows.nth(1)).toHaveText(/tags\[1\]\s*added\s*"drink"/);
  await expect(rows.nth(2)).toHaveText(/content\s*changed\s*"Prefers green tea"\s*"Prefers black coffee"/);

  // Restore the first: it becomes the current row, and the history grows by one.
  await versions.nth(2).getByRole("button", { name: "Restore version 1" }).click();
  const dialog = page.getByRole("dialog", { name: `Restore version 1 of memory ${id}?` });
  await dialog.getByRole("button", { name: "Restore version 1" }).click();
  await expect(page.getByText(`Version 1 of memory ${id} is its current row again.`)).toBeVisible();
  await expect(versions).toHaveCount(4);
  const restored = (await memoryViaApi(request, tenant.projectId, tenant.userId, id!)).body!;
  expect(restored.rawData).toEqual(first.rawData);
});

test("a version number that is not in the history is named and the page stays", async ({ page }) => {
  const single: Tenant = { ...tenant, userId: `${tenant.userId}-single` };
  const [id] = await seedMemories(page, single, [{ content: "One version only" }]);
  await page.goto(memoryHistoryPath(single, id!, { from: 7 }));
  await expect(page.getByRole("alert").filter({ hasText: "in this link" })).toContainText(
    "The from in this link is not valid",
  );
  await expect(page.getByRole("list", { name: "Versions" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("No difference in raw_data.")).toBeVisible();
});

test("a re-embed is reverted from the audit log, the revert is audited, and a second revert says why it cannot", async ({
  page,
}) => {
  const mine: Tenant = { ...tenant, userId: `${tenant.userId}-revert` };
  const [id] = await seedMemories(page, mine, [{ content: "Reverted from the audit log" }]);
  await page.goto(memoryPath(mine, id!));
  await waitForApp(page);
  await page.getByRole("button", { name: "Re-embed" }).click();
  await expect(page.getByText(`Re-embedded memory ${id}.`)).toBeVisible();

  await page.goto(`/audit?project=${mine.projectId}&user=${mine.userId}`);
  const log = page.getByRole("table", { name: "Audit log" });
  const reembed = log.getByRole("row").filter({ hasText: "re-embed" });
  await reembed.getByRole("button", { name: "Revert" }).click();
  await page.getByRole("dialog", { name: "Revert this change?" }).getByRole("button", { name: "Revert" }).click();
  await expect(page.getByText("Reverted 1 memory.")).toBeVisible();
  // The revert is an entry of its own, revertible in turn.
  await expect(log.getByRole("row").nth(1)).toContainText("edit");
  await expect(log.getByRole("row").nth(1).getByRole("button", { name: "Revert" })).toBeVisible();

  // The memory changed since the re-embed (the revert changed it): a second revert changes nothing.
  await reembed.getByRole("button", { name: "Revert" }).click();
  const dialog = page.getByRole("dialog", { name: "Revert this change?" });
  await dialog.getByRole("button", { name: "Revert" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    `Nothing was reverted: every memory this change touched has changed since (${id}).`,
  );

  // The history shows the revert as the newest version, by the demo admin.
  await page.goto(memoryHistoryPath(mine, id!));
  const versions = page.getByRole("list", { name: "Versions" }).getByRole("listitem");
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0)).toContainText("demo@semantix.local");
});

test("a memory in the trash keeps its history readable, and a restore from the trash says who put it back", async ({
  page,
}) => {
  const mine: Tenant = { ...tenant, userId: `${tenant.userId}-trash` };
  const [id] = await seedMemories(page, mine, [{ content: "Sent to the trash and back" }]);
  await page.goto(memoryPath(mine, id!));
  await waitForApp(page);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page
    .getByRole("dialog", { name: `Delete memory ${id}?` })
    .getByRole("button", { name: "Delete memory" })
    .click();
  await expect(page.getByText(`Deleted memory ${id}.`)).toBeVisible();

  // The inspector's address says the memory is in the trash and leads to its history.
  await page.goto(memoryPath(mine, id!));
  await expect(page.getByRole("heading", { name: `Memory ${id} is in the trash` })).toBeVisible();
  await page.getByRole("link", { name: "See its history" }).click();
  await expect(page.getByRole("heading", { name: `History of memory ${id}` })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "in the trash since" })).toContainText(
    "restore the memory from the trash",
  );
  const versions = page.getByRole("list", { name: "Versions" }).getByRole("listitem");
  await expect(versions).toHaveCount(1);
  await expect(versions.nth(0)).toContainText("deleted");
  await expect(versions.nth(0)).toContainText(/Deleted \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · demo@semantix\.local/);
  // Nothing to restore a version to while the memory is in the trash.
  await expect(page.getByRole("button", { name: /^Restore version/ })).toHaveCount(0);

  await page.getByRole("link", { name: "restore the memory from the trash" }).click();
  await page.getByRole("button", { name: `Restore memory ${id}` }).click();
  await expect(page.getByText("Restored 1 memory.")).toBeVisible();
  await page.goto(memoryHistoryPath(mine, id!));
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText("restored");
  await expect(versions.nth(0)).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · demo@semantix\.local/);
  await expect(page.getByRole("status").filter({ hasText: "in the trash since" })).toHaveCount(0);
});

test("the history of a memory that never existed is a real 404", async ({ page }) => {
  const response = await page.goto(memoryHistoryPath(tenant, 2_000_000_000));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
