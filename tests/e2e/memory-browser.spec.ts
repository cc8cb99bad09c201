import { expect, test } from "@playwright/test";
import { listViaApi, shownIds, tenantUrl, waitForApp } from "./support/app";

// Read-only flows on the demo data of travel-planner.
const PROJECT = "travel-planner";

test("browse from the projects to a project's users to a user's memories", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("link", { name: PROJECT, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Users of ${PROJECT}` })).toBeVisible();

  const users = page.getByRole("table", { name: `Users of ${PROJECT}` });
  const firstUser = (await users.getByRole("rowheader").first().textContent())!.trim();
  await users.getByRole("link", { name: firstUser, exact: true }).click();

  await expect(page.getByRole("heading", { name: `Memories of ${firstUser}` })).toBeVisible();
  const api = await listViaApi(request, PROJECT, firstUser, "limit=50");
  await expect(page.getByText(`${api.total.value} memories in ${PROJECT}`)).toBeVisible();
  expect(await shownIds(page)).toEqual(api.items.map((m) => m.id));
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: PROJECT, exact: true })).toBeVisible();
  await expect(crumbs.getByRole("link", { name: firstUser, exact: true })).toHaveAttribute("aria-current", "page");
});

test("the projects and users filter boxes narrow the lists and keep it in the URL", async ({ page }) => {
  await page.goto(`/projects/${PROJECT}`);
  const box = page.getByRole("searchbox", { name: "Filter users" });
  await box.fill("kofi");
  await expect(page).toHaveURL(/\?q=kofi/);
  await expect(page.getByRole("rowheader")).toHaveText(["kofi.mensah"]);
});

test("filter by a tag from the facets, then by component from the filter bar", async ({ page, request }) => {
  const user = "laura.r";
  await page.goto(tenantUrl(PROJECT, user));
  const facets = page.getByRole("complementary", { name: "Facets" });
  const tagLink = facets.getByRole("link", { name: /^Filter by tag / }).first();
  const label = (await tagLink.getAttribute("aria-label"))!;
  const [, tag, count] = /^Filter by tag (.+) \((\d+)\)$/.exec(label)!;
  await tagLink.click();

  await expect(page).toHaveURL(new RegExp(`tag=${encodeURIComponent(tag!)}`));
  const withTag = await listViaApi(request, PROJECT, user, `tag=${encodeURIComponent(tag!)}&limit=50`);
  expect(withTag.total.value).toBe(Number(count));
  await expect(page.getByText(`${count} matching memor`)).toBeVisible();
  expect(await shownIds(page)).toEqual(withTag.items.map((m) => m.id));

  const component = withTag.items[0]!.component!;
  await page.getByRole("combobox", { name: "Add component" }).fill(component);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`component=${encodeURIComponent(component)}`));
  const both = await listViaApi(
    request,
    PROJECT,
    user,
    `tag=${encodeURIComponent(tag!)}&component=${encodeURIComponent(component)}&limit=50`,
  );
  await expect.poll(() => shownIds(page)).toEqual(both.items.map((m) => m.id));
  for (const m of both.items) expect(m.tags).toContain(tag);
});

test("a shared URL reproduces the filters, the sort and the page", async ({ browser, request }) => {
  const user = "kofi.mensah";
  const query = "embedding=with&sort=id&order=asc&limit=10&page=2";
  const context = await browser.newContext(); // a fresh browser (signed in as the same admin), as someone opening a shared link
  const page = await context.newPage();
  await page.goto(`${tenantUrl(PROJECT, user)}?${query}`);

  const api = await listViaApi(request, PROJECT, user, query);
  expect(await shownIds(page)).toEqual(api.items.map((m) => m.id));
  await expect(page.getByRole("columnheader", { name: /ID/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("link", { name: "Page 2", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("combobox", { name: "Embedding" })).toHaveValue("with");
  await context.close();
});

test("keyboard: / focuses search, j/k move, x selects, Enter opens", async ({ page }) => {
  const user = "kofi.mensah";
  await page.goto(tenantUrl(PROJECT, user));
  const ids = await shownIds(page);
  await waitForApp(page);

  // Retried until the page has hydrated and listens.
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search content" })).toBeFocused({ timeout: 500 });
  }).toPass();
  await page.keyboard.press("Escape");
  await page.locator("body").click({ position: { x: 5, y: 300 } });

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: `Select memory ${ids[1]}` })).toBeChecked();
  await expect(page.getByRole("region", { name: "Selection" })).toContainText("1 selected");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/memories/${ids[1]}$`));
  await expect(page.getByRole("heading", { name: `Memory ${ids[1]}` })).toBeVisible();
});

