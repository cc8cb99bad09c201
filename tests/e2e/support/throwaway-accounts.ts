import { expect, type Page } from "@playwright/test";
import { waitForApp } from "./app";

/**
 * A throwaway account made by the signed-in admin on the access page, with one role; tests that
 * change, disable or delete accounts use these, never the shared ones above.
 */
export async function createAccountOnAccessPage(
  page: Page,
  role: { project: string; role: "viewer" | "editor" | "admin" },
  prefix = "throwaway",
): Promise<{ email: string; password: string }> {
  const account = {
    email: `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`,
    password: "first-password-1",
  };
  await page.goto("/admin/access");
  await waitForApp(page);
  const form = page.getByRole("form", { name: "Grant a role" });
  await form.getByLabel("Email").fill(account.email);
  await form.getByLabel("Project").selectOption(role.project);
  await form.getByLabel("Role").selectOption(role.role);
  await form.getByLabel("First password (new accounts)").fill(account.password);
  await form.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByText(`Created the account of ${account.email}.`)).toBeVisible();
  return account;
}
