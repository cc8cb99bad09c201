import { expect, test } from "@playwright/test";
import { DEMO_PROJECT_IDS } from "@/lib/demo-data";

test("the first start shows the demo projects with their memory counts", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await expect(page.getByText("Database: embedded (PGlite)")).toBeVisible();

  const table = page.getByRole("table", { name: "Projects" });
  for (const projectId of DEMO_PROJECT_IDS) {
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: projectId, exact: true }) });
    await expect(row).toHaveCount(1);
    // users, then memories: both positive numbers
    const counts = await row.getByRole("cell").allInnerTexts();
    expect(Number(counts[0]!.replace(/,/g, ""))).toBeGreaterThanOrEqual(3);
    expect(Number(counts[1]!.replace(/,/g, ""))).toBeGreaterThan(0);
  }
});

test("the health endpoint reports the embedded database as ready", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    ok: true,
    database: { kind: "pglite" },
    migrations: { upToDate: true },
  });
});
