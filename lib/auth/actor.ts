import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { AppError } from "@/db/app-error";
import { knownDatabaseProblem } from "@/db/errors";
import { type AccountWithGrants, accountWithGrants, type Grant } from "@/db/queries/access";
import { accountOfApiToken } from "@/db/queries/api-tokens";
import { bearerToken, hashApiToken } from "./api-token";
import { getAuth } from "./better-auth";

/** Who is asking: a signed-in user (session cookie) or a script (API token), with their grants. */
export type Actor = { userId: string; email: string; name: string; grants: Grant[]; via: "session" | "token" };

/**
 * The actor of a request: an `Authorization: Bearer` token when one is sent (a wrong one is
 * not replaced by the cookie), else the session cookie. Null when neither identifies a user.
 */
export async function actorFromHeaders(source: Headers): Promise<Actor | null> {
  const token = bearerToken(source);
  if (token !== undefined) {
    const account = token ? await accountOfApiToken(hashApiToken(token)) : undefined;
    if (account?.disabled)
      throw new AppError("forbidden", "The account of this token is disabled. Ask an admin to enable it again.");
    return account ? toActor(account, "token") : null;
  }
  return sessionActor(source);
}

/** The actor of a session cookie only: pages and server actions are for browsers, tokens are for the API. */
async function sessionActor(source: Headers): Promise<Actor | null> {
  const auth = await getAuth();
  // A cookie that does not check out is no session; a database that cannot answer is no reason to
  // send the user to sign in: that error goes on to the page, action or route.
  const session = await auth.api.getSession({ headers: source }).catch((error: unknown) => {
    if (knownDatabaseProblem(error)) throw error;
    return null;
  });
  if (!session) return null;
  // Disabling ends the account's sessions; one that is being created at that moment is no session either.
  const account = await accountWithGrants(session.user.id);
  return account && !account.disabled ? toActor(account, "session") : null;
}

function toActor({ id, email, name, grants }: AccountWithGrants, via: Actor["via"]): Actor {
  return { userId: id, email, name, grants, via };
}

/** The actor of the page or server action being rendered, looked up once per request. */
export const currentActor = cache(async (): Promise<Actor | null> => sessionActor(await headers()));
