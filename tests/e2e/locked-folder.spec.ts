import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PROJECT_A } from "./support/accounts";
import { tenantUrl } from "./support/app";

// A second dashboard opened on the embedded folder the e2e server holds: every page says why it
// cannot read the database, the way /api/health does, instead of a bare error page.

const port = Number(process.env.E2E_PORT || 3217) + 2;
const second = `http://127.0.0.1:${port}`;
const LOCKED = /The embedded database at .+ is already open in process \d+/;

let server: ChildProcess | undefined;

// Signed in or not, the session cannot be looked up: a visitor without cookies sees the same.
test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.skip(!!process.env.E2E_BASE_URL, "needs the build and embedded folder of the e2e server");
  server = spawn(
    process.execPath,
    [
      path.join("node_modules", "next", "dist", "bin", "next"),
      "start",
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      env: {
        ...process.env,
        NEXT_DIST_DIR: process.env.E2E_DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
        BETTER_AUTH_URL: "",
        DATABASE_URL: "",
        PGLITE_DIR: path.join(process.env.E2E_DATA_DIR!, "pglite"),
      },
      stdio: "ignore",
    },
  );
  await expect
    .poll(
      () =>
        fetch(`${second}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000, message: "the second server starts" },
    )
    .toBe(503);
});

test.afterAll(() => {
  server?.kill();
});

test("/api/health gives the reason", async () => {
  const reply = await fetch(`${second}/api/health`);
  expect(reply.status).toBe(503);
  expect(((await reply.json()) as { reason: string }).reason).toMatch(LOCKED);
});

for (const [name, target] of [
  ["the sign-in page", "/sign-in"],
  ["the projects overview", "/"],
  ["a project's users", `/projects/${encodeURIComponent(PROJECT_A)}`],
  ["a user's memories", tenantUrl(PROJECT_A, "someone")],
  ["the audit log", "/audit"],
] as const) {
  test(`${name} shows the same reason, not an error page`, async ({ page }) => {
    const response = await page.goto(`${second}${target}`);
    expect(response?.status()).toBe(200);
    const alert = page.getByRole("alert").filter({ hasText: LOCKED });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
  });
}
