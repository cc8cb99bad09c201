/** Auth settings from the environment. */

/** Cookies get the Secure flag when the app is served over HTTPS (BETTER_AUTH_URL) or when asked to. */
export function secureCookies(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.AUTH_SECURE_COOKIES) return env.AUTH_SECURE_COOKIES === "true";
  return (env.BETTER_AUTH_URL ?? "").startsWith("https:");
}

export function sessionDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.SESSION_DAYS ?? 7);
  return Number.isFinite(days) && days > 0 ? days : 7;
}

/** The embedded demo's admin, shown on the sign-in page in embedded mode only. */
export const DEMO_ADMIN = { email: "demo@semantix.local", password: "semantix-demo", name: "Demo admin" } as const;
