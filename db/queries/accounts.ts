import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { accessGrants, apiTokens, authAccount, authSession, authUser } from "../schema";
import { assertAnAdminRemains, lockAccess } from "./access";

export type Account = { id: string; email: string; name: string };

const accountFields = { id: authUser.id, email: authUser.email, name: authUser.name };

/** Emails are compared lower-cased: that is how they are stored. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findAccountByEmail(email: string, db?: Database): Promise<Account | undefined> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select(accountFields)
    .from(authUser)
    .where(eq(authUser.email, normaliseEmail(email)));
  return row;
}

export async function findAccountById(id: string, db?: Database): Promise<Account | undefined> {
  const conn = db ?? (await getDb());
  const [row] = await conn.select(accountFields).from(authUser).where(eq(authUser.id, id));
  return row;
}

export async function isAccountDisabled(id: string, db?: Database): Promise<boolean> {
  const conn = db ?? (await getDb());
  const [row] = await conn.select({ disabledAt: authUser.disabledAt }).from(authUser).where(eq(authUser.id, id));
  return Boolean(row?.disabledAt);
}

export async function countAccounts(db?: Database): Promise<number> {
  const conn = db ?? (await getDb());
  const [row] = await conn.select({ n: count() }).from(authUser);
  return row!.n;
}

/**
 * Creates a user with an email-and-password credential (the row layout Better Auth reads);
 * `passwordHash` comes from Better Auth's own hasher. Fails on a taken email.
 */
export async function insertAccount(
  input: { id: string; email: string; name: string; passwordHash: string },
  db?: Database,
): Promise<Account> {
  const conn = db ?? (await getDb());
  return conn.transaction(async (tx) => {
    const [user] = await tx
      .insert(authUser)
      .values({ id: input.id, email: normaliseEmail(input.email), name: input.name, emailVerified: true })
      .returning(accountFields);
    await tx.insert(authAccount).values({
      id: sql`md5(random()::text || clock_timestamp()::text)`,
      accountId: input.id,
      providerId: "credential",
      userId: input.id,
      password: input.passwordHash,
    });
    return user!;
  });
}

/** Replaces a user's password hash. */
export async function updatePasswordHash(userId: string, passwordHash: string, db?: Database): Promise<void> {
  const conn = db ?? (await getDb());
  await conn
    .update(authAccount)
    .set({ password: passwordHash, updatedAt: new Date() })
    .where(eq(authAccount.userId, userId));
}

export type AccountRow = Account & { disabledAt: Date | null; disabledBy: string | null; createdAt: Date };

/** Every account, by email. */
export async function listAccounts(db?: Database): Promise<AccountRow[]> {
  const conn = db ?? (await getDb());
  return conn
    .select({
      ...accountFields,
      disabledAt: authUser.disabledAt,
      disabledBy: authUser.disabledBy,
      createdAt: authUser.createdAt,
    })
    .from(authUser)
    .orderBy(asc(authUser.email));
}

/**
 * Disables the account (its sessions end; sign-in and its API tokens are refused until it is
 * enabled again) or enables it. Undefined when there is no such account; refused when it would
 * leave no admin of all projects.
 */
export async function setAccountDisabled(
  userId: string,
  disabled: boolean,
  by: string | null,
  db?: Database,
): Promise<{ account: Account; sessionsEnded: number } | undefined> {
  const conn = db ?? (await getDb());
  return conn.transaction(async (tx) => {
    await lockAccess(tx);
    const [account] = await tx
      .update(authUser)
      .set(
        disabled
          ? { disabledAt: new Date(), disabledBy: by, updatedAt: new Date() }
          : { disabledAt: null, disabledBy: null, updatedAt: new Date() },
      )
      .where(eq(authUser.id, userId))
      .returning(accountFields);
    if (!account) return undefined;
    let sessionsEnded = 0;
    if (disabled) {
      await assertAnAdminRemains(tx);
      sessionsEnded = (
        await tx.delete(authSession).where(eq(authSession.userId, userId)).returning({ id: authSession.id })
      ).length;
    }
    return { account, sessionsEnded };
  });
}

/**
 * Deletes the account with its grants, sessions, credentials and API tokens (the foreign keys
 * cascade); answers what went with it. Undefined when there is no such account.
 */
export async function deleteAccount(
  userId: string,
  db?: Database,
): Promise<{ account: Account; grants: number; tokens: number } | undefined> {
  const conn = db ?? (await getDb());
  return conn.transaction(async (tx) => {
    await lockAccess(tx);
    const [grants] = await tx.select({ n: count() }).from(accessGrants).where(eq(accessGrants.userId, userId));
    const [tokens] = await tx.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, userId));
    const [account] = await tx.delete(authUser).where(eq(authUser.id, userId)).returning(accountFields);
    if (!account) return undefined;
    await assertAnAdminRemains(tx);
    return { account, grants: grants!.n, tokens: tokens!.n };
  });
}
