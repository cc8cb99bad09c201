import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS, PROJECT_A, PROJECT_B } from "./support/accounts";
import {
  memoryViaApi,
  openQuickSwitcher,
  replaceEditorText,
  shownIds,
  signedInContext,
  tenantUrl,
  waitForApp,
} from "./support/app";

// Each test signs in as one account of PROJECT_A in a browser of its own; the `request` fixture
// stays the demo admin, who checks what the database holds.
const USER = "ana.souza";
const USER_B = "gabriel.m";
const forbiddenMessage = `You need the admin role on project “${PROJECT_A}” for this.`;

/**
 * The inspector's Delete for someone who is not an admin of the project: the control may be
 * hidden or disabled; if it can be used, the server refuses and the toast says which role it takes.
 */
async function expectDeleteRefused(page: Page, id: number) {
  await waitForApp(page);
  const remove = page.getByRole("button", { name: "Delete", exact: true });
  if ((await remove.isVisible()) && (await remove.isEnabled())) {
    await remove.click();
    await page
      .getByRole("dialog", { name: `Delete memory ${id}?` })
      .getByRole("button", { name: "Delete memory" })
      .click();
    await expect(page.getByText(forbiddenMessage)).toBeVisible();
  }
  await expect(page.getByText(`Deleted memory ${id}.`)).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/memories/${id}$`));
  await expect(page.getByRole("heading", { name: `Memory ${id}` })).toBeVisible();
}

async function expectNoAccess(page: Page, url: string) {
  const response = await page.goto(url);
  await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  expect.soft(response?.status(), `HTTP status of ${url}`).toBe(403);
}

test("a viewer sees only the granted project and no admin links", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, ACCOUNTS.viewerA);
  await expect(page.getByRole("table", { name: "Projects" }).getByRole("rowheader")).toHaveText([PROJECT_A]);
  await expect(page.getByText("The projects you have been given access to.")).toBeVisible();
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("link", { name: "Tokens" })).toBeVisible();
  await expect(account.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(account.getByRole("link", { name: "Access" })).toHaveCount(0);
  await context.close();
});

test("the quick switcher offers a viewer only the granted project's users", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, ACCOUNTS.viewerA);
  const switcher = await openQuickSwitcher(page);
  const options = switcher.getByRole("option");
  await expect(options.filter({ hasText: USER })).toHaveCount(1);
  const offered = await options.allInnerTexts();
  expect(offered.length).toBeGreaterThan(1);
  for (const text of offered) expect(text).toContain(PROJECT_A);

  for (const query of [USER_B, PROJECT_B]) {
    await switcher.getByRole("combobox").fill(query);
    // The only option left says so, and cannot be chosen.
    await expect(options).toHaveText(["No project or user matches."]);
    await expect(options).toHaveAttribute("aria-disabled", "true");
  }
  await context.close();
});

test("a viewer opening another project's pages gets No access with HTTP 403", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, ACCOUNTS.viewerA);
  for (const url of [
    `/projects/${PROJECT_B}`,
    tenantUrl(PROJECT_B, USER_B),
    `${tenantUrl(PROJECT_B, USER_B)}/search?q=refactor`,
  ]) {
    await expectNoAccess(page, url);
    await expect(page.getByRole("main")).not.toContainText(USER_B);
    await expect(page.getByRole("table")).toHaveCount(0);
  }
  // The API with the browser's session says the same.
  expect((await page.request.get(`/api/v1${tenantUrl(PROJECT_B, USER_B)}/memories`)).status()).toBe(403);
  // Pages that need more than reading are refused on the granted project too.
  await expectNoAccess(page, `${tenantUrl(PROJECT_A, USER)}/new`);
  await expectNoAccess(page, "/audit");
  await context.close();
});

test("a viewer opens and searches a memory, and cannot delete it", async ({ browser, request }) => {
  const { context, page } = await signedInContext(browser, ACCOUNTS.viewerA);
  await page.goto(tenantUrl(PROJECT_A, USER));
  const [id] = await shownIds(page);
  await page.getByRole("link", { name: `Open memory ${id}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${id}` })).toBeVisible();
  await expect(page.getByRole("group", { name: "raw_data tree" })).toBeVisible();

  await page.goto(`${tenantUrl(PROJECT_A, USER)}/search`);
  await waitForApp(page);
  await page.getByRole("searchbox", { name: "Search by meaning" }).fill("login fails with SSO");
  const results = page.getByRole("list", { name: "Search results" }).getByRole("listitem");
  await expect(results.first()).toContainText("#1");

  await page.goto(`${tenantUrl(PROJECT_A, USER)}/memories/${id}`);
  await expectDeleteRefused(page, id!);
  expect((await memoryViaApi(request, PROJECT_A, USER, id!)).status).toBe(200);
  await context.close();
});

test("an editor creates a memory but cannot delete it", async ({ browser, request }) => {
  const { context, page } = await signedInContext(browser, ACCOUNTS.editorA);
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("link", { name: "Access" })).toHaveCount(0);

  await page.goto(tenantUrl(PROJECT_A, USER));
  await page.getByRole("link", { name: "New memory" }).click();
  await waitForApp(page);
  const rawData = { content: `Written by an editor ${Date.now()}`, tags: ["roles"], component: "e2e" };
  await replaceEditorText(page, "New memory raw_data JSON", JSON.stringify(rawData));
  await page.getByRole("button", { name: "Create memory" }).click();
  await expect(page.getByText(/^Created memory \d+\.$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Memory \d+$/ })).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split("/").pop());
  expect((await memoryViaApi(request, PROJECT_A, USER, id)).body?.rawData).toEqual(rawData);

  await expectDeleteRefused(page, id);
  expect((await memoryViaApi(request, PROJECT_A, USER, id)).status).toBe(200);
  await context.close();
});

test("a project admin has the Access and Audit log links, and deletes", async ({ browser, request }) => {
  const { context, page } = await signedInContext(browser, ACCOUNTS.adminA);
  await expect(page.getByRole("table", { name: "Projects" }).getByRole("rowheader")).toHaveText([PROJECT_A]);
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("link", { name: "Access" })).toHaveAttribute("href", "/admin/access");
  await expect(account.getByRole("link", { name: "Audit log" })).toHaveAttribute("href", "/audit");

  // What an editor may not do, the admin may: a memory of their own, then deleted.
  await page.goto(`${tenantUrl(PROJECT_A, USER)}/new`);
  await waitForApp(page);
  await replaceEditorText(
    page,
    "New memory raw_data JSON",
    JSON.stringify({ content: `Written by a project admin ${Date.now()}` }),
  );
  await page.getByRole("button", { name: "Create memory" }).click();
  await expect(page.getByRole("heading", { name: /^Memory \d+$/ })).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split("/").pop());
  await waitForApp(page);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page
    .getByRole("dialog", { name: `Delete memory ${id}?` })
    .getByRole("button", { name: "Delete memory" })
    .click();
  await expect(page.getByText(`Deleted memory ${id}.`)).toBeVisible();
  expect((await memoryViaApi(request, PROJECT_A, USER, id)).status).toBe(404);

  await account.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const latest = page.getByRole("table", { name: "Audit log" }).getByRole("row").nth(1);
  await expect(latest).toContainText(ACCOUNTS.adminA.email);
  await expect(latest).toContainText("delete");
  await expect(latest.getByRole("link", { name: String(id), exact: true })).toBeVisible();
  // Another project's log is not theirs.
  await page.goto(`/audit?project=${PROJECT_B}`);
  await expect(page.getByRole("table", { name: "Audit log" })).toHaveCount(0);
  await context.close();
});
