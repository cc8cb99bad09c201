import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { type ListResponse, listViaApi, replaceEditorText, tenantUrl, waitForApp } from "./support/app";

const PROJECT = "sales-assistant";

test("export the filtered memories from the browser as NDJSON", async ({ page, request }) => {
  const user = "yara.m";
  const filter = "embedding=with";
  await page.goto(`${tenantUrl(PROJECT, user)}?${filter}`);
  await page.getByLabel("Export or import").click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /^NDJSON/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`memories-${PROJECT}-${user}.ndjson`);
  const text = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
  const lines = text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: number; embedding: number[] });
  const api = await listViaApi(request, PROJECT, user, `${filter}&sort=id&order=asc&limit=200`);
  expect(lines.map((l) => l.id)).toEqual(api.items.map((m) => m.id));
  expect(lines.every((l) => l.embedding.length === 768)).toBe(true);
});

/** A user of its own for each test (and each run), so no test depends on another's memories. */
const freshUser = (name: string) => `import-${name}-${test.info().project.name}-${Date.now()}`;

/** How many memories the user has, through the API (an unknown user has none). */
async function countOf(request: APIRequestContext, user: string): Promise<number> {
  const response = await request.get(`/api/v1${tenantUrl(PROJECT, user)}/memories`);
  if (response.status() === 404) return 0;
  expect(response.status()).toBe(200);
  return ((await response.json()) as ListResponse).total.value;
}

const line = (content: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ raw_data: { content, tags: ["imported"] }, created_at: "2025-06-01T10:00:00.000001", ...extra });

/** Opens the user's import page and chooses a file there. */
async function chooseFile(page: Page, user: string, name: string, lines: string[]) {
  if (!page.url().endsWith(`${tenantUrl(PROJECT, user)}/import`)) {
    await page.goto(`${tenantUrl(PROJECT, user)}/import`);
    await waitForApp(page);
  }
  await page
    .getByLabel("NDJSON file")
    .setInputFiles({ name, mimeType: "application/x-ndjson", buffer: Buffer.from(lines.join("\n")) });
}

