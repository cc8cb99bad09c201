import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

export type ListResponse = {
  items: { id: number; preview: string | null; tags: string[]; component: string | null; updatedAt: string | null }[];
  nextCursor: string | null;
  total: { value: number; exact: boolean };
};

export const tenantUrl = (projectId: string, userId: string) =>
  `/projects/${encodeURIComponent(projectId)}/users/${encodeURIComponent(userId)}`;
const apiTenant = (projectId: string, userId: string) => `/api/v1${tenantUrl(projectId, userId)}`;

/**
 * What the database holds, read through the JSON API (the app holds the embedded database's only connection).
 * Pass the test's `request` fixture: it carries the project's storage state, so in the default
 * project it asks as the demo admin of every project.
 */
export async function listViaApi(
  request: APIRequestContext,
  projectId: string,
  userId: string,
  query = "",
): Promise<ListResponse> {
  const response = await request.get(`${apiTenant(projectId, userId)}/memories${query ? `?${query}` : ""}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ListResponse;
}

export async function memoryViaApi(request: APIRequestContext, projectId: string, userId: string, id: number) {
  const response = await request.get(`${apiTenant(projectId, userId)}/memories/${id}`);
  return {
    status: response.status(),
    body: response.ok() ? ((await response.json()) as { rawData: Record<string, unknown>; version: string }) : null,
  };
}

/** The ids of the rows the memory table shows, in order. */
export async function shownIds(page: Page): Promise<number[]> {
  const table = page.getByRole("table", { name: "Memories" });
  await expect(table).toBeVisible();
  const labels = await table
    .getByRole("checkbox", { name: /^Select memory \d+$/ })
    .evaluateAll((els) => els.map((el) => el.getAttribute("aria-label") ?? ""));
  return labels.map((l) => Number(l.replace("Select memory ", "")));
}

/** Types into a CodeMirror editor, replacing its text. */
export async function replaceEditorText(page: Page, label: string, text: string) {
  const editor = page.getByRole("textbox", { name: label });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await editor.fill(text);
}

/** Waits until React has hydrated the page, so keyboard shortcuts and client handlers are live. */
export async function waitForApp(page: Page) {
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
}

/** Fills in and sends the sign-in form (the page must be the sign-in page). */
export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Storage state of a browser that has never signed in. */
export const SIGNED_OUT = { cookies: [], origins: [] };

/** Better Auth's session cookie, named after the app's cookie prefix. */
export const SESSION_COOKIE = "semantix.session_token";

/**
 * A fresh browser context signed in as `account` through the sign-in form, on the projects page.
 * The caller closes the context; signing out of it never ends the shared admin session.
 */
export async function signedInContext(
  browser: Browser,
  account: { email: string; password: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signIn(page, account);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(account.email);
  return { context, page };
}

/** Opens the quick switcher with Ctrl+K (retried until the page listens) and returns its dialog. */
export async function openQuickSwitcher(page: Page) {
  await waitForApp(page);
  const dialog = page.getByRole("dialog", { name: "Jump to a project or user" });
  await expect(async () => {
    await page.keyboard.press("Control+k");
    await expect(dialog).toBeVisible({ timeout: 500 });
  }).toPass();
  return dialog;
}

/**
 * Imports memories into a user of the project through the import page (a new user gets its first memories).
 * Each item is a raw_data, or with `lines` a whole NDJSON line (raw_data with an embedding, timestamps).
 */
export async function importMemories(
  page: Page,
  projectId: string,
  userId: string,
  items: unknown[],
  options: { lines?: boolean } = {},
) {
  await page.goto(`${tenantUrl(projectId, userId)}/import`);
  await waitForApp(page);
  await page.getByLabel("NDJSON file").setInputFiles({
    name: "memories.ndjson",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from(items.map((item) => JSON.stringify(options.lines ? item : { raw_data: item })).join("\n")),
  });
  const count = `${items.length} ${items.length === 1 ? "memory" : "memories"}`;
  const done = page.getByRole("status").filter({ hasText: `Imported ${count}.` });
  // The import shows what it read first; its button says how many it imports.
  const confirm = page.getByRole("button", { name: `Import ${count}` });
  await expect(done.or(confirm)).toBeVisible();
  if (await confirm.isVisible()) await confirm.click();
  await expect(done).toBeVisible();
}
