import { expect, test } from "@playwright/test";
import { listViaApi, memoryViaApi, shownIds, tenantUrl, waitForApp } from "./support/app";

const PROJECT = "sales-assistant";

test("delete by filter, then Undo from the toast brings every memory back", async ({ page, request }) => {
  const user = "wendy.z";
  const before = await listViaApi(request, PROJECT, user, "limit=200");
  const component = before.items[0]!.component!;
  const filter = `component=${encodeURIComponent(component)}`;
  const count = (await listViaApi(request, PROJECT, user, filter)).total.value;

  await page.goto(`${tenantUrl(PROJECT, user)}?${filter}`);
  await waitForApp(page);
  await page.getByRole("button", { name: "Delete all matching…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete all matching memories?" });
  await dialog.getByRole("textbox", { name: `Type ${count} to confirm` }).fill(String(count));
  await dialog.getByRole("button", { name: `Delete ${count}` }).click();
  await expect(page.getByText("No memory matches these filters")).toBeVisible();
  expect((await listViaApi(request, PROJECT, user, filter)).total.value).toBe(0);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText(`Restored ${count} memories.`)).toBeVisible();
  const after = await listViaApi(request, PROJECT, user, "limit=200");
  expect(after.items.map((m) => m.id)).toEqual(before.items.map((m) => m.id));
  expect(after.total).toEqual(before.total);
});

test("delete a memory, then restore it from the trash page", async ({ page, request }) => {
  const user = "xavier.p";
  await page.goto(tenantUrl(PROJECT, user));
  const [id] = await shownIds(page);
  const original = (await memoryViaApi(request, PROJECT, user, id!)).body!;
  await page.getByRole("link", { name: `Open memory ${id}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${id}` })).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page
    .getByRole("dialog", { name: `Delete memory ${id}?` })
    .getByRole("button", { name: "Delete memory" })
    .click();
  await expect(page.getByText(`Deleted memory ${id}.`)).toBeVisible();
  expect((await memoryViaApi(request, PROJECT, user, id!)).status).toBe(404);

  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByRole("heading", { name: `Trash of ${user}` })).toBeVisible();
  await page.getByRole("button", { name: `Restore memory ${id}` }).click();
  await expect(page.getByText("Restored 1 memory.")).toBeVisible();
  await expect(page.getByText("The trash is empty")).toBeVisible();

  const restored = await memoryViaApi(request, PROJECT, user, id!);
  expect(restored.status).toBe(200);
  expect(restored.body).toEqual(original);

  // Both changes are in the audit log.
  await page.goto(`/audit?project=${PROJECT}&user=${user}`);
  const rows = page.getByRole("table", { name: "Audit log" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("restore");
  await expect(rows.nth(2)).toContainText("delete");
  await expect(rows.nth(2).getByRole("link", { name: String(id), exact: true })).toBeVisible();
});
