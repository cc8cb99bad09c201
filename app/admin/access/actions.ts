"use server";

import { z } from "zod";
import { AppError, invalid, notFound } from "@/db/app-error";
import { changeGrantRole, deleteGrant } from "@/db/queries/access";
import { deleteAccount, findAccountByEmail, findAccountById, setAccountDisabled } from "@/db/queries/accounts";
import { accountAuditSubject } from "@/db/queries/audit";
import { ROLES } from "@/db/schema";
import { accountAction } from "@/lib/actions/define-action";
import { type Actor, assertAllProjectsAccess, assertProjectAccess } from "@/lib/auth/authorize";
import { addUser, emailSchema, passwordSchema } from "@/lib/auth/users";
import { accessPath } from "@/lib/paths";
import { projectIdSchema } from "@/lib/tenant-params";

// Granting, changing and revoking roles, disabling and deleting accounts. Admins manage access to
// the projects they administer; only an admin of all projects grants roles on all projects and
// disables or deletes accounts. No one changes their own access here, and every change is audited.

/** null: all projects. */
const projectScope = z.union([projectIdSchema, z.null()]);
const roleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}.` });
const accountId = z.string().min(1).max(100);

function assertCanManage(actor: Actor, projectId: string | null): void {
  if (projectId === null) assertAllProjectsAccess(actor, "admin");
  else assertProjectAccess(actor, "admin", projectId);
}

export const grantAccessAction = accountAction(
  z.object({
    email: emailSchema,
    projectId: projectScope,
    role: roleSchema,
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
  ({ projectId, role }, { email, created }) => ({
    subject: accountAuditSubject(email, projectId),
    action: "grant",
    count: 1,
    details: { role, created },
  }),
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
  ({ projectId }, { email }) => ({ subject: accountAuditSubject(email, projectId), action: "revoke", count: 1 }),
);

export const changeRoleAction = accountAction(
  z.object({ userId: accountId, projectId: projectScope, role: roleSchema }),
  async ({ userId, projectId, role }, { actor }) => {
    assertCanManage(actor, projectId);
    if (userId === actor.userId)
      throw new AppError("conflict", "You cannot change your own role here; ask another admin.");
    const account = await findAccountById(userId);
    const before = account && (await changeGrantRole(userId, { projectId, role }, actor.email));
    if (!account || !before) throw notFound("That grant");
    return { email: account.email, from: before, to: role };
  },
  accessPath(),
  ({ projectId }, { email, from, to }) =>
    from === to
      ? null
      : { subject: accountAuditSubject(email, projectId), action: "change-role", count: 1, details: { from, to } },
);

/** Accounts are shared by every project: only an admin of all projects disables or deletes one, never their own. */
function assertCanManageAccount(actor: Actor, userId: string, what: string): void {
  assertAllProjectsAccess(actor, "admin");
  if (userId === actor.userId)
    throw new AppError("conflict", `You cannot ${what} your own account; ask another admin.`);
}

export const setAccountDisabledAction = accountAction(
  z.object({ userId: accountId, disabled: z.boolean() }),
  async ({ userId, disabled }, { actor }) => {
    assertCanManageAccount(actor, userId, disabled ? "disable" : "enable");
    const result = await setAccountDisabled(userId, disabled, actor.email);
    if (!result) throw notFound("That account");
    return { email: result.account.email, disabled, sessionsEnded: result.sessionsEnded };
  },
  accessPath(),
  (_input, { email, disabled, sessionsEnded }) => ({
    subject: accountAuditSubject(email),
    action: disabled ? "disable-account" : "enable-account",
    count: 1,
    details: disabled ? { sessionsEnded } : undefined,
  }),
);

export const deleteAccountAction = accountAction(
  // The email typed in the confirmation must be the account's: a stale page cannot delete another one.
  z.object({ userId: accountId, confirmEmail: z.string().max(254) }),
  async ({ userId, confirmEmail }, { actor }) => {
    assertCanManageAccount(actor, userId, "delete");
    const account = await findAccountById(userId);
    if (!account) throw notFound("That account");
    if (confirmEmail.trim().toLowerCase() !== account.email)
      throw invalid("confirmEmail", `Type ${account.email} to confirm.`);
    const deleted = await deleteAccount(userId);
    if (!deleted) throw notFound("That account");
    return { email: deleted.account.email, grants: deleted.grants, tokens: deleted.tokens };
  },
  accessPath(),
  (_input, { email, grants, tokens }) => ({
    subject: accountAuditSubject(email),
    action: "delete-account",
    count: 1,
    details: { grants, tokens },
  }),
);
