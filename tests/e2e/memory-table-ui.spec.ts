import { expect, test } from "@playwright/test";
import { listViaApi, replaceEditorText, shownIds, tenantUrl, waitForApp } from "./support/app";

test("hidden columns stay hidden after a reload", async ({ page }) => {
  await page.goto(tenantUrl("code-companion", "gabriel.m"));
  await waitForApp(page);
  const table = page.getByRole("table", { name: "Memories" });
  await expect(table.getByRole("columnheader", { name: "Component" })).toBeVisible();
  await page.getByLabel("Choose columns").click();
  await page.getByRole("checkbox", { name: "Component" }).uncheck();
  await expect(table.getByRole("columnheader", { name: "Component" })).toHaveCount(0);
  await page.reload();
  await expect(table.getByRole("columnheader", { name: "Tags" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Component" })).toHaveCount(0);
});

test("select the whole page, then everything matching; Esc closes the confirmation", async ({ page, request }) => {
  const [project, user] = ["code-companion", "hana.sato"];
  const total = (await listViaApi(request, project, user)).total.value;
  await page.goto(`${tenantUrl(project, user)}?limit=10`);
  await waitForApp(page);
  await page.getByRole("checkbox", { name: "Select all memories on this page" }).check();
  const selection = page.getByRole("region", { name: "Selection" });
  await expect(selection).toContainText("10 selected on this page");
  await selection.getByRole("button", { name: `Select all ${total} matching the filters` }).click();
  await expect(selection).toContainText(`All ${total} memories matching the filters are selected`);
  await selection.getByRole("button", { name: "Delete all matching…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete all matching memories?" });
  await expect(dialog).toContainText(`${total} memories`);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  expect((await listViaApi(request, project, user)).total.value).toBe(total);
});

test("a 100 KB memory with thousands of tags is cut in the list and stays usable in the inspector", async ({
  page,
  request,
}) => {
  const [project, user] = ["code-companion", "julia.n"];
  const content = `Long memory ${"lorem ipsum dolor sit amet ".repeat(3700)}`;
  const tags = Array.from({ length: 2000 }, (_, i) => `t${i}`);
  await page.goto(`${tenantUrl(project, user)}/new`);
  await waitForApp(page);
  await replaceEditorText(page, "New memory raw_data JSON", JSON.stringify({ content, tags, component: "bulk" }));
  await page.getByRole("button", { name: "Create memory" }).click();
  await expect(page.getByRole("heading", { name: /^Memory \d+$/ })).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByRole("button", { name: /show all [\d,]+ characters/ })).toBeVisible();

  const listed = (await listViaApi(request, project, user, "component=bulk")).items.find((m) => m.id === id)!;
  expect(listed.preview!.length).toBeLessThanOrEqual(280);
  expect(listed.tags).toHaveLength(20);

  await page.goto(`${tenantUrl(project, user)}?component=bulk`);
  const row = page.getByRole("row").filter({ has: page.getByRole("checkbox", { name: `Select memory ${id}` }) });
  await expect(row.getByText("+1980")).toBeVisible();
  expect(await shownIds(page)).toContain(id);
});

test("a list view fetches ahead only its next page; a header or toolbar link is fetched once the pointer rests on it", async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (r.headers().rsc === "1")
      fetched.push(new URL(r.url()).pathname + new URL(r.url()).search.replace(/[?&]_rsc=[^&]*/, ""));
  });
  const list = tenantUrl("code-companion", "hana.sato");
  await page.goto(list);
  await waitForApp(page);
  // Links prefetch once the app has hydrated and seen them: give it the time a user would take to look.
  await page.waitForTimeout(1500);
  expect(fetched.filter((u) => !u.startsWith(`${list}?page=2`))).toEqual([]);
  // The next page is fetched once its link comes into view.
  await page.getByRole("navigation", { name: "Pagination" }).scrollIntoViewIfNeeded();
  await expect.poll(() => fetched.some((u) => u.startsWith(`${list}?page=2`))).toBe(true);

  await page.getByRole("link", { name: "Trash" }).hover();
  await expect.poll(() => fetched.some((u) => u.startsWith(`${list}/trash`))).toBe(true);
});
