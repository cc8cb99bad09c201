import { randomBytes } from "node:crypto";
import type { Database } from "@/db/connect";
import { insertApiToken, listApiTokens, revokeApiToken } from "@/db/queries/api-tokens";
import { newApiToken } from "@/lib/auth/api-token";
import { getAuth } from "@/lib/auth/better-auth";
import { addUser } from "@/lib/auth/users";

export const BENCH_ACCOUNT_EMAIL = "bench@semantix.local";

export type LoadCredentials = { tokens: string[]; cookie: string };

/**
 * An admin account for the load test (its password reset to a fresh random one on every run),
 * signed in once for the page's session cookie, with one API token per client, as separate
 * scripts would each have their own.
 */
export async function loadTestCredentials(db: Database, clients: number): Promise<LoadCredentials> {
  const password = randomBytes(18).toString("base64url");
  const { account } = await addUser(
    {
      email: BENCH_ACCOUNT_EMAIL,
      password,
      name: "Benchmark",
      grant: { projectId: null, role: "admin" },
      grantedBy: "benchmark",
      resetPassword: true,
    },
    db,
  );
  const auth = await getAuth(db);
  const response = await auth.api.signInEmail({ body: { email: BENCH_ACCOUNT_EMAIL, password }, asResponse: true });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  if (!cookie) throw new Error(`signing in the benchmark account set no cookie (status ${response.status})`);
  // The previous run's tokens are of no further use.
  for (const old of await listApiTokens(account.id, db))
    if (!old.revokedAt) await revokeApiToken(account.id, old.id, db);
  const tokens: string[] = [];
  for (let i = 0; i < clients; i++) {
    const { token, hash, prefix } = newApiToken();
    await insertApiToken({ userId: account.id, name: `benchmark client ${i + 1}`, tokenHash: hash, prefix }, db);
    tokens.push(token);
  }
  return { tokens, cookie };
}
