import { expect, test } from "@playwright/test";
import { listViaApi, memoryViaApi, shownIds, tenantUrl, waitForApp } from "./support/app";

const PROJECT = "wellness-coach";

test("previous and next follow the list the memory was opened from", async ({ page, request }) => {
  const user = "sam.taylor";
  const query = "sort=id&order=asc&embedding=with&limit=10";
  const api = await listViaApi(request, PROJECT, user, query);
  const [first, second, third] = api.items.map((m) => m.id);
  await page.goto(`${tenantUrl(PROJECT, user)}?${query}`);
  await page.getByRole("link", { name: `Open memory ${second}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${second}` })).toBeVisible();

  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: `Memory ${third}` })).toBeVisible();
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page.getByRole("heading", { name: `Memory ${second}` })).toBeVisible();
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page.getByRole("heading", { name: `Memory ${first}` })).toBeVisible();
  // The first of the list has no previous.
  await expect(page.getByRole("link", { name: "Previous" })).toHaveCount(0);

  await page.getByRole("link", { name: "Back to the list" }).click();
  expect(await shownIds(page)).toEqual(api.items.map((m) => m.id));
});

test("the JSON tree copies a value and its path, and the raw view shows the JSON", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const user = "sam.taylor";
  const [id] = (await listViaApi(request, PROJECT, user)).items.map((m) => m.id);
  const memory = (await memoryViaApi(request, PROJECT, user, id!)).body!;
  await page.goto(`${tenantUrl(PROJECT, user)}/memories/${id}`);
  await waitForApp(page);

  const tree = page.getByRole("group", { name: "raw_data tree" });
  await tree.getByRole("button", { name: "Copy path source.channel" }).click({ force: true });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("source.channel");
  await tree.getByRole("button", { name: "Copy value of source.channel" }).click({ force: true });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    (memory.rawData.source as { channel: string }).channel,
  );

  await tree.getByRole("button", { name: "Collapse source" }).click();
  await expect(tree.getByRole("button", { name: "Copy path source.channel" })).toHaveCount(0);

  await page.getByRole("button", { name: "Raw", exact: true }).click();
  const raw = (await page.getByLabel("raw_data as JSON").textContent())!;
  expect(JSON.parse(raw)).toEqual(memory.rawData);
});

test("re-embed a memory that has no embedding", async ({ page, request }) => {
  const user = "tara.singh";
  const [id] = (await listViaApi(request, PROJECT, user, "embedding=without")).items.map((m) => m.id);
  expect(id).toBeDefined();
  await page.goto(`${tenantUrl(PROJECT, user)}/memories/${id}`);
  await waitForApp(page);
  const panel = page.getByRole("region", { name: "Embedding" });
  await expect(panel).toContainText("No embedding");
  await page.getByRole("button", { name: "Re-embed" }).click();
  await expect(page.getByText(`Re-embedded memory ${id}.`)).toBeVisible();
  await expect(panel).toContainText("Dimensions768");
  const listed = await listViaApi(request, PROJECT, user, "embedding=without&limit=200");
  expect(listed.items.map((m) => m.id)).not.toContain(id);
});

test("the theme follows the system and can be switched", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/");
  await waitForApp(page);
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("button", { name: /^Theme: system/ }).click();
  await expect(page.locator("html")).toHaveClass(/light/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/light/);
  await context.close();
});
