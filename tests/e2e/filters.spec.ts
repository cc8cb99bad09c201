import { expect, type Page, test } from "@playwright/test";
import { importMemories, tenantUrl, waitForApp } from "./support/app";

const PROJECT = "sales-assistant";

// Each test imports its own user's memories, named by their content.
const MEMORIES = [
  { content: "low importance", importance: 0.25, expires_at: "2020-03-01T12:00:00Z", tags: ["bug", "build"] },
  { content: "mid importance", importance: 0.8, expires_at: "2999-01-01", tags: ["bug"] },
  { content: "high importance", importance: 0.9, expires_at: "2021-06-01", tags: ["bug", "ux"] },
  { content: "text importance", importance: "0.95", expires_at: "soon", tags: ["ux"] },
];

const newUser = (name: string) => `filters-${name}-${Date.now().toString(36)}`;

async function openWithMemories(page: Page, name: string) {
  const user = newUser(name);
  await importMemories(page, PROJECT, user, MEMORIES);
  await page.goto(tenantUrl(PROJECT, user));
  await waitForApp(page);
  return user;
}

async function compare(page: Page, path: string, condition: string, value: string) {
  const bar = page.getByRole("search", { name: "Filter memories" });
  await bar.getByRole("combobox", { name: "JSON path", exact: true }).fill(path);
  await bar.getByLabel("JSON path condition").selectOption(condition);
  await bar.getByLabel("JSON path value").fill(value);
  await bar.getByRole("button", { name: "Apply filters" }).click();
}

const table = (page: Page) => page.getByRole("table", { name: "Memories" });

test("a comparison on a JSON path from the filter bar lists the right memories", async ({ page }) => {
  await openWithMemories(page, "compare");

  await compare(page, "importance", "gt", "0.8");
  await expect(page).toHaveURL(/[?&]op=gt(&|$)/);
  expect(new URL(page.url()).searchParams.get("value")).toBe("0.8");
  await expect(page.getByText("1 matching memory")).toBeVisible();
  await expect(table(page)).toContainText("high importance");

  await compare(page, "importance", "gte", "0.8");
  await expect(page.getByText("2 matching memories")).toBeVisible();
  await expect(table(page)).toContainText("mid importance");
  await expect(table(page)).not.toContainText("text importance"); // a string is no number

  await compare(page, "expires_at", "lt", "now");
  await expect(page).toHaveURL(/[?&]op=lt(&|$)/);
  expect(new URL(page.url()).searchParams.get("value")).toBe("now");
  await expect(page.getByText("2 matching memories")).toBeVisible();
  await expect(table(page)).toContainText("low importance");
  await expect(table(page)).toContainText("high importance");
  // The shared link keeps the condition.
  await expect(page.getByLabel("JSON path condition")).toHaveValue("lt");
});

test("a value that is neither a number nor a date is refused with a message, keeping the page", async ({ page }) => {
  const user = await openWithMemories(page, "refuse");
  await compare(page, "importance", "gt", "high");
  const banner = page.getByRole("alert").filter({ hasText: "in this link" });
  await expect(banner).toContainText(/The value\b.* in this link (is|are) not valid/);
  await expect(banner.getByText(/value must be a JSON number .* "high" is none of these/)).toBeVisible();
  // The page stays: its filters and the user's memories, without the bad condition.
  await expect(page.getByRole("search", { name: "Filter memories" })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Memories of ${user}` })).toBeVisible();
  await expect(banner.getByRole("link", { name: /^Open this view without value/ })).toBeVisible();
});

test("typing part of a tag offers the user's tags with their counts, chosen by keyboard", async ({ page }) => {
  await openWithMemories(page, "suggest");
  const input = page.getByRole("combobox", { name: "Add tag" });
  await input.fill("bu");
  const list = page.getByRole("listbox", { name: "Suggested tags" });
  await expect(list.getByRole("option")).toHaveText([/^bug\s*3$/, /^build\s*1$/]);
  await expect(input).toHaveAttribute("aria-expanded", "true");

  await input.press("ArrowDown");
  await input.press("ArrowDown");
  await expect(list.getByRole("option", { name: /build/ })).toHaveAttribute("aria-selected", "true");
  await input.press("Enter");
  await expect(page.getByRole("button", { name: "Remove tag build" })).toBeVisible();
  await expect(page).not.toHaveURL(/tag=/); // choosing is not searching

  await input.fill("b");
  await expect(list).toBeVisible();
  await input.press("Escape");
  await expect(list).toBeHidden();
  await input.fill("");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/tag=build/);
  await expect(page.getByText("1 matching memory")).toBeVisible();
});

test("a tag nobody has is marked before the search runs", async ({ page }) => {
  await openWithMemories(page, "unknown");
  const before = page.url();
  const input = page.getByRole("combobox", { name: "Add tag" });
  await input.fill("nobody-has-this");
  await expect(page.getByText("No memory has this tag")).toBeVisible();
  await expect(input).toHaveAccessibleDescription("No memory has this tag");
  expect(page.url()).toBe(before);
  await input.fill("bug");
  await expect(page.getByText("No memory has this tag")).toBeHidden();
});
