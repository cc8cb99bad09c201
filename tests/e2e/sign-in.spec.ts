import { expect, test } from "@playwright/test";
import { ACCOUNTS, PROJECT_A } from "./support/accounts";
import { SESSION_COOKIE, SIGNED_OUT, signIn, tenantUrl } from "./support/app";

// Every test here starts in a browser that has never signed in, and signs in with its own
// session: signing out must never end the demo admin's session the other specs share.
test.use({ storageState: SIGNED_OUT });

const USER = "ana.souza";
const memoriesApi = `/api/v1${tenantUrl(PROJECT_A, USER)}/memories`;
const signInUrl = (next: string) => new RegExp(`/sign-in\\?next=${encodeURIComponent(next).replace(/[.]/g, "\\.")}$`);

test("a deep link opened while signed out asks to sign in, then returns to that page", async ({ page }) => {
  const deep = `${tenantUrl(PROJECT_A, USER)}/search`;
  await page.goto(deep);
  await expect(page).toHaveURL(signInUrl(deep));
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // Nothing of the app is shown before signing in.
  await expect(page.getByRole("navigation", { name: "Account" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Jump to a project or user/ })).toHaveCount(0);

  await signIn(page, ACCOUNTS.viewerA);
  await expect(page).toHaveURL(new RegExp(`${deep.replace(/[.]/g, "\\.")}$`));
  await expect(page.getByRole("searchbox", { name: "Search by meaning" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(ACCOUNTS.viewerA.email);

  // Signed in, the sign-in page sends on to where `next` points.
  await page.goto(`/sign-in?next=${encodeURIComponent(tenantUrl(PROJECT_A, USER))}`);
  await expect(page.getByRole("heading", { name: `Memories of ${USER}` })).toBeVisible();
});

test("after signing in, a next that points to another site leads to the projects page", async ({ page, baseURL }) => {
  await page.goto(`/sign-in?next=${encodeURIComponent("//example.com/phish")}`);
  await signIn(page, ACCOUNTS.editorA);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(new URL(page.url()).pathname).toBe("/");
});

test("a wrong password shows the message and leaves the browser signed out", async ({ page, context }) => {
  // One failure only: five would lock this shared account for the tests after this one.
  await page.goto("/sign-in");
  await signIn(page, { email: ACCOUNTS.viewerA.email, password: "not-the-password" });
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  await expect(page.getByLabel("Email")).toHaveValue(ACCOUNTS.viewerA.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
  expect((await page.request.get(memoriesApi)).status()).toBe(401);

  await page.goto("/");
  await expect(page).toHaveURL(signInUrl("/"));

  // The right password still works (and clears the failure count).
  await signIn(page, ACCOUNTS.viewerA);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
});

test("signing out ends the session: pages ask to sign in again and the API answers 401", async ({ page, context }) => {
  await page.goto("/sign-in");
  await signIn(page, ACCOUNTS.editorA);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  expect((await page.request.get(memoriesApi)).status()).toBe(200);
  const session = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(session).toBeDefined();

  const list = tenantUrl(PROJECT_A, USER);
  await page.goto(list);
  await expect(page.getByRole("heading", { name: `Memories of ${USER}` })).toBeVisible();
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);

  // Back to the page seen before signing out: it asks to sign in instead of showing memories.
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Memories of ${USER}` })).toHaveCount(0);
  await page.goto(list);
  await expect(page).toHaveURL(signInUrl(list));
  expect((await page.request.get(memoriesApi)).status()).toBe(401);

  // The session is gone on the server too: the old cookie, put back, no longer signs anyone in.
  await context.addCookies([session!]);
  expect((await page.request.get(memoriesApi)).status()).toBe(401);
  await page.goto(list);
  await expect(page).toHaveURL(signInUrl(list));
});

test("the embedded database's sign-in page shows the demo account", async ({ page, request }) => {
  const health = (await (await request.get("/api/health")).json()) as { database: { kind: string } };
  await page.goto("/sign-in");
  const demo = page.getByRole("complementary", { name: "Demo account" });
  if (health.database.kind !== "pglite") {
    await expect(demo).toHaveCount(0);
    return;
  }
  await expect(demo).toContainText(ACCOUNTS.admin.email);
  await expect(demo).toContainText(ACCOUNTS.admin.password);
});

test("the session cookie is HttpOnly and SameSite, out of reach of page scripts", async ({ page, context }) => {
  await page.goto("/sign-in");
  await signIn(page, ACCOUNTS.adminA);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  const session = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(session).toMatchObject({ httpOnly: true, path: "/" });
  expect(["Lax", "Strict"]).toContain(session!.sameSite);
  expect(session!.expires).toBeGreaterThan(Date.now() / 1000); // a lasting session, not a browser-session cookie
  expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
});
