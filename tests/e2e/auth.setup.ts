import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { signIn } from "./support/app";

// Signs in once as the demo admin the way a user does; the other browser tests reuse the session.
setup("sign in as the demo admin", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  await signIn(page, ACCOUNTS.admin);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await page.context().storageState({ path: process.env.E2E_ADMIN_STATE! });
});
