import { expect, type Locator, type Page, test } from "@playwright/test";
import { PROJECT_B } from "./support/accounts";
import { openQuickSwitcher, replaceEditorText, SIGNED_OUT, tenantUrl, waitForApp } from "./support/app";
import { audit, type Theme, useTheme } from "./support/axe";
import { seedMemories } from "./support/memories";

const PROJECT = PROJECT_B;

const CONTENTS = ["keyboard focus ring notes", "accessible colour contrast notes", "dialog focus notes"];
const memory = (content: string) => ({ content, tags: ["a11y", "notes"], component: "checks" });

/**
 * A user of its own with `count` memories (tag "a11y"): all but the last imported, the last made on
 * the New memory page, which leaves the page on that memory's inspector with its creation toast.
 */
async function seedUser(page: Page, name: string, count = 1) {
  const tenant = { projectId: PROJECT, userId: `${name}-${Date.now()}` };
  const contents = CONTENTS.slice(0, count);
  const ids = contents.length > 1 ? await seedMemories(page, tenant, contents.slice(0, -1).map(memory)) : [];
  await page.goto(`${tenantUrl(PROJECT, tenant.userId)}/new`);
  await waitForApp(page);
  await replaceEditorText(page, "New memory raw_data JSON", JSON.stringify(memory(contents.at(-1)!)));
  await page.getByRole("button", { name: "Create memory" }).click();
  const heading = page.getByRole("heading", { name: /^Memory \d+$/ });
  await expect(heading).toBeVisible({ timeout: 30_000 });
  ids.push(Number((await heading.textContent())!.replace("Memory ", "")));
  return { user: tenant.userId, ids, base: tenantUrl(PROJECT, tenant.userId) };
}

