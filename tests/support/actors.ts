import type { Database } from "@/db/connect";
import type { Grant } from "@/db/queries/access";
import { insertApiToken } from "@/db/queries/api-tokens";
import { newApiToken } from "@/lib/auth/api-token";
import { getAuth } from "@/lib/auth/better-auth";
import { addUser } from "@/lib/auth/users";

export const TEST_PASSWORD = "correct horse battery staple";

export type TestActor = {
  email: string;
  userId: string;
  /** Request headers carrying a real session cookie, as a signed-in browser sends them. */
  session: Headers;
  /** Request headers with `Authorization: Bearer` of a real API token. */
  bearer: Headers;
  token: string;
};

/** A real account with the given grants, signed in through Better Auth, and an API token of its own. */
export async function createActor(db: Database, email: string, grants: Grant[]): Promise<TestActor> {
  const { account } = await addUser({ email, password: TEST_PASSWORD }, db);
  const { upsertGrant } = await import("@/db/queries/access");
  for (const grant of grants) await upsertGrant(account.id, grant, null, db);
  const session = await signIn(db, email);
  const { token, hash, prefix } = newApiToken();
  await insertApiToken({ userId: account.id, name: "tests", tokenHash: hash, prefix }, db);
  return {
    email,
    userId: account.id,
    session,
    bearer: new Headers({ authorization: `Bearer ${token}` }),
    token,
  };
}

/** Signs the account in through Better Auth: request headers with the new session's cookie. */
export async function signIn(db: Database, email: string, password = TEST_PASSWORD): Promise<Headers> {
  const auth = await getAuth(db);
  const response = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  if (!cookie) throw new Error(`signing in ${email} set no cookie (status ${response.status})`);
  return new Headers({ cookie });
}

/** An admin of every project (the role the tests of one feature act as when access is not their subject). */
export function createAdmin(db: Database, email = "admin@example.com"): Promise<TestActor> {
  return createActor(db, email, [{ projectId: null, role: "admin" }]);
}