/** Imports the lines through the page's two steps and answers the user's memory ids. */
async function importThroughPage(page: Page, request: APIRequestContext, user: string, lines: string[]) {
  await chooseFile(page, user, "memories.ndjson", lines);
  await page.getByRole("button", { name: `Import ${lines.length} memories` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Imported ${lines.length} memories.` })).toBeVisible();
  return (await listViaApi(request, PROJECT, user, "sort=id&order=asc")).items.map((m) => m.id);
}

test("choosing a file shows a preview and imports nothing until the button is pressed", async ({ page, request }) => {
  const user = freshUser("preview");
  await chooseFile(page, user, "three.ndjson", [
    line("first imported memory", { embedding: new Array(768).fill(0.01) }),
    "",
    line("second imported memory"),
    line("third imported memory"),
  ]);
  const preview = page.getByRole("region", { name: "Preview of three.ndjson" });
  await expect(preview).toContainText("Lines3");
  await expect(preview).toContainText("Memories3");
  await expect(preview).toContainText("With embeddings1");
  await expect(preview).toContainText(`Into${user} of ${PROJECT} (has 0 memories now)`);
  const samples = preview.getByRole("table", { name: "Sample rows" }).getByRole("row");
  await expect(samples).toHaveCount(4);
  await expect(samples.nth(1)).toContainText("first imported memory");
  await expect(samples.nth(1)).toContainText("2025-06-01T10:00:00.000001");
  await expect(samples.nth(2)).toContainText("3second imported memory"); // line 3: the blank line counts
  expect(await countOf(request, user)).toBe(0);

  await preview.getByRole("button", { name: "Import 3 memories" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 3 memories." })).toBeVisible();
  const imported = await listViaApi(request, PROJECT, user, "tag=imported");
  expect(imported.items.map((m) => m.preview).sort()).toEqual([
    "first imported memory",
    "second imported memory",
    "third imported memory",
  ]);
});

test("a file with a bad line is previewed with each problem and cannot be imported", async ({ page, request }) => {
  const user = freshUser("refused");
  await chooseFile(page, user, "bad.ndjson", [line("one"), "[1,2]", line("three"), '{"raw_data":"text"}']);
  const preview = page.getByRole("region", { name: "Preview of bad.ndjson" });
  const report = preview.getByRole("alert");
  await expect(report).toContainText("Nothing can be imported: 2 lines have problems.");
  await expect(report).toContainText("Line 2: not a JSON object");
  await expect(report).toContainText("Line 4: raw_data must be a JSON object");
  await expect(preview.getByRole("button", { name: /^Import / })).toHaveCount(0);
  expect(await countOf(request, user)).toBe(0);
});

test("Undo in the import's toast moves the imported memories to the trash as one batch", async ({ page, request }) => {
  const user = freshUser("undo");
  const ids = await importThroughPage(page, request, user, [line("undo one"), line("undo two"), line("undo three")]);
  expect(ids).toHaveLength(3);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Moved the 3 memories of the import to the trash.")).toBeVisible();
  expect(await countOf(request, user)).toBe(0);

  await page.goto(`${tenantUrl(PROJECT, user)}/trash`);
  const trash = page.getByRole("table", { name: "Deleted memories" });
  for (const id of ids) await expect(trash.getByRole("button", { name: `Restore memory ${id}` })).toBeVisible();
  await expect(trash.getByText("Reverted an import of 3 memories")).toHaveCount(3);
  await trash.getByTitle(`Restores all 3 memories of the delete that removed ${ids[0]}`).click();
  await expect(page.getByText("Restored 3 memories.")).toBeVisible();
  expect((await listViaApi(request, PROJECT, user, "sort=id&order=asc")).items.map((m) => m.id)).toEqual(ids);
});

test("an import is reverted from the audit log, after confirming, into the trash as one batch", async ({
  page,
  request,
}) => {
  const user = freshUser("revert");
  const ids = await importThroughPage(page, request, user, [line("revert one"), line("revert two")]);
  await page.goto(`/audit?project=${PROJECT}&user=${encodeURIComponent(user)}`);
  const rows = page.getByRole("table", { name: "Audit log" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("import");
  await rows.nth(1).getByRole("button", { name: "Revert import" }).click();
  const dialog = page.getByRole("dialog", { name: "Revert this import?" });
  await expect(dialog).toContainText("The 2 memories it created");
  await dialog.getByRole("button", { name: "Move to the trash" }).click();
  await expect(page.getByText("Moved 2 memories of the import to the trash.")).toBeVisible();
  expect(await countOf(request, user)).toBe(0);
  // The revert is audited as one delete of those ids.
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("delete");
  for (const id of ids) await expect(rows.nth(1).getByRole("link", { name: String(id), exact: true })).toBeVisible();

  await page.goto(`${tenantUrl(PROJECT, user)}/trash`);
  await expect(page.getByTitle(`Restores all 2 memories of the delete that removed ${ids[0]}`)).toBeVisible();
});

test("CSV export writes timestamps in UTC with their zone (ISO 8601, Z)", async ({ page, request }) => {
  const user = freshUser("csv");
  await page.goto(`${tenantUrl(PROJECT, user)}/new`);
  await waitForApp(page);
  await replaceEditorText(page, "New memory raw_data JSON", '{"content": "a memory to export as CSV"}');
  await page.getByRole("button", { name: "Create memory" }).click();
  await expect(page).toHaveURL(/\/memories\/\d+/);

  const response = await request.get(`/api/v1${tenantUrl(PROJECT, user)}/export?format=csv`);
  expect(response.status()).toBe(200);
  const [header, record] = (await response.text()).trimEnd().split("\r\n");
  expect(header).toBe("id,user_id,project_id,created_at,updated_at,raw_data");
  const [, , , createdAt, updatedAt] = record!.split(",");
  for (const stamp of [createdAt, updatedAt]) expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  // The zone is right too: the memory was made a moment ago.
  expect(Math.abs(Date.parse(createdAt!) - Date.now())).toBeLessThan(10 * 60_000);
});
