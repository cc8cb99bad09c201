import "server-only";
import { AppError } from "@/db/app-error";
import { type Permission, projectsWith, roleAllows, roleNeeded, roleOn } from "./access";
import { type Actor, currentActor } from "./actor";

export type { Permission } from "./access";
export type { Actor } from "./actor";

export const unauthorized = () => new AppError("unauthorized", "Sign in first: this needs a session or an API token.");

/** Throws 403 unless the actor has `permission` on the project. Existence of the project is not revealed. */
export function assertProjectAccess(actor: Actor, permission: Permission, projectId: string): void {
  if (!roleAllows(roleOn(actor.grants, projectId), permission)) {
    throw new AppError("forbidden", `You need the ${roleNeeded(permission)} role on project “${projectId}” for this.`);
  }
}

/**
 * The one gate of every server action (through tenantAction and the account actions): the
 * signed-in actor, who must hold `permission` on `projectId` when one is named.
 */
export async function authorize(permission: Permission, projectId?: string | null): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw unauthorized();
  if (projectId !== undefined && projectId !== null) assertProjectAccess(actor, permission, projectId);
  return actor;
}

/** Throws 403 unless the actor holds `permission` on every project (an all-projects grant). */
export function assertAllProjectsAccess(actor: Actor, permission: Permission): void {
  if (projectsWith(actor.grants, permission) !== "all") {
    throw new AppError("forbidden", `You need the ${roleNeeded(permission)} role on all projects for this.`);
  }
}
