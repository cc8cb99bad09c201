import { expect, test } from "@playwright/test";
import { modelsPath, projectPath, searchPath } from "@/lib/paths";
import { PROJECT_B } from "./support/accounts";
import { waitForApp } from "./support/app";
import { freshTenant, seedMemories } from "./support/memories";
import { ownTenant } from "./support/own-tenant";

const WORDS = "local · hashing-words-v1";

test("migrate a user's vectors to another model as a job, search with it, then revert", async ({ page }) => {
  test.setTimeout(120_000);
  const tenant = freshTenant(PROJECT_B, "models");
  // Imported vectors: no embedder is recorded for them.
  await seedMemories(
    page,
    tenant,
    Array.from({ length: 60 }, (_, i) => ({ content: `ticket ${i} about ${i % 3 ? "billing" : "login"}` })),
  );

  await page.goto(modelsPath(tenant));
  await waitForApp(page);
  const table = page.getByRole("table", { name: "Vectors by model" });
  await expect(table).toContainText("Not recorded");
  await expect(table).toContainText("60");

  await page.getByLabel("Re-embed every memory with").selectOption(WORDS);
  await page.getByRole("button", { name: "Start migration" }).click();
  await expect(page.getByText("Migration started")).toBeVisible();
  const job = page.getByRole("article", { name: /Model migration/ }).first();
  await expect(job).toContainText(`Model migration to ${WORDS}`);
  // The page follows the job by itself until it is done.
  await expect(job.getByTestId("job-state")).toHaveText("Done", { timeout: 30_000 });
  await expect(job).toContainText("60 of 60");
  await expect(table).toContainText(WORDS);
  await expect(table).not.toContainText("Not recorded");

  // A second migration to the same model has nothing to do, and says so.
  await page.getByLabel("Re-embed every memory with").selectOption(WORDS);
  await page.getByRole("button", { name: "Start migration" }).click();
  await expect(page.getByText(/already written by local · hashing-words-v1/)).toBeVisible();

  // The search embeds its query with the model the memories now have.
  await page.goto(searchPath(tenant, { q: "login" }));
  await expect(page.getByText(`Query embedded by ${WORDS}`)).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "models" })).toHaveCount(0);

  await page.goto(modelsPath(tenant));
  await page
    .getByRole("article", { name: /Model migration/ })
    .first()
    .getByRole("button", { name: "Revert" })
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Revert" }).click();
  await expect(page.getByText("Reverted 60 vectors.")).toBeVisible();
  await expect(table).toContainText("Not recorded");
  await expect(table).not.toContainText(WORDS);
});

test("an admin migrates every user of a project from its page and follows the jobs there", async ({ page }) => {
  test.setTimeout(120_000);
  const first = ownTenant("migrate-project");
  const second = { projectId: first.projectId, userId: `${first.userId}-b` };
  await seedMemories(page, first, [{ content: "first user's note" }, { content: "another note" }]);
  await seedMemories(page, second, [{ content: "second user's note" }]);

  await page.goto(projectPath(first.projectId));
  await waitForApp(page);
  await page.getByLabel("Re-embed every user's memories with").selectOption(WORDS);
  await page.getByRole("button", { name: "Start migration" }).click();
  await expect(page.getByText("Migration of 2 users queued.")).toBeVisible();
  const jobs = page.getByRole("list", { name: "Project jobs" }).getByRole("listitem");
  await expect(jobs).toHaveCount(2);
  await expect(jobs.filter({ hasText: "· done" })).toHaveCount(2, { timeout: 30_000 });
  await expect(jobs.filter({ hasText: second.userId })).toContainText("1 of 1");

  // The first user's id is the start of the second's: its link is told apart by its exact name.
  await page.getByRole("list", { name: "Project jobs" }).getByRole("link", { name: first.userId, exact: true }).click();
  await expect(page.getByRole("table", { name: "Vectors by model" })).toContainText(WORDS);
});
