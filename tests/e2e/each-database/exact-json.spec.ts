import { type APIRequestContext, expect, test } from "@playwright/test";
import { prettyJson } from "@/lib/json-text";
import { ACCOUNTS, PROJECT_A } from "../support/accounts";
import { replaceEditorText, signedInContext, tenantUrl, waitForApp } from "../support/app";

// Runs against the embedded and the PostgreSQL server alike. raw_data that JSON.parse cannot
// hold goes in through the editor, and must show, save and travel through export and import
// exactly as the database stores it.
const AGENT_TEXT = '{"n": 12345678901234567890, "f": 1.0000000000000000001, "e": 1e400, "__proto__": {"a": 1}}';
// jsonb's own text of it: keys by length, then bytes; 1e400 written out.
const STORED = `{"e": 1${"0".repeat(400)}, "f": 1.0000000000000000001, "n": 12345678901234567890, "__proto__": {"a": 1}}`;

const apiPath = (userId: string) => `/api/v1${tenantUrl(PROJECT_A, userId)}`;
/** The API's answer for one memory, as text: raw_data inside it is what the database holds. */
const memoryText = async (request: APIRequestContext, userId: string, id: number) => {
  const response = await request.get(`${apiPath(userId)}/memories/${id}`);
  expect(response.status()).toBe(200);
  return response.text();
};

test("numbers JavaScript cannot hold and a __proto__ key are shown, saved unchanged and edited exactly", async ({
  browser,
}) => {
  const { context, page } = await signedInContext(browser, ACCOUNTS.admin);
  const user = `exact-${test.info().project.name}-${Date.now()}`;
  await page.goto(`${tenantUrl(PROJECT_A, user)}/new`);
  await waitForApp(page);
  await replaceEditorText(page, "New memory raw_data JSON", AGENT_TEXT);
  await page.getByRole("button", { name: "Create memory" }).click();
  await expect(page).toHaveURL(/\/memories\/\d+/);
  await waitForApp(page);
  const id = Number(/\/memories\/(\d+)/.exec(page.url())![1]);
  const before = await memoryText(context.request, user, id);
  expect(before).toContain(`"rawData":${STORED}`);

  const tree = page.getByRole("group", { name: "raw_data tree" });
  await expect(tree).toContainText("n: 12345678901234567890");
  await expect(tree).toContainText("f: 1.0000000000000000001");
  await expect(tree).toContainText(`e: 1${"0".repeat(400)}`);
  await expect(tree.getByRole("button", { name: "Collapse __proto__" })).toBeVisible();
  await expect(tree).toContainText("a: 1");
  await page.getByRole("button", { name: "Raw", exact: true }).click();
  expect(await page.getByLabel("raw_data as JSON").textContent()).toBe(prettyJson(STORED));

  // Edit, then Save without changing anything: nothing changes, not even updated_at.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`Nothing changed in memory ${id}.`)).toBeVisible();
  expect(await memoryText(context.request, user, id)).toBe(before);

  // A real edit changes only what was edited.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await replaceEditorText(page, "raw_data JSON", prettyJson(STORED).replace('"a": 1', '"a": 2'));
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`Saved memory ${id}.`)).toBeVisible();
  await expect
    .poll(() => memoryText(context.request, user, id))
    .toContain(`"rawData":${STORED.replace('"a": 1', '"a": 2')}`);
  await context.close();
});

test("an export imported through the import page gives raw_data back to the digit", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, ACCOUNTS.admin);
  const source = `exact-source-${test.info().project.name}-${Date.now()}`;
  const copy = `${source}-copy`;
  await page.goto(`${tenantUrl(PROJECT_A, source)}/new`);
  await waitForApp(page);
  await replaceEditorText(
    page,
    "New memory raw_data JSON",
    '{"content": "exact", "tiny": 0.10000000000000000001, "tags": [12345678901234567890]}',
  );
  await page.getByRole("button", { name: "Create memory" }).click();
  await expect(page).toHaveURL(/\/memories\/\d+/);

  const exported = await (await context.request.get(`${apiPath(source)}/export?format=ndjson`)).text();
  expect(exported).toContain('"tiny": 0.10000000000000000001');
  await page.goto(`${tenantUrl(PROJECT_A, copy)}/import`);
  await waitForApp(page);
  await page
    .getByLabel("NDJSON file")
    .setInputFiles({ name: "export.ndjson", mimeType: "application/x-ndjson", buffer: Buffer.from(exported) });
  await page.getByRole("button", { name: "Import 1 memory" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 1 memory." })).toBeVisible();

  const rawDataOf = (ndjson: string) =>
    ndjson
      .trimEnd()
      .split("\n")
      .map((line) => /"raw_data":(\{.*\}),"embedding"/.exec(line)![1]);
  const reexported = await (await context.request.get(`${apiPath(copy)}/export?format=ndjson`)).text();
  expect(rawDataOf(reexported)).toEqual(rawDataOf(exported));
  await context.close();
});
