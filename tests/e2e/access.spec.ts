import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS, PROJECT_A, PROJECT_B } from "./support/accounts";
import { SIGNED_OUT, signedInContext, signIn, waitForApp } from "./support/app";
import { createAccountOnAccessPage } from "./support/throwaway-accounts";

// Admins manage access and API tokens as a user would: the demo admin signed in by the setup
// project, and an admin of project A who signs in in a browser of its own.

test("an admin gives a new account a role on one project, which it then sees alone, and revokes it", async ({
  page,
  browser,
}) => {
  const email = `newbie-${Date.now()}@e2e.test`;
  const password = "first-password-1";
  await page.goto("/admin/access");
  await waitForApp(page);
  const form = page.getByRole("form", { name: "Grant a role" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Project").selectOption(PROJECT_B);
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByRole("button", { name: "Grant" }).click();
  // A new account needs a first password: the form says so and nothing is created.
  await expect(form.getByRole("alert")).toContainText("has no account yet");
  await form.getByLabel("First password (new accounts)").fill(password);
  await form.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByText(`Created the account of ${email}.`)).toBeVisible();
  const row = page.getByRole("table", { name: "Grants" }).getByRole("row").filter({ hasText: email });
  await expect(row).toContainText(PROJECT_B);
  await expect(row.getByRole("combobox", { name: `Role of ${email} on ${PROJECT_B}` })).toHaveValue("viewer");

  const newbie = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const newbiePage = await newbie.newPage();
  await newbiePage.goto("/sign-in");
  await signIn(newbiePage, { email, password });
  await expect(newbiePage.getByRole("heading", { name: "Projects" })).toBeVisible();
  await expect(newbiePage.getByRole("link", { name: PROJECT_B, exact: true })).toBeVisible();
  const shownProjects = await newbiePage.getByRole("table").getByRole("row").count();
  expect(shownProjects).toBe(2); // the header row and PROJECT_B

  await row.getByRole("button", { name: /^Revoke/ }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke this role?" });
  await expect(dialog).toContainText(email);
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(`Removed the viewer role of ${email}.`)).toBeVisible();
  await expect(row).toHaveCount(0);

  await newbiePage.reload();
  await expect(newbiePage.getByText("No projects for you yet")).toBeVisible();
  const forbidden = await newbiePage.goto(`/projects/${encodeURIComponent(PROJECT_B)}`);
  expect(forbidden?.status()).toBe(403);
  await expect(newbiePage.getByRole("heading", { name: "No access" })).toBeVisible();
  await newbie.close();
});

test("an API token is shown once, opens the JSON API, records its last use, and stops working when revoked", async ({
  page,
  playwright,
  baseURL,
}) => {
  const name = `script ${Date.now()}`;
  await page.goto("/account/tokens");
  await waitForApp(page);
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^smx_[A-Za-z0-9_-]{43}$/);

  // A script without the browser's cookies.
  const script = await playwright.request.newContext({
    baseURL: baseURL!,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const projects = await script.get("/api/v1/projects");
  expect(projects.status()).toBe(200);
  expect(((await projects.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

  await page.reload();
  const row = page.getByRole("table", { name: "Tokens" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).not.toContainText("never");
  await expect(page.getByText(token)).toHaveCount(0); // shown once only

  await row.getByRole("button", { name: `Revoke token ${name}` }).click();
  await page.getByRole("dialog", { name: "Revoke this token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  const refused = await script.get("/api/v1/projects");
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  await script.dispose();
});

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

/** A token made by the account signed in on `page`, on its tokens page. */
async function createToken(page: Page): Promise<string> {
  await page.goto("/account/tokens");
  await waitForApp(page);
  await page.getByLabel("Token name").fill(`script ${Date.now()}`);
  await page.getByRole("button", { name: "Create token" }).click();
  return (await page.getByTestId("new-token").textContent())!.trim();
}

/** The audit log's entries about one account, as the signed-in admin sees them. */
async function auditRowsOf(page: Page, email: string) {
  await page.goto(`/audit?user=${encodeURIComponent(email)}`);
  return page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: email });
}

test("an admin changes a role in place: it takes effect for the account at once, and the audit log shows it", async ({
  page,
  browser,
}) => {
  const account = await createAccountOnAccessPage(page, { project: PROJECT_B, role: "viewer" });
  const { context, page: theirs } = await signedInContext(browser, account);
  expect((await theirs.goto("/admin/access"))?.status()).toBe(403); // a viewer manages no access

  const role = page.getByRole("combobox", { name: `Role of ${account.email} on ${PROJECT_B}` });
  await role.selectOption("admin");
  await expect(page.getByText(`${account.email} is now admin on ${PROJECT_B} (was viewer).`)).toBeVisible();
  await page.reload();
  await expect(role).toHaveValue("admin");

  expect((await theirs.goto("/admin/access"))?.status()).toBe(200);
  await expect(theirs.getByRole("heading", { name: "Access" })).toBeVisible();
  await context.close();

  const entries = await auditRowsOf(page, account.email);
  await expect(entries.filter({ hasText: "change-role" })).toContainText(ACCOUNTS.admin.email);
  await expect(entries.filter({ hasText: "change-role" })).toContainText("viewer → admin");
  await expect(entries.filter({ hasText: "change-role" })).toContainText(PROJECT_B);
});

test("a disabled account is signed out, cannot sign in and its API token is refused, until it is enabled again", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const account = await createAccountOnAccessPage(page, { project: PROJECT_A, role: "viewer" });
  const { context, page: theirs } = await signedInContext(browser, account);
  const token = await createToken(theirs);
  const script = await playwright.request.newContext({
    baseURL: baseURL!,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await script.get("/api/v1/projects")).status()).toBe(200);

  await page.reload();
  await waitForApp(page);
  const accounts = page.getByRole("table", { name: "Accounts" });
  // The admin's own account offers nothing to disable or delete.
  await expect(accounts.getByRole("row").filter({ hasText: ACCOUNTS.admin.email }).getByRole("button")).toHaveCount(0);
  await accounts.getByRole("button", { name: `Disable ${account.email}` }).click();
  await expect(page.getByText(`Disabled ${account.email}`)).toBeVisible();
  await expect(accounts.getByRole("row").filter({ hasText: account.email })).toContainText("Disabled");

  const refused = await script.get("/api/v1/projects");
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("disabled");
  await theirs.goto("/");
  await expect(theirs).toHaveURL(/\/sign-in/);
  await signIn(theirs, account);
  await expect(theirs.getByRole("alert").filter({ hasText: "This account is disabled" })).toBeVisible();

  await accounts.getByRole("button", { name: `Enable ${account.email}` }).click();
  await expect(page.getByText(`Enabled ${account.email} again.`)).toBeVisible();
  await theirs.goto("/sign-in");
  await signIn(theirs, account);
  await expect(theirs.getByRole("heading", { name: "Projects" })).toBeVisible();
  expect((await script.get("/api/v1/projects")).status()).toBe(200);
  await script.dispose();
  await context.close();

  const entries = await auditRowsOf(page, account.email);
  await expect(entries.filter({ hasText: "disable-account" })).toContainText(ACCOUNTS.admin.email);
  await expect(entries.filter({ hasText: "enable-account" })).toContainText(ACCOUNTS.admin.email);
});

test("deleting an account asks for its email, and the account is gone with its roles and API tokens", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const account = await createAccountOnAccessPage(page, { project: PROJECT_A, role: "editor" });
  const { context, page: theirs } = await signedInContext(browser, account);
  const token = await createToken(theirs);
  await context.close();

  await page.reload();
  await waitForApp(page);
  await page
    .getByRole("table", { name: "Accounts" })
    .getByRole("button", { name: `Delete ${account.email}` })
    .click();
  const dialog = page.getByRole("dialog", { name: "Delete this account?" });
  await expect(dialog).toContainText(account.email);
  await expect(dialog).toContainText("cannot be undone");
  const confirm = dialog.getByRole("button", { name: "Delete account" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${account.email} to confirm`).fill(account.email);
  await confirm.click();
  await expect(page.getByText(`Deleted the account of ${account.email} with 1 role and 1 API token.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: account.email })).toHaveCount(0);

  const script = await playwright.request.newContext({
    baseURL: baseURL!,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await script.get("/api/v1/projects")).status()).toBe(401);
  await script.dispose();
  const stranger = await browser.newContext({ storageState: SIGNED_OUT });
  const signInPage = await stranger.newPage();
  await signInPage.goto("/sign-in");
  await signIn(signInPage, account);
  await expect(signInPage.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await stranger.close();

  const entries = await auditRowsOf(page, account.email);
  await expect(entries.filter({ hasText: "delete-account" })).toContainText("with 1 role and 1 API token");
});
