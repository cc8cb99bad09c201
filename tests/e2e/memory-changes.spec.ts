import { expect, test } from "@playwright/test";
import { listViaApi, memoryViaApi, replaceEditorText, shownIds, tenantUrl, waitForApp } from "./support/app";

// Flows that change data; each uses its own demo user of support-copilot so they do not interfere.
const PROJECT = "support-copilot";

test("open a memory, edit it, and see the change in the list and the database", async ({ page, request }) => {
  const user = "chen.wei";
  await page.goto(tenantUrl(PROJECT, user));
  const [id] = await shownIds(page);
  await page.getByRole("link", { name: `Open memory ${id}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${id}` })).toBeVisible();
  await waitForApp(page);

  const before = (await memoryViaApi(request, PROJECT, user, id!)).body!;
  const edited = { ...before.rawData, content: `Edited in the browser ${Date.now()}` };
  await page.getByRole("button", { name: "Edit" }).click();
  await replaceEditorText(page, "raw_data JSON", JSON.stringify(edited, null, 2));
  await expect(page.getByRole("status").filter({ hasText: "Valid JSON object" })).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Saved memory ${id}.`)).toBeVisible();

  const after = (await memoryViaApi(request, PROJECT, user, id!)).body!;
  expect(after.rawData).toEqual(edited);
  expect(after.version).not.toBe(before.version);

  await page.getByRole("link", { name: "Back to the list" }).click();
  await expect(page.getByRole("link", { name: `Open memory ${id}` })).toHaveText(edited.content);
});

test("the editor refuses JSON that is not an object before anything is sent", async ({ page, request }) => {
  const user = "chen.wei";
  await page.goto(tenantUrl(PROJECT, user));
  const [id] = await shownIds(page);
  const before = (await memoryViaApi(request, PROJECT, user, id!)).body!;
  await page.goto(`${tenantUrl(PROJECT, user)}/memories/${id}`);
  await waitForApp(page);
  await page.getByRole("button", { name: "Edit" }).click();
  await replaceEditorText(page, "raw_data JSON", '["an", "array"]');
  await expect(page.getByRole("status").filter({ hasText: "must be a JSON object" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await replaceEditorText(page, "raw_data JSON", '{"content": ');
  await expect(page.getByRole("status").filter({ hasText: "not valid JSON" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  expect((await memoryViaApi(request, PROJECT, user, id!)).body).toEqual(before);
});

test("an edit made in a second tab after the first saved is refused as a conflict", async ({ context, request }) => {
  const user = "ben.okafor";
  const first = await context.newPage();
  await first.goto(tenantUrl(PROJECT, user));
  const [id] = await shownIds(first);
  const url = `${tenantUrl(PROJECT, user)}/memories/${id}`;
  const second = await context.newPage();
  await Promise.all([first.goto(url), second.goto(url)]);
  await Promise.all([waitForApp(first), waitForApp(second)]);
  const original = (await memoryViaApi(request, PROJECT, user, id!)).body!.rawData;

  for (const tab of [first, second]) await tab.getByRole("button", { name: "Edit" }).click();
  await replaceEditorText(first, "raw_data JSON", JSON.stringify({ ...original, content: "first tab wins" }));
  await first.getByRole("button", { name: "Save" }).click();
  await expect(first.getByText(`Saved memory ${id}.`)).toBeVisible();

  await replaceEditorText(second, "raw_data JSON", JSON.stringify({ ...original, content: "second tab loses" }));
  await second.getByRole("button", { name: "Save" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "changed since you opened it" })).toBeVisible();
  expect((await memoryViaApi(request, PROJECT, user, id!)).body!.rawData.content).toBe("first tab wins");
});

test("delete one memory from the inspector, after confirming", async ({ page, request }) => {
  const user = "dmitri.v";
  await page.goto(tenantUrl(PROJECT, user));
  const [id] = await shownIds(page);
  const total = (await listViaApi(request, PROJECT, user)).total.value;
  await page.getByRole("link", { name: `Open memory ${id}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${id}` })).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Delete memory ${id}?` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect((await memoryViaApi(request, PROJECT, user, id!)).status).toBe(200);

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await dialog.getByRole("button", { name: "Delete memory" }).click();
  await expect(page.getByText(`Deleted memory ${id}.`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${tenantUrl(PROJECT, user).replace(/\./g, "\\.")}$`));
  await expect(page.getByRole("link", { name: `Open memory ${id}` })).toHaveCount(0);
  expect((await memoryViaApi(request, PROJECT, user, id!)).status).toBe(404);
  expect((await listViaApi(request, PROJECT, user)).total.value).toBe(total - 1);
});

test("bulk-delete a selection of rows", async ({ page, request }) => {
  const user = "eva.lindqvist";
  await page.goto(tenantUrl(PROJECT, user));
  await waitForApp(page);
  const ids = (await shownIds(page)).slice(1, 4);
  const total = (await listViaApi(request, PROJECT, user)).total.value;
  for (const id of ids) await page.getByRole("checkbox", { name: `Select memory ${id}` }).check();
  const selection = page.getByRole("region", { name: "Selection" });
  await expect(selection).toContainText("3 selected");
  await selection.getByRole("button", { name: "Delete selected…" }).click();
  await page.getByRole("dialog", { name: "Delete 3 memories?" }).getByRole("button", { name: "Delete 3" }).click();
  await expect(page.getByText("Deleted 3 memories.")).toBeVisible();

  for (const id of ids) {
    await expect(page.getByRole("checkbox", { name: `Select memory ${id}` })).toHaveCount(0);
    expect((await memoryViaApi(request, PROJECT, user, id)).status).toBe(404);
  }
  expect((await listViaApi(request, PROJECT, user)).total.value).toBe(total - 3);
});

test("delete all memories matching a filter after a plain confirmation: the trash can undo it", async ({
  page,
  request,
}) => {
  const user = "farah.k";
  const before = await listViaApi(request, PROJECT, user, "limit=200");
  const component = before.items[0]!.component!;
  const matching = await listViaApi(request, PROJECT, user, `component=${encodeURIComponent(component)}&limit=200`);
  const count = matching.total.value;
  expect(count).toBeGreaterThan(1);

  await page.goto(`${tenantUrl(PROJECT, user)}?component=${encodeURIComponent(component)}`);
  await waitForApp(page);
  await page.getByRole("button", { name: "Delete all matching…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete all matching memories?" });
  await expect(dialog).toContainText(`${count} memories`);
  await expect(dialog).toContainText("from where they can be restored");
  await expect(dialog.getByRole("textbox")).toHaveCount(0);
  await dialog.getByRole("button", { name: `Delete ${count}` }).click();
  await expect(page.getByText(`Deleted ${count} memories matching the filters.`)).toBeVisible();
  await expect(page.getByText("No memory matches these filters")).toBeVisible();

  expect((await listViaApi(request, PROJECT, user, `component=${encodeURIComponent(component)}`)).total.value).toBe(0);
  expect((await listViaApi(request, PROJECT, user)).total.value).toBe(before.total.value - count);
});

test("create a memory from the template", async ({ page, request }) => {
  const user = "ana.souza";
  await page.goto(tenantUrl(PROJECT, user));
  await page.getByRole("link", { name: "New memory" }).click();
  await waitForApp(page);
  const content = `Prefers answers in Portuguese ${Date.now()}`;
  await replaceEditorText(
    page,
    "New memory raw_data JSON",
    JSON.stringify({ content, tags: ["language"], component: "preferences" }),
  );
  await page.getByRole("button", { name: "Create memory" }).click();
  await expect(page.getByText(/^Created memory \d+\.$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Memory \d+$/ })).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split("/").pop());
  const stored = await memoryViaApi(request, PROJECT, user, id);
  expect(stored.body?.rawData).toEqual({ content, tags: ["language"], component: "preferences" });
  // It has content, so it was embedded on creation.
  await expect(page.getByRole("region", { name: "Embedding" })).toContainText("Dimensions768");
});
