import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./tests/e2e/support/browser";

// The app under test runs on its own ports, build folder and fresh databases, so a dashboard
// running on port 3000 with .data/ is never touched. Workers load this file again and inherit
// the environment, hence the values kept in process.env.
// Another E2E_PORT also gets its own build folder, so two runs can go on at once.
const port = Number(process.env.E2E_PORT || 3217);
const pgPort = port + 1;
process.env.E2E_DIST_DIR ||= port === 3217 ? ".next-e2e" : `.next-e2e-${port}`;
process.env.E2E_DATA_DIR ||= fs.mkdtempSync(path.join(os.tmpdir(), "semantix-e2e-"));
process.env.E2E_ADMIN_STATE ||= path.join(process.env.E2E_DATA_DIR, "admin-state.json");
// E2E_BASE_URL runs the tests against an app that is already running (its data will change).
const external = process.env.E2E_BASE_URL;
const baseURL = external || `http://127.0.0.1:${port}`;

// With TEST_DATABASE_URL (CI), a second server of the same build runs on real PostgreSQL.
const adminUrl = external ? undefined : process.env.TEST_DATABASE_URL;
let postgresUrl: string | undefined;
if (adminUrl) {
  process.env.E2E_PG_DATABASE ||= `semantix_e2e_${randomBytes(4).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${process.env.E2E_PG_DATABASE}`;
  postgresUrl = url.toString();
}
const postgresBaseURL = `http://127.0.0.1:${pgPort}`;
const built = path.join(process.env.E2E_DATA_DIR, "built");

const serverEnv = { NEXT_DIST_DIR: process.env.E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", BETTER_AUTH_URL: "" };
const webServers: NonNullable<PlaywrightTestConfig["webServer"]> = [
  {
    command: `npx next build && node -e "require('fs').writeFileSync(process.argv[1], '')" ${built} && npx tsx --conditions=react-server tests/e2e/support/prepare-database.ts && npx next start --port ${port} --hostname 127.0.0.1`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 400_000,
    stdout: "pipe",
    env: { ...serverEnv, DATABASE_URL: "", PGLITE_DIR: path.join(process.env.E2E_DATA_DIR, "pglite") },
  },
  ...(postgresUrl
    ? [
        {
          command: `npx tsx tests/e2e/support/wait-for-file.ts ${built} && npx tsx --conditions=react-server tests/e2e/support/prepare-database.ts && npx next start --port ${pgPort} --hostname 127.0.0.1`,
          url: `${postgresBaseURL}/api/health`,
          reuseExistingServer: false,
          timeout: 400_000,
          stdout: "pipe" as const,
          env: { ...serverEnv, DATABASE_URL: postgresUrl },
        },
      ]
    : []),
];

const desktop = { ...devices["Desktop Chrome"], viewport: { width: 1366, height: 768 } };

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  globalTeardown: "./tests/e2e/support/global-teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: desktop },
    {
      name: "chromium",
      testIgnore: [/auth\.setup\.ts/, /hostile\//, /e2e\/each-database\//, /e2e\/restart\//],
      dependencies: ["setup"],
      use: { ...desktop, storageState: process.env.E2E_ADMIN_STATE },
    },
    // Browser tests of what must hold on both databases, against each server.
    {
      name: "each-database-pglite",
      testMatch: /e2e\/each-database\/.*\.spec\.ts/,
      dependencies: ["chromium"],
      use: desktop,
    },
    ...(postgresUrl
      ? [
          {
            name: "each-database-postgres",
            testMatch: /e2e\/each-database\/.*\.spec\.ts/,
            dependencies: ["chromium"],
            use: { ...desktop, baseURL: postgresBaseURL },
          },
        ]
      : []),
    // The attack suite talks HTTP to each server; it runs after the browser tests.
    { name: "hostile-pglite", testMatch: /hostile\/.*\.spec\.ts/, dependencies: ["chromium"], use: { baseURL } },
    ...(postgresUrl
      ? [
          {
            name: "hostile-postgres",
            testMatch: /hostile\/.*\.spec\.ts/,
            dependencies: ["chromium"],
            use: { baseURL: postgresBaseURL },
          },
        ]
      : []),
    // Restarts PostgreSQL, so it runs last. Defined without PostgreSQL too: in CI the test then fails instead of vanishing.
    {
      name: "restart-postgres",
      testMatch: /e2e\/restart\/.*\.spec\.ts/,
      dependencies: postgresUrl
        ? ["hostile-pglite", "hostile-postgres", "each-database-pglite", "each-database-postgres"]
        : ["hostile-pglite", "each-database-pglite"],
      use: { baseURL: postgresBaseURL },
    },
  ],
  webServer: external ? undefined : webServers,
});
