import "server-only";
import { forbidden, redirect } from "next/navigation";
import { roleAllows, roleOn, type Permission } from "./access";
import { currentActor, type Actor } from "./actor";

/** Pages call these themselves: without a session, to sign-in (then back to `path`). */
export async function requireSignedIn(path: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return actor;
}

/** Signed in and holding `permission` on the project, else the 403 page. */
export async function requireProject(projectId: string, permission: Permission, path: string): Promise<Actor> {
  const actor = await requireSignedIn(path);
  if (!roleAllows(roleOn(actor.grants, projectId), permission)) forbidden();
  return actor;
}
