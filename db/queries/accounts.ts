import "server-only";
import { count, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { authAccount, authUser } from "../schema";

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
