import { expect, type Page, test } from "@playwright/test";
import { tenantUrl, waitForApp } from "./support/app";

const [PROJECT, USER] = ["sales-assistant", "victor.l"];
const apiSearch = `/api/v1/projects/${PROJECT}/users/${USER}/search`;

const resultIds = (page: Page) =>
  page
    .getByRole("list", { name: "Search results" })
    .locator("[data-memory-id]")
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-memory-id"))));

test("the search demo: type a query, see ranked results with scores, open one, find similar", async ({
  page,
  request,
}) => {
  await page.goto(`${tenantUrl(PROJECT, USER)}/search`);
  await waitForApp(page);
  await page.getByRole("searchbox", { name: "Search by meaning" }).fill("demo meeting with SSO and audit logs");
  await expect(page).toHaveURL(/q=demo\+meeting/);
  const api = (await (
    await request.get(`${apiSearch}?q=${encodeURIComponent("demo meeting with SSO and audit logs")}&k=10`)
  ).json()) as {
    items: { id: number; score: number }[];
  };
  await expect.poll(() => resultIds(page)).toEqual(api.items.map((i) => i.id));
  const first = page.getByRole("list", { name: "Search results" }).getByRole("listitem").first();
  await expect(first).toContainText("#1");
  await expect(first).toContainText(`score ${api.items[0]!.score.toFixed(4)}`);
  await expect(first).toContainText("L2 distance");
  await expect(page.getByRole("complementary", { name: "How this search ran" })).toContainText("exact scan");

  // The URL reproduces the search.
  await page.reload();
  expect(await resultIds(page)).toEqual(api.items.map((i) => i.id));

  const topId = api.items[0]!.id;
  await page.getByRole("link", { name: `Open memory ${topId}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${topId}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nearest memories" })).toBeVisible();

  await page.getByRole("link", { name: "Find similar" }).click();
  await expect(page).toHaveURL(new RegExp(`similar=${topId}`));
  const similar = (await (await request.get(`${apiSearch}?similar=${topId}&k=10`)).json()) as {
    items: { id: number }[];
  };
  await expect.poll(() => resultIds(page)).toEqual(similar.items.map((i) => i.id));
  expect(similar.items.map((i) => i.id)).not.toContain(topId);
});

test("embed the missing memories of a user in batches", async ({ page, request }) => {
  const [project, user] = ["wellness-coach", "umar.f"];
  const before = (await (await request.get(`/api/v1/projects/${project}/users/${user}/search?q=sleep`)).json()) as {
    withoutEmbedding: number;
  };
  expect(before.withoutEmbedding).toBeGreaterThan(0);
  await page.goto(`${tenantUrl(project, user)}/search`);
  await waitForApp(page);
  await page.getByRole("button", { name: /^Embed \d+ missing$/ }).click();
  await expect(page.getByText("Every memory with text now has an embedding.")).toBeVisible();
  const after = (await (await request.get(`/api/v1/projects/${project}/users/${user}/search?q=sleep`)).json()) as {
    withoutEmbedding: number;
  };
  expect(after.withoutEmbedding).toBe(0);
});
