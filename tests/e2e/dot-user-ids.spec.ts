import { expect, test } from "@playwright/test";
import { projectPath, tenantPath } from "@/lib/paths";
import { ACCOUNTS, PROJECT_A, PROJECT_B } from "./support/accounts";
import { openQuickSwitcher, replaceEditorText, signedInContext, waitForApp } from "./support/app";

test("a project admin is offered Revoke on their project's grants only, not on grants of all projects", async ({
  browser,
}) => {
  const { context, page } = await signedInContext(browser, ACCOUNTS.adminA);
  await page.goto("/admin/access");
  await waitForApp(page);
  const grants = page.getByRole("table", { name: "Grants" });
  const allProjects = grants.getByRole("row").filter({ hasText: ACCOUNTS.admin.email });
  await expect(allProjects).toContainText("All projects");
  await expect(allProjects.getByRole("button")).toHaveCount(0);
  const ownProject = grants.getByRole("row").filter({ hasText: ACCOUNTS.viewerA.email });
  await expect(ownProject).toContainText(PROJECT_A);
  await expect(
    ownProject.getByRole("button", { name: `Revoke viewer of ${ACCOUNTS.viewerA.email} on ${PROJECT_A}` }),
  ).toBeVisible();
  await context.close();
});

test("an admin of all projects is offered Revoke on another account's grant of all projects", async ({ page }) => {
  const email = `all-projects-${Date.now()}@e2e.test`;
  await page.goto("/admin/access");
  await waitForApp(page);
  const form = page.getByRole("form", { name: "Grant a role" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Project").selectOption({ label: "All projects" });
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByLabel("First password (new accounts)").fill("first-password-1");
  await form.getByRole("button", { name: "Grant" }).click();
  const row = page.getByRole("table", { name: "Grants" }).getByRole("row").filter({ hasText: email });
  await row.getByRole("button", { name: `Revoke viewer of ${email} on all projects` }).click();
  await page.getByRole("dialog", { name: "Revoke this role?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(`Removed the viewer role of ${email}.`)).toBeVisible();
  await expect(row).toHaveCount(0);
});

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
