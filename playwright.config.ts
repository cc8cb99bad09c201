import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./tests/e2e/browser";

// The app under test runs on its own port, build folder and fresh embedded database, so a
// dashboard running on port 3000 with .data/ is never touched. Workers inherit the env.
const port = Number(process.env.E2E_PORT || 3217);
process.env.E2E_DATA_DIR ||= fs.mkdtempSync(path.join(os.tmpdir(), "semantix-e2e-"));
// E2E_BASE_URL runs the tests against an app that is already running (its data will change).
const external = process.env.E2E_BASE_URL;
const baseURL = external || `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  globalTeardown: "./tests/e2e/global-teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1366, height: 768 } } }],
  webServer: external
    ? undefined
    : {
    command: `npx next build && npx next start --port ${port} --hostname 127.0.0.1`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: "",
      PGLITE_DIR: path.join(process.env.E2E_DATA_DIR, "pglite"),
      NEXT_DIST_DIR: ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
