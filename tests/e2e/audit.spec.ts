import { expect, test } from "@playwright/test";
import { tenantUrl, waitForApp } from "./support/app";
import { seedMemories } from "./support/memories";

const PROJECT = "sales-assistant";

test("a delete by filter shows its filters as readable chips in the audit log", async ({ page }) => {
  const user = `audit-chips-${Date.now()}`;
  await seedMemories(page, { projectId: PROJECT, userId: user }, [
    { content: "alpha", tags: ["bug"], component: "chat" },
    { content: "beta", tags: ["bug"], component: "chat" },
  ]);
  await page.goto(`${tenantUrl(PROJECT, user)}?tag=bug&component=chat&from=2000-01-01&limit=10`);
  await waitForApp(page);
  await page.getByRole("button", { name: "Delete all matching…" }).click();
  await page
    .getByRole("dialog", { name: "Delete all matching memories?" })
    .getByRole("button", { name: "Delete 2" })
    .click();
  await expect(page.getByText("Deleted 2 memories matching the filters.")).toBeVisible();

  await page.goto(`/audit?project=${PROJECT}&user=${user}`);
  const log = page.getByRole("table", { name: "Audit log" });
  const row = log.getByRole("row").nth(1);
  await expect(row).toContainText("delete");
  await expect(row.getByRole("list", { name: "Filters of the delete" }).getByRole("listitem")).toHaveText([
    "tag: bug",
    "component: chat",
    "created from 2000-01-01",
  ]);
  await expect(log).not.toContainText("tag=bug");
});
