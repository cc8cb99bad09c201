import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { invalid } from "@/db/app-error";
import type { Database } from "@/db/client";
import { type Grant, upsertGrant } from "@/db/queries/access";
import {
  type Account,
  countAccounts,
  findAccountByEmail,
  insertAccount,
  normaliseEmail,
  updatePasswordHash,
} from "@/db/queries/accounts";
import { DEMO_ADMIN } from "./config";

export const emailSchema = z.email({ error: "Enter a valid email address." }).max(254).transform(normaliseEmail);
export const passwordSchema = z
  .string()
  .min(8, { error: "The password needs at least 8 characters." })
  .max(128, { error: "The password can have at most 128 characters." });

/**
 * Creates the account, or sets a new password when `resetPassword` and it exists, then gives
 * it the grant. Passwords are hashed with Better Auth's scrypt hasher, which signs in checks.
 */
export async function addUser(
  input: {
    email: string;
    password: string;
    name?: string;
    grant?: Grant;
    grantedBy?: string | null;
    resetPassword?: boolean;
  },
  db?: Database,
): Promise<{ account: Account; created: boolean }> {
  const email = emailSchema.safeParse(input.email);
  if (!email.success) throw invalid("email", email.error.issues[0]!.message);
  const password = passwordSchema.safeParse(input.password);
  if (!password.success) throw invalid("password", password.error.issues[0]!.message);
  const existing = await findAccountByEmail(email.data, db);
  let account = existing;
  if (!account) {
    account = await insertAccount(
      {
        id: randomUUID(),
        email: email.data,
        name: input.name?.trim() || email.data.split("@")[0]!,
        passwordHash: await hashPassword(password.data),
      },
      db,
    );
  } else if (input.resetPassword) {
    await updatePasswordHash(account.id, await hashPassword(password.data), db);
  }
  if (input.grant) await upsertGrant(account.id, input.grant, input.grantedBy ?? null, db);
  return { account, created: !existing };
}

/** On a database without accounts: the demo admin (embedded demo) or the admin named by ADMIN_EMAIL and ADMIN_PASSWORD. */
export async function ensureFirstAdmin(
  options: { demo: boolean },
  db: Database,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  if ((await countAccounts(db)) > 0) return null;
  const all: Grant = { projectId: null, role: "admin" };
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const { account } = await addUser(
      { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, name: "Admin", grant: all },
      db,
    );
    return account.email;
  }
  if (options.demo) {
    const { account } = await addUser({ ...DEMO_ADMIN, grant: all }, db);
    return account.email;
  }
  return null;
}
