import { expect, type Page, test } from "@playwright/test";
import type { Tenant } from "@/db/tenant";
import {
  accessPath,
  auditPath,
  compareSearchPath,
  importPath,
  memoryPath,
  newMemoryPath,
  projectPath,
  projectsPath,
  searchPath,
  signInPath,
  tenantPath,
  tokensPath,
  trashPath,
} from "@/lib/paths";
import { PROJECT_B } from "./support/accounts";
import { SIGNED_OUT, waitForApp } from "./support/app";
import { seedMemories } from "./support/memories";

// A user of its own with a long id (the breadcrumb must cope) and two memories.
const tenant: Tenant = { projectId: PROJECT_B, userId: `layout-check-${Date.now()}` };
const ids: number[] = [];

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ storageState: process.env.E2E_ADMIN_STATE });
  ids.push(
    ...(await seedMemories(
      page,
      tenant,
      ["Layout kiwi memory", "Layout mango memory"].map((content) => ({
        content,
        tags: ["layout"],
        component: "layout",
      })),
    )),
  );
  // The tokens page with a token in its table, as it is once anyone has made one.
  await page.goto(tokensPath());
  await page.getByLabel("Token name").fill(`layout check ${Date.now()}`);
  await page.getByRole("button", { name: "Create token" }).click();
  await page.getByTestId("new-token").waitFor();
  await page.close();
});

const pages = () => [
  projectsPath(),
  projectPath(tenant.projectId),
  tenantPath(tenant),
  memoryPath(tenant, ids[0]!),
  searchPath(tenant, { q: "kiwi" }),
  compareSearchPath(tenant, "q=kiwi", "q=kiwi&mode=hybrid"),
  trashPath(tenant),
  newMemoryPath(tenant),
  importPath(tenant),
  auditPath(),
  accessPath(),
  tokensPath(),
];

/** The page is exactly as wide as the viewport: nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  await waitForApp(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  // Soft: one run names every page that is too wide.
  expect.soft(width, `width of ${path}`).toBe(page.viewportSize()!.width);
}

for (const width of [360, 390, 1440]) {
  test(`no page scrolls sideways at ${width} px`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    for (const path of pages()) await expectNoSidewaysScroll(page, path);

    const signedOut = await browser.newPage({ storageState: SIGNED_OUT, viewport: { width, height: 800 } });
    await expectNoSidewaysScroll(signedOut, signInPath());
    await signedOut.close();
  });
}

test("at 390 px the header's account actions sit behind a menu button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(tenantPath(tenant));
  await waitForApp(page);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("button", { name: "Sign out" })).toBeInViewport({ ratio: 1 });
  await expect(account.getByRole("link", { name: "Tokens" })).toBeVisible();

  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  // The page's own actions and both ids of the breadcrumb stay on screen.
  await expect(page.getByRole("link", { name: "New memory" })).toBeInViewport({ ratio: 1 });
  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  for (const id of [tenant.projectId, tenant.userId]) {
    const link = breadcrumb.getByRole("link", { name: id });
    await expect(link).toBeVisible();
    expect((await link.boundingBox())!.width).toBeGreaterThan(24);
  }
});

test("at 390 px the filters open in a drawer and apply", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(tenantPath(tenant));
  await waitForApp(page);
  await expect(page.getByRole("search", { name: "Filter memories" })).toBeHidden();

  await page.getByRole("button", { name: /^Filters/ }).click();
  const drawer = page.getByRole("dialog", { name: "Filters" });
  await drawer.getByLabel("Search content").fill("kiwi");
  await drawer.getByRole("button", { name: "Apply filters" }).click();
  await expect(drawer).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]q=kiwi/);
  const cards = page.getByRole("list", { name: "Memories" }).getByRole("listitem");
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText("Layout kiwi memory");
});

test("at 390 px the memories are cards you can select and open", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(tenantPath(tenant));
  await waitForApp(page);
  const list = page.getByRole("list", { name: "Memories" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByRole("table", { name: "Memories" })).toHaveCount(0);

  await list.getByRole("checkbox", { name: `Select memory ${ids[1]}` }).check();
  await expect(page.getByRole("region", { name: "Selection" })).toContainText("1 selected on this page");
  await list.getByRole("link", { name: `Open memory ${ids[0]}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${ids[0]}` })).toBeVisible();
});

test("at 1440 px the inspector's breadcrumb shows every id in full", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(memoryPath(tenant, ids[0]!));
  await waitForApp(page);
  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(breadcrumb).toContainText(`#${ids[0]}`);
  for (const id of [tenant.projectId, tenant.userId]) {
    const cut = await breadcrumb
      .getByRole("link", { name: id })
      .evaluate((el) => el.scrollWidth > el.clientWidth || el.getBoundingClientRect().width === 0);
    expect(cut, `${id} is cut`).toBe(false);
  }
});
