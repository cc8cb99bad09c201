import { expect, test } from "@playwright/test";
import { auditPath } from "@/lib/paths";
import { PROJECT_A } from "./support/accounts";
import { listViaApi, tenantUrl, waitForApp } from "./support/app";
import { freshTenant, seedMemories } from "./support/memories";

test("bulk add a tag to all matching, see it in the list, then Undo puts every memory back", async ({ page }) => {
  const tenant = freshTenant(PROJECT_A, "bulk-edit");
  await seedMemories(page, tenant, [
    { text: "Bulk kiwi one", tags: ["fruit", "stale"] },
    { text: "Bulk kiwi two", tags: ["fruit"] },
    { text: "Bulk kiwi three", tags: ["fruit"], component: "orchard" },
    { text: "Bulk carrot", tags: ["vegetable"] },
  ]);
  const before = await listViaApi(page.request, tenant.projectId, tenant.userId, "sort=id&order=asc");

  await page.goto(`${tenantUrl(tenant.projectId, tenant.userId)}?tag=fruit`);
  await waitForApp(page);
  await page.getByRole("button", { name: "Edit all matching…" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit all matching memories" });
  await expect(dialog).toContainText(`3 memories of ${tenant.userId} match the current filters.`);
  await dialog.getByLabel("Add tags").fill("reviewed, ripe");
  await dialog.getByLabel("Remove tags").fill("stale");
  await dialog.getByRole("button", { name: "Edit 3" }).click();
  await expect(page.getByText("Edited 3 memories: +reviewed +ripe −stale")).toBeVisible();
  await expect(dialog).toBeHidden();

  // The list shows the new tags on each matching row, and the facets count them.
  const rows = page.getByRole("table", { name: "Memories" }).locator("tbody tr");
  await expect(rows.filter({ hasText: "reviewed" })).toHaveCount(3);
  await expect(rows.filter({ hasText: "stale" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Filter by tag reviewed (3)" })).toBeVisible();
  const edited = await listViaApi(page.request, tenant.projectId, tenant.userId, "sort=id&order=asc");
  expect(edited.items.map((m) => m.tags)).toEqual([
    ["fruit", "reviewed", "ripe"],
    ["fruit", "reviewed", "ripe"],
    ["fruit", "reviewed", "ripe"],
    ["vegetable"],
  ]);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Reverted 3 memories.")).toBeVisible();
  await expect(rows.filter({ hasText: "reviewed" })).toHaveCount(0);
  const after = await listViaApi(page.request, tenant.projectId, tenant.userId, "sort=id&order=asc");
  expect(after.items.map((m) => [m.id, m.tags, m.component])).toEqual(
    before.items.map((m) => [m.id, m.tags, m.component]),
  );

  // The audit log files the edit by what it did.
  await page.goto(`${auditPath()}?user=${encodeURIComponent(tenant.userId)}&project=${tenant.projectId}`);
  await expect(page.getByText("+reviewed +ripe −stale")).toBeVisible();
});

test("edit the selected memories: set their component; an edit that says nothing cannot be sent", async ({ page }) => {
  const tenant = freshTenant(PROJECT_A, "bulk-select");
  const ids = await seedMemories(page, tenant, [
    { text: "Selected plum", tags: [] },
    { text: "Selected pear", tags: [] },
    { text: "Unselected fig", tags: [], component: "tree" },
  ]);
  await page.goto(`${tenantUrl(tenant.projectId, tenant.userId)}?sort=id&order=asc`);
  await waitForApp(page);
  await page.getByRole("checkbox", { name: `Select memory ${ids[0]}` }).check();
  await page.getByRole("checkbox", { name: `Select memory ${ids[1]}` }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Edit tags…" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit the selected memories" });
  await expect(dialog).toContainText(`2 selected memories of ${tenant.userId}.`);
  await expect(dialog.getByRole("button", { name: "Edit 2" })).toBeDisabled();
  await dialog.getByLabel("Set the component").fill("orchard");
  await dialog.getByRole("button", { name: "Edit 2" }).click();
  await expect(page.getByText("Edited 2 memories: component=orchard")).toBeVisible();
  const after = await listViaApi(page.request, tenant.projectId, tenant.userId, "sort=id&order=asc");
  expect(after.items.map((m) => m.component)).toEqual(["orchard", "orchard", "tree"]);
});
