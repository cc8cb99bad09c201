import { DEMO_PROJECT_IDS } from "@/lib/demo-data";

/** Accounts every e2e server has (prepare-database.ts beside this file creates them before the server starts). */
export const PROJECT_A = DEMO_PROJECT_IDS[0]!;
export const PROJECT_B = DEMO_PROJECT_IDS[1]!;
export const E2E_PASSWORD = "e2e-password-123";

export const ACCOUNTS = {
  /** The embedded demo's admin of every project. */
  admin: { email: "demo@semantix.local", password: "semantix-demo" },
  viewerA: { email: "viewer@e2e.test", password: E2E_PASSWORD, role: "viewer", project: PROJECT_A },
  editorA: { email: "editor@e2e.test", password: E2E_PASSWORD, role: "editor", project: PROJECT_A },
  adminA: { email: "admin-a@e2e.test", password: E2E_PASSWORD, role: "admin", project: PROJECT_A },
  /** Only for sign-in brute-force tests: it gets locked out. */
  target: { email: "target@e2e.test", password: E2E_PASSWORD, role: "viewer", project: PROJECT_A },
} as const;
