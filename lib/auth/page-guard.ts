import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { signInPath } from "../paths";
import { type Permission, roleAllows, roleOn } from "./access";
import { type Actor, currentActor } from "./actor";

/**
 * Pages call these themselves: without a session, to sign-in, then back to `path` (the page's
 * address with its query, so signing in leads back to exactly what was shared).
 */
export async function requireSignedIn(path: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(signInPath(path));
  return actor;
}

/** Signed in and holding `permission` on the project, else the 403 page. */
export async function requireProject(projectId: string, permission: Permission, path: string): Promise<Actor> {
  const actor = await requireSignedIn(path);
  if (!roleAllows(roleOn(actor.grants, projectId), permission)) forbidden();
  return actor;
}

/**
 * For a layout above a loading skeleton: a real 404 before the skeleton streams a 200, when the
 * reader may see the project and `exists` says no. A visitor without a session or a role, and a
 * database that cannot answer, are left to the page (sign-in, 403 or the error with Retry).
 */
export async function notFoundUnlessExists(projectId: string, exists: () => Promise<boolean>): Promise<void> {
  const actor = await currentActor().catch(() => null);
  if (!actor || !roleAllows(roleOn(actor.grants, projectId), "read")) return;
  if (!(await exists().catch(() => true))) notFound();
}
