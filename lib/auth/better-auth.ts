import "server-only";
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { type Database, getDb } from "@/db/client";
import { isAccountDisabled } from "@/db/queries/accounts";
import { settingOrCreate } from "@/db/queries/app-settings";
import { authAccount, authSession, authUser, authVerification } from "@/db/schema";
import { secureCookies, sessionDays } from "./config";

function createAuth(db: Database, secret: string) {
  return betterAuth({
    secret,
    // Only server actions and pages call Better Auth (no HTTP handler is mounted), so no base URL is needed for redirects.
    baseURL: process.env.BETTER_AUTH_URL || "http://localhost",
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        auth_user: authUser,
        auth_session: authSession,
        auth_account: authAccount,
        auth_verification: authVerification,
      },
    }),
    user: { modelName: "auth_user" },
    session: { modelName: "auth_session", expiresIn: sessionDays() * 86_400, updateAge: 86_400 },
    account: { modelName: "auth_account" },
    verification: { modelName: "auth_verification" },
    // Accounts are made by admins (`npm run user:add`, the access page), never by sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    advanced: { cookiePrefix: "semantix", useSecureCookies: secureCookies() },
    // Sign-in attempts are limited by lib/auth/login-throttle.ts, per account and per address.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // A disabled account gets no session, however it signs in (checked after the password).
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            if (await isAccountDisabled(session.userId, db))
              throw new APIError("FORBIDDEN", { message: ACCOUNT_DISABLED, code: ACCOUNT_DISABLED_CODE });
          },
        },
      },
    },
    plugins: [nextCookies()],
  });
}

export const ACCOUNT_DISABLED_CODE = "ACCOUNT_DISABLED";
export const ACCOUNT_DISABLED = "This account is disabled. Ask an admin to enable it again.";

export type Auth = ReturnType<typeof createAuth>;

// One Better Auth instance per database connection (tests switch connections).
const holder = globalThis as typeof globalThis & { __semantixAuth?: WeakMap<Database, Promise<Auth>> };

/** Better Auth over the app's database; the cookie-signing secret is made once and kept in `app_settings`. */
export async function getAuth(db?: Database): Promise<Auth> {
  const conn = db ?? (await getDb());
  holder.__semantixAuth ??= new WeakMap();
  let auth = holder.__semantixAuth.get(conn);
  if (!auth) {
    auth = (async () => {
      const secret =
        process.env.BETTER_AUTH_SECRET ||
        (await settingOrCreate("auth_secret", () => randomBytes(32).toString("base64url"), conn));
      return createAuth(conn, secret);
    })();
    holder.__semantixAuth.set(conn, auth);
  }
  return auth;
}