for (const theme of ["light", "dark"] as const satisfies Theme[]) {
  test(`every screen has no serious or critical axe violations in the ${theme} theme`, async ({ page, browser }) => {
    test.setTimeout(600_000);
    await useTheme(page.context(), theme);
    const { ids, base } = await seedUser(page, `axe-${theme}`, 3);
    const found: string[] = [];
    const check = (screen: string) => audit(page, screen, found);

    // The inspector with the creation toast still showing (its close button is checked too).
    await expect(page.getByRole("button", { name: "Close toast" }).first()).toBeVisible();
    await check("inspector with a toast");
    await page.getByRole("button", { name: "Edit" }).click();
    await expect(page.getByRole("button", { name: "Save" })).toBeVisible();
    await check("edit form");
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByRole("dialog", { name: `Delete memory ${ids.at(-1)}?` })).toBeVisible();
    await check("delete dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Delete memory" }).click();
    await expect(page.getByRole("table", { name: "Memories" })).toBeVisible({ timeout: 30_000 });

    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
    await check("projects");
    await openQuickSwitcher(page);
    await check("quick switcher");
    await page.keyboard.press("Escape");

    await page.goto(`/projects/${PROJECT}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await check("project users");

    await page.goto(base);
    await waitForApp(page);
    await expect(page.getByRole("table", { name: "Memories" })).toBeVisible();
    await check("memory browser");
    await page.getByLabel("Choose columns").click();
    await check("column menu");
    await page.getByLabel("Choose columns").click();
    await page.getByLabel("Export or import").click();
    await check("export menu");
    await page.getByLabel("Export or import").click();

    await page.goto(`${base}/memories/${ids[0]}/history`);
    await expect(page.getByRole("list", { name: "Versions" })).toBeVisible();
    await check("memory history");

    await page.goto(`${base}?tag=a11y`);
    await waitForApp(page);
    await page.getByRole("button", { name: "Delete all matching…" }).click();
    const matching = page.getByRole("dialog", { name: "Delete all matching memories?" });
    await expect(matching.getByRole("button", { name: /^Delete \d+$/ })).toBeVisible();
    await check("delete all matching dialog");
    await page.keyboard.press("Escape");

    await page.goto(`${base}/new`);
    await expect(page.getByRole("heading", { name: "New memory" })).toBeVisible();
    await check("new memory");

    await page.goto(`${base}/search?q=${encodeURIComponent("keyboard focus")}`);
    await expect(page.getByRole("list", { name: "Search results" }).getByRole("listitem").first()).toBeVisible();
    await check("search with results");

    await page.goto(
      `${base}/search/compare?a=${encodeURIComponent("q=keyboard focus")}&b=${encodeURIComponent("q=keyboard focus&mode=hybrid")}`,
    );
    await expect(page.getByRole("region", { name: "Search B" }).getByRole("listitem").first()).toBeVisible();
    await check("compare searches, one of them hybrid");

    await page.goto(`${base}/trash`);
    await expect(page.getByRole("table", { name: "Deleted memories" })).toBeVisible();
    await check("trash");

    await page.goto(`${base}/import`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await check("import");

    await page.goto(`/audit?project=${PROJECT}`);
    await expect(page.getByRole("table", { name: "Audit log" })).toBeVisible();
    await check("audit log");

    await page.goto("/admin/access");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await check("access");

    await page.goto("/account/tokens");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await check("tokens");

    const signedOut = await browser.newContext({ storageState: SIGNED_OUT });
    await useTheme(signedOut, theme);
    const signInPage = await signedOut.newPage();
    await signInPage.goto("/sign-in");
    await expect(signInPage.getByRole("button", { name: "Sign in" })).toBeVisible();
    await audit(signInPage, "sign-in", found);
    await signedOut.close();

    expect(found, `axe found serious or critical violations in the ${theme} theme:\n${found.join("\n")}`).toEqual([]);
  });
}

/** How the focused element shows its focus: an outline of 2 px or more, or a box-shadow ring. */
async function focusIndicator(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    // At least 2 px: the browser's own 1 px ring is easy to miss (WCAG 2.4.13).
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== "none";
    const label =
      el.getAttribute("aria-label") || el.textContent?.trim().slice(0, 40) || el.getAttribute("name") || el.tagName;
    return { label: `${el.tagName.toLowerCase()} "${label}"`, visible: outline || shadow };
  });
}

/** Tabs through the page and returns every focusable control that showed no focus ring. */
async function controlsWithoutRing(page: Page, presses: number) {
  const missing: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    const focused = await focusIndicator(page);
    if (!focused) continue;
    // A date input keeps focus over its day, month and year fields: one entry is enough.
    if (seen.has(focused.label)) continue;
    seen.add(focused.label);
    if (!focused.visible) missing.push(focused.label);
  }
  return { missing, seen };
}

test("every control reached with Tab shows a visible focus ring", async ({ page }) => {
  test.setTimeout(300_000);
  const { base } = await seedUser(page, "focus");
  const pages: [string, string, number][] = [
    ["memory browser", base, 40],
    ["search", `${base}/search?q=notes`, 20],
    ["projects", "/", 12],
  ];
  const report: string[] = [];
  for (const [name, url, presses] of pages) {
    await page.goto(url);
    await waitForApp(page);
    const { missing, seen } = await controlsWithoutRing(page, presses);
    expect(seen.size, `Tab reached controls on ${name}`).toBeGreaterThan(3);
    report.push(...missing.map((m) => `${name}: ${m}`));
  }
  // A date input's focus lands on its inner fields: check the input itself.
  await page.goto(base);
  await waitForApp(page);
  await page.keyboard.press("Tab");
  const date = page.locator("input[type=date]").first();
  await date.focus();
  const ring = await date.evaluate((el) => {
    const s = getComputedStyle(el);
    return s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) >= 2;
  });
  if (!ring) report.push("memory browser: date input");
  expect(report, `controls without a visible focus ring:\n${report.join("\n")}`).toEqual([]);
});

/** Presses Tab `times` times and checks that focus never leaves `container`. */
async function expectFocusTrapped(page: Page, container: Locator, times = 8) {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(i % 3 === 2 ? "Shift+Tab" : "Tab");
    expect(await container.evaluate((el) => el.contains(document.activeElement)), "focus stays inside").toBe(true);
  }
}

test("dialogs take focus, keep Tab inside, close on Esc and give focus back to their button", async ({ page }) => {
  test.setTimeout(120_000);
  const { ids, base } = await seedUser(page, "dialogs");

  // The inspector's delete confirmation.
  const deleteButton = page.getByRole("button", { name: "Delete", exact: true });
  await deleteButton.focus();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: `Delete memory ${ids.at(-1)}?` });
  await expect(confirm).toBeVisible();
  expect(await confirm.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await expectFocusTrapped(page, confirm);
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(deleteButton).toBeFocused();

  // The quick switcher, opened from its button.
  await page.goto(base);
  await waitForApp(page);
  const jump = page.getByRole("button", { name: "Jump to a project or user (Ctrl+K)" });
  await jump.focus();
  await page.keyboard.press("Enter");
  const switcher = page.getByRole("dialog", { name: "Jump to a project or user" });
  await expect(switcher).toBeVisible();
  await expect(switcher.getByRole("combobox")).toBeFocused();
  await expectFocusTrapped(page, switcher);
  await page.keyboard.press("Escape");
  await expect(switcher).toBeHidden();
  await expect(jump).toBeFocused();

  // Delete all matching.
  await page.goto(`${base}?tag=a11y`);
  await waitForApp(page);
  const deleteMatching = page.getByRole("button", { name: "Delete all matching…" });
  await deleteMatching.focus();
  await page.keyboard.press("Enter");
  const matching = page.getByRole("dialog", { name: "Delete all matching memories?" });
  await expect(matching.getByRole("button", { name: /^Delete \d+$/ })).toBeVisible();
  await expectFocusTrapped(page, matching);
  await page.keyboard.press("Escape");
  await expect(matching).toBeHidden();
  await expect(deleteMatching).toBeFocused();

  // The column and export menus: Tab goes into the open menu, Esc closes it and focus goes back to its button.
  for (const [name, first] of [
    ["Choose columns", page.getByRole("group", { name: "Visible columns" }).getByRole("checkbox")],
    ["Export or import", page.getByRole("link", { name: /^NDJSON/ })],
  ] as const) {
    const button = page.getByLabel(name);
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(first.first()).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(first.first()).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(first.first()).toBeHidden();
    await expect(button).toBeFocused();
  }
});

test("a toast's close button has a name and closes it", async ({ page }) => {
  const { ids } = await seedUser(page, "toast");
  const toast = page.getByRole("listitem").filter({ hasText: `Created memory ${ids.at(-1)}.` });
  await toast.hover();
  await toast.getByRole("button", { name: "Close toast" }).click();
  await expect(toast).toHaveCount(0);
});
