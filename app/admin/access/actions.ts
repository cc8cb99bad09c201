"use server";

import { z } from "zod";
import { AppError, invalid, notFound } from "@/db/app-error";
import { deleteGrant } from "@/db/queries/access";
import { findAccountByEmail, findAccountById } from "@/db/queries/accounts";
import { ROLES } from "@/db/schema";
import { accountAction } from "@/lib/actions/define-action";
import { type Actor, assertAllProjectsAccess, assertProjectAccess } from "@/lib/auth/authorize";
import { addUser, emailSchema, passwordSchema } from "@/lib/auth/users";
import { accessPath } from "@/lib/paths";
import { projectIdSchema } from "@/lib/tenant-params";

// Granting and revoking roles. Admins manage access to the projects they administer; only an
// admin of all projects grants roles on all projects.

/** null: all projects. */
const projectScope = z.union([projectIdSchema, z.null()]);

function assertCanManage(actor: Actor, projectId: string | null): void {
  if (projectId === null) assertAllProjectsAccess(actor, "admin");
  else assertProjectAccess(actor, "admin", projectId);
}

export const grantAccessAction = accountAction(
  z.object({
    email: emailSchema,
    projectId: projectScope,
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}.` }),
    /** Creates the account with this first password when the email has none yet. */
    password: z.union([passwordSchema, z.literal("")]).optional(),
  }),
  async ({ email, projectId, role, password }, { actor }) => {
    assertCanManage(actor, projectId);
    const existing = await findAccountByEmail(email);
    if (!existing && !password)
      throw invalid("password", `${email} has no account yet: give a first password to create it.`);
    const { account, created } = await addUser({
      email,
      password: password || "unused-for-existing",
      grant: { projectId, role },
      grantedBy: actor.email,
    });
    return { email: account.email, created };
  },
  accessPath(),
);

export const revokeAccessAction = accountAction(
  z.object({ userId: z.string().min(1).max(100), projectId: projectScope }),
  async ({ userId, projectId }, { actor }) => {
    assertCanManage(actor, projectId);
    if (userId === actor.userId)
      throw new AppError("conflict", "You cannot remove your own role here; ask another admin.");
    const account = await findAccountById(userId);
    if (!account || !(await deleteGrant(userId, projectId))) throw notFound("That grant");
    return { email: account.email };
  },
  accessPath(),
);
