import { expect, test } from "@playwright/test";
import { listViaApi, memoryViaApi, openQuickSwitcher, shownIds, tenantUrl, waitForApp } from "./support/app";
import { seedMemories } from "./support/memories";
import { ownTenant } from "./support/own-tenant";

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

test("keys in the inspector: j and → next, k and ← previous, e edits, Esc back to the list", async ({ page }) => {
  const tenant = ownTenant("keys");
  const [first, second, third] = await seedMemories(
    page,
    tenant,
    [1, 2, 3].map((n) => ({ content: `Memory number ${n}` })),
  );
  await page.goto(`${tenant.url}?sort=id&order=asc`);
  await page.getByRole("link", { name: `Open memory ${second}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${second}` })).toBeVisible();
  await waitForApp(page);

  const heading = (id: number | undefined) => page.getByRole("heading", { name: `Memory ${id}`, exact: true });
  await page.keyboard.press("ArrowRight");
  await expect(heading(third)).toBeVisible();
  await page.keyboard.press("k");
  await expect(heading(second)).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(heading(first)).toBeVisible();
  await page.keyboard.press("j");
  await expect(heading(second)).toBeVisible();

  // e opens the editor; keys typed there are text, not shortcuts.
  await page.keyboard.press("e");
  await expect(page.getByRole("heading", { name: "Editing raw_data" })).toBeVisible();
  await page.getByRole("textbox", { name: "raw_data JSON" }).click();
  await page.keyboard.press("j");
  await page.keyboard.press("Escape");
  await expect(heading(second)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Editing raw_data" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { name: `Memories of ${tenant.userId}` })).toBeVisible();
  await expect(page).toHaveURL(/\?sort=id&order=asc$/);
});

test("? opens the sheet of every shortcut; the header's icon buttons have a name and a tooltip", async ({ page }) => {
  await page.goto("/");
  await waitForApp(page);
  await page.keyboard.press("?");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toBeVisible();
  const table = sheet.getByRole("table", { name: "Keyboard shortcuts" });
  for (const [keys, does] of [
    ["Ctrl+K or ⌘K", "Jump to a project, a user, or a memory by its id"],
    ["?", "Show these shortcuts"],
    ["/", "Focus the page's filter or search box"],
    ["j or →", "Next memory of the list"],
    ["k or ←", "Previous memory of the list"],
    ["e", "Edit raw_data"],
    ["Esc", "Back to the list"],
    ["x", "Select or unselect the row"],
  ] as const) {
    await expect(table.getByRole("row").filter({ hasText: does })).toContainText(keys);
  }
  await page.keyboard.press("Escape");
  await expect(sheet).toHaveCount(0);

  const header = page.getByRole("banner");
  for (const button of await header.getByRole("button").all()) {
    // biome-ignore lint/performance/useDomNodeTextContent: the text shown, not the text hidden at this width
    if ((await button.innerText()).trim() !== "") continue; // icon-only
    await expect(button).toHaveAttribute("aria-label", /.+/);
    await expect(button).toHaveAttribute("title", /.+/);
  }
  await header.getByRole("button", { name: "Keyboard shortcuts (?)" }).click();
  await expect(sheet).toBeVisible();
});

test("Ctrl+K jumps to a memory of the current user by its id", async ({ page }) => {
  const tenant = ownTenant("jump");
  const [id] = await seedMemories(page, tenant, [{ content: "Jump here" }]);
  await page.goto(tenant.url);
  let switcher = await openQuickSwitcher(page);
  await switcher.getByRole("combobox").fill(`#${id}`);
  await switcher.getByRole("option", { name: new RegExp(`^Memory #${id} `) }).click();
  await expect(page).toHaveURL(new RegExp(`/memories/${id}$`));
  await expect(page.getByRole("heading", { name: `Memory ${id}`, exact: true })).toBeVisible();

  // An id this user does not have is not offered.
  switcher = await openQuickSwitcher(page);
  await switcher.getByRole("combobox").fill("2147483646");
  await expect(switcher.getByText("No project or user matches.")).toBeVisible();
  await expect(switcher.getByRole("option", { name: /^Memory #/ })).toHaveCount(0);
});
