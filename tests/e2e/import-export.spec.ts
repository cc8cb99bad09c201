import { expect, test } from "@playwright/test";
import { listViaApi, tenantUrl, waitForApp } from "./support/app";

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

test("import an NDJSON file: a bad line is reported and nothing imported, a good file goes in", async ({
  page,
  request,
}) => {
  const user = "zoe.k";
  const before = (await listViaApi(request, PROJECT, user)).total.value;
  await page.goto(`${tenantUrl(PROJECT, user)}/import`);
  await waitForApp(page);
  const file = page.getByLabel("NDJSON file");
  const good = (content: string) =>
    JSON.stringify({ raw_data: { content, tags: ["imported"] }, created_at: "2025-06-01T10:00:00.000001" });

  await file.setInputFiles({
    name: "bad.ndjson",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from([good("one"), "[1,2]", good("three")].join("\n")),
  });
  const report = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
  await expect(report).toContainText("Line 2: not a JSON object");
  expect((await listViaApi(request, PROJECT, user)).total.value).toBe(before);

  await file.setInputFiles({
    name: "good.ndjson",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from([good("imported one"), good("imported two")].join("\n")),
  });
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 memories." })).toBeVisible();
  const imported = await listViaApi(request, PROJECT, user, "tag=imported");
  expect(imported.items.map((m) => m.preview).sort()).toEqual(["imported one", "imported two"]);
  expect((await listViaApi(request, PROJECT, user)).total.value).toBe(before + 2);
});