test("page numbers and the deeper cursor mode walk the list without gaps", async ({ page, request }) => {
  const user = "kofi.mensah";
  const all = (await listViaApi(request, PROJECT, user, "limit=200")).items.map((m) => m.id);
  await page.goto(`${tenantUrl(PROJECT, user)}?limit=20`);
  const seen = [...(await shownIds(page))];
  await page.getByRole("link", { name: "Page 2", exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/^21–40 of \d+/)).toBeVisible();
  seen.push(...(await shownIds(page)));

  // Cursor mode, as a huge tenant uses it beyond the numbered pages: continue after page 2.
  const { nextCursor } = await listViaApi(request, PROJECT, user, "limit=20&page=2");
  await page.goto(`${tenantUrl(PROJECT, user)}?limit=20&cursor=${nextCursor}`);
  await expect(page.getByRole("link", { name: "First page" })).toBeVisible();
  seen.push(...(await shownIds(page)));
  await page.getByRole("link", { name: "Load deeper" }).click();
  await expect.poll(async () => (await shownIds(page))[0]).toBe(all[60]);
  seen.push(...(await shownIds(page)));
  expect(seen).toEqual(all.slice(0, 80));
});

test("unknown users and memories show the not-found page", async ({ page }) => {
  await page.goto(tenantUrl(PROJECT, "nobody-here"));
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto(`${tenantUrl(PROJECT, "kofi.mensah")}/memories/999999`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto(`${tenantUrl(PROJECT, "kofi.mensah")}/memories/abc`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("the quick switcher jumps to a user by typing", async ({ page }) => {
  await page.goto("/");
  await waitForApp(page);
  await expect(async () => {
    await page.keyboard.press("Control+k");
    await expect(page.getByRole("dialog")).toBeVisible({ timeout: 500 });
  }).toPass();
  await page.getByRole("dialog").getByRole("combobox").fill("nadia");
  await page.getByRole("option", { name: /nadia\.h/ }).click();
  await expect(page).toHaveURL(/\/projects\/travel-planner\/users\/nadia\.h$/);
  await expect(page.getByRole("heading", { name: "Memories of nadia.h" })).toBeVisible();
});

test("the updated range in the filter bar narrows the list like the API; a tag mode alone is no filter", async ({
  page,
  request,
}) => {
  const user = "kofi.mensah";
  const list = await listViaApi(request, PROJECT, user, "limit=200&sort=updated_at");
  const all = list.items;
  const days = [...new Set(all.map((m) => String(m.updatedAt).slice(0, 10)))].sort();
  expect(days.length).toBeGreaterThan(2);
  const day = days[Math.floor(days.length / 2)]!;

  await page.goto(tenantUrl(PROJECT, user));
  await page.getByLabel("Updated to").fill(day);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`updatedTo=${day}`));
  const api = await listViaApi(request, PROJECT, user, `updatedTo=${day}&limit=50`);
  expect(api.total.value).toBeGreaterThan(0);
  expect(api.total.value).toBeLessThan(list.total.value);
  await expect(page.getByText(`${api.total.value} matching memor`)).toBeVisible();
  await expect.poll(() => shownIds(page)).toEqual(api.items.map((m) => m.id));
  await expect(page.getByLabel("Updated to")).toHaveValue(day);
  await expect(page.getByRole("button", { name: "Clear filters" })).toBeVisible();

  await page.goto(`${tenantUrl(PROJECT, user)}?tagMode=all`);
  await expect(page.getByText(`${list.total.value} memories in ${PROJECT}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Clear filters" })).toHaveCount(0);
});
