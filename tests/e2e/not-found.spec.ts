import { expect, test } from "@playwright/test";
import { waitForApp } from "./support/app";
import { seedMemories } from "./support/memories";
import { ownTenant } from "./support/own-tenant";

test("an unknown project, user or memory answers 404 with the not-found page", async ({ page }) => {
  const tenant = ownTenant("404");
  const [id] = await seedMemories(page, tenant, [{ content: "A memory that exists" }]);

  for (const [url, status] of [
    [`/projects/${tenant.projectId}`, 200],
    [tenant.url, 200],
    [`${tenant.url}/memories/${id}`, 200],
    [`/projects/${tenant.projectId}-nobody`, 404],
    [tenant.url.replace(tenant.userId, `${tenant.userId}-nobody`), 404],
    [`${tenant.url}/memories/2147483646`, 404],
    [`${tenant.url}/memories/abc`, 404],
  ] as const) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(status);
    if (status === 404) {
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      await expect(page.getByText("There is nothing at this address.")).toBeVisible();
    } else {
      await expect(page.getByRole("heading", { name: "Not found" })).toHaveCount(0);
    }
  }
});

test("a memory in the trash answers 404, says when it was moved there and links to the trash", async ({ page }) => {
  const tenant = ownTenant("trashed");
  const [, id] = await seedMemories(page, tenant, [
    { content: "Kept so the user still exists" },
    { content: "Soon in the trash" },
  ]);
  await page.goto(`${tenant.url}/memories/${id}`);
  await waitForApp(page);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page
    .getByRole("dialog", { name: `Delete memory ${id}?` })
    .getByRole("button", { name: "Delete memory" })
    .click();
  await expect(page.getByRole("heading", { name: `Memories of ${tenant.userId}` })).toBeVisible();

  const response = await page.goto(`${tenant.url}/memories/${id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: `Memory ${id} is in the trash` })).toBeVisible();
  await expect(
    page.getByText(/^This memory was moved to the trash on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/),
  ).toBeVisible();
  await page.getByRole("link", { name: `Open the trash of ${tenant.userId}` }).click();
  await expect(page.getByRole("heading", { name: `Trash of ${tenant.userId}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Restore memory ${id}` })).toBeVisible();
});

test("a bad parameter in a list link keeps the header, breadcrumb and filters; the banner's link drops it", async ({
  page,
}) => {
  const tenant = ownTenant("badparam");
  await seedMemories(page, tenant, [{ content: "Tagged", tags: ["kept"] }, { content: "Untagged" }]);

  const response = await page.goto(`${tenant.url}?tag=kept&limit=abc`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: `Memories of ${tenant.userId}` })).toBeVisible();
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: tenant.userId, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply filters" })).toBeVisible();
  const banner = page.getByRole("alert").filter({ hasText: "The limit in this link is not valid" });
  await expect(banner).toContainText("limit must be a whole number");
  // The rest of the link still applies: the tag filter narrows the list.
  await expect(page.getByText("1 matching memory")).toBeVisible();
  await expect(page.getByRole("table", { name: "Memories" })).toBeVisible();

  await banner.getByRole("link", { name: "Open this view without limit" }).click();
  await expect(page).toHaveURL(/\?tag=kept$/);
  await expect(page.getByText("1 matching memory")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "in this link" })).toHaveCount(0);
});

test("a bad parameter on the search page and the audit log keeps the page, with a link that drops it", async ({
  page,
}) => {
  const tenant = ownTenant("badsearch");
  await seedMemories(page, tenant, [{ content: "Something to find" }]);

  await page.goto(`${tenant.url}/search?q=find&k=abc`);
  await expect(page.getByRole("heading", { name: `Search the memories of ${tenant.userId}` })).toBeVisible();
  await expect(page.getByRole("search", { name: "Similarity search" })).toBeVisible();
  const banner = page.getByRole("alert").filter({ hasText: "The k in this link is not valid" });
  await expect(banner).toBeVisible();
  await banner.getByRole("link", { name: "Open this view without k" }).click();
  await expect(page).toHaveURL(/\/search\?q=find$/);

  await page.goto(`/audit?project=${tenant.projectId}&action=bogus`);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("search", { name: "Filter the audit log" })).toBeVisible();
  const auditBanner = page.getByRole("alert").filter({ hasText: "The action in this link is not valid" });
  await expect(auditBanner).toBeVisible();
  // The project filter still applies: this project's one create is listed.
  await expect(page.getByRole("table", { name: "Audit log" }).getByRole("row")).toHaveCount(2);
  await auditBanner.getByRole("link", { name: "Open this view without action" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?project=${tenant.projectId}$`));
});
