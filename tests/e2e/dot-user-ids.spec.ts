import { expect, test } from "@playwright/test";
import { projectPath, tenantPath } from "@/lib/paths";
import { PROJECT_B } from "./support/accounts";
import { openQuickSwitcher, replaceEditorText, waitForApp } from "./support/app";

test("the users . and .. are reached from the users list, the breadcrumb and the quick switcher", async ({ page }) => {
  // Project B: the hostile suite keeps its own ".." user in project A.
  const content = `a memory of the user .. ${Date.now()}`;
  await page.goto(`${tenantPath({ projectId: PROJECT_B, userId: ".." })}/new`);
  await waitForApp(page);
  await replaceEditorText(page, "New memory raw_data JSON", JSON.stringify({ content }));
  await page.getByRole("button", { name: "Create memory" }).click();
  await expect(page.getByRole("heading", { name: /^Memory \d+$/ })).toBeVisible();

  // The breadcrumb leads to the memory browser of "..", not to the project.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "..", exact: true }).click();
  await expect(page.getByRole("table", { name: "Memories" })).toContainText(content);
  expect(new URL(page.url()).pathname).toBe(tenantPath({ projectId: PROJECT_B, userId: ".." }));

  // From the project's users list.
  await page.goto(projectPath(PROJECT_B));
  await page.getByRole("link", { name: "..", exact: true }).click();
  await expect(page.getByRole("table", { name: "Memories" })).toContainText(content);

  // From the quick switcher.
  await page.goto("/");
  const dialog = await openQuickSwitcher(page);
  await dialog.getByRole("combobox").fill("..");
  // The option reads "user" and the id with no space between them in its text.
  await dialog
    .getByRole("option")
    .filter({ hasText: `user.. in ${PROJECT_B}` })
    .click();
  await expect(page.getByRole("table", { name: "Memories" })).toContainText(content);
});
