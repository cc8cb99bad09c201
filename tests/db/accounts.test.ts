import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import * as access from "@/app/admin/access/actions";
import { GET as getProjects } from "@/app/api/v1/projects/route";
import { signInAction } from "@/app/sign-in/actions";
import type { Connection, Database } from "@/db/connect";
import { changeGrantRole, deleteGrant, listGrants } from "@/db/queries/access";
import { deleteAccount, findAccountById, listAccounts, setAccountDisabled } from "@/db/queries/accounts";
import { listAudit } from "@/db/queries/audit";
import { actorFromHeaders } from "@/lib/auth/actor";
import { ACCOUNT_DISABLED } from "@/lib/auth/better-auth";
import { createActor, signIn, TEST_PASSWORD, type TestActor } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawQuery, testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

// The access page's account changes: a role changed in place, accounts disabled, enabled and
// deleted, each audited, and never leaving the app without an admin of all projects.

const ALPHA = "alpha";

const projects = (headers: Headers) =>
  getProjects(new Request("http://app.test/api/v1/projects", { headers }), { params: Promise.resolve({}) });

function signInForm(email: string, password = TEST_PASSWORD): FormData {
  const data = new FormData();
  data.set("email", email);
  data.set("password", password);
  return data;
}

describe.each(testDatabases)("accounts on $name", (database) => {
  let conn: Connection;
  let db: Database;
  let close: () => Promise<void>;
  let root: TestActor;
  let projectAdmin: TestActor;
  let n = 0;
  const person = (grants: Parameters<typeof createActor>[2] = [{ projectId: ALPHA, role: "viewer" }]) =>
    createActor(db, `person-${++n}@example.com`, grants);
  const count = async (table: string, userId: string) =>
    Number(
      (await rawQuery<{ n: string }>(conn, `select count(*) as n from ${table} where user_id = $1`, [userId]))[0]!.n,
    );

  beforeAll(async () => {
    ({ conn, close } = await openAppDatabase(database));
    db = conn.db;
    root = await createActor(db, "root@example.com", [{ projectId: null, role: "admin" }]);
    projectAdmin = await createActor(db, "alpha-admin@example.com", [{ projectId: ALPHA, role: "admin" }]);
  });
  afterAll(async () => {
    actAs(null);
    await close();
  });

  it("an admin changes a role in place, and the audit log says who changed what", async () => {
    const viewer = await person();
    actAs(root.session);
    const result = await access.changeRoleAction({ userId: viewer.userId, projectId: ALPHA, role: "editor" });
    expect(result).toEqual({ ok: true, data: { email: viewer.email, from: "viewer", to: "editor" } });
    const grant = (await listGrants([ALPHA], db)).find((g) => g.userId === viewer.userId);
    expect(grant).toMatchObject({ role: "editor", grantedBy: root.email });
    expect((await actorFromHeaders(viewer.bearer))!.grants).toEqual([{ projectId: ALPHA, role: "editor" }]);
    const [entry] = await listAudit({ userId: viewer.email, action: "change-role" }, {}, db);
    expect(entry).toMatchObject({ actor: root.email, projectId: ALPHA, details: { from: "viewer", to: "editor" } });
  });

  it("a role change needs a grant to change, the admin role on its project, and is never one's own", async () => {
    const viewer = await person();
    actAs(projectAdmin.session);
    expect(await access.changeRoleAction({ userId: viewer.userId, projectId: "beta", role: "admin" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(
      await access.changeRoleAction({ userId: projectAdmin.userId, projectId: ALPHA, role: "viewer" }),
    ).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("your own role") });
    expect(await access.changeRoleAction({ userId: root.userId, projectId: null, role: "viewer" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    actAs(root.session);
    expect(await access.changeRoleAction({ userId: viewer.userId, projectId: "beta", role: "admin" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(
      await access.changeRoleAction({ userId: viewer.userId, projectId: ALPHA, role: "owner" as never }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
    });
  });

  it("a disabled account cannot sign in, its sessions end and its API tokens are refused; enabled, it signs in again", async () => {
    const target = await person();
    expect((await projects(target.bearer)).status).toBe(200);
    actAs(root.session);
    const disabled = await access.setAccountDisabledAction({ userId: target.userId, disabled: true });
    expect(disabled).toEqual({ ok: true, data: { email: target.email, disabled: true, sessionsEnded: 1 } });

    expect(await count("auth_session", target.userId)).toBe(0);
    expect(await actorFromHeaders(target.session)).toBeNull();
    const refused = await projects(target.bearer);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("disabled");
    actAs(null);
    expect(await signInAction({ error: null, email: "" }, signInForm(target.email))).toEqual({
      error: ACCOUNT_DISABLED,
      email: target.email,
    });
    // A wrong password still says only that: being disabled is not revealed to someone guessing.
    expect(await signInAction({ error: null, email: "" }, signInForm(target.email, "wrong password"))).toMatchObject({
      error: "Wrong email or password.",
    });
    await expect(signIn(db, target.email)).rejects.toThrow();
    expect((await listAccounts(db)).find((a) => a.id === target.userId)).toMatchObject({ disabledBy: root.email });
    expect((await listGrants([ALPHA], db)).find((g) => g.userId === target.userId)?.disabled).toBe(true);

    actAs(root.session);
    expect(await access.setAccountDisabledAction({ userId: target.userId, disabled: false })).toMatchObject({
      ok: true,
      data: { disabled: false },
    });
    expect((await projects(target.bearer)).status).toBe(200);
    expect(await actorFromHeaders(await signIn(db, target.email))).toMatchObject({ userId: target.userId });
    const entries = await listAudit({ userId: target.email }, {}, db);
    expect(entries.map((e) => [e.action, e.actor, e.projectId])).toEqual([
      ["enable-account", root.email, ""],
      ["disable-account", root.email, ""],
    ]);
  });

  it("deleting an account takes its grants, sessions, credentials and tokens, after its email is typed", async () => {
    const target = await person();
    actAs(root.session);
    expect(
      await access.deleteAccountAction({ userId: target.userId, confirmEmail: "someone@example.com" }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { confirmEmail: [`Type ${target.email} to confirm.`] },
    });
    expect(await findAccountById(target.userId, db)).toBeDefined();
    const result = await access.deleteAccountAction({
      userId: target.userId,
      confirmEmail: target.email.toUpperCase(),
    });
    expect(result).toEqual({ ok: true, data: { email: target.email, grants: 1, tokens: 1 } });
    expect(await findAccountById(target.userId, db)).toBeUndefined();
    for (const table of ["access_grants", "auth_session", "auth_account", "api_tokens"])
      expect(await count(table, target.userId)).toBe(0);
    expect((await projects(target.bearer)).status).toBe(401);
    const [entry] = await listAudit({ userId: target.email, action: "delete-account" }, {}, db);
    expect(entry).toMatchObject({ actor: root.email, details: { grants: 1, tokens: 1 } });
    expect(await access.deleteAccountAction({ userId: target.userId, confirmEmail: target.email })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("only an admin of all projects disables or deletes accounts, and never their own", async () => {
    const target = await person();
    actAs(projectAdmin.session);
    for (const result of [
      await access.setAccountDisabledAction({ userId: target.userId, disabled: true }),
      await access.deleteAccountAction({ userId: target.userId, confirmEmail: target.email }),
    ])
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    actAs(root.session);
    expect(await access.setAccountDisabledAction({ userId: root.userId, disabled: true })).toMatchObject({
      ok: false,
      code: "conflict",
      error: "You cannot disable your own account; ask another admin.",
    });
    expect(await access.deleteAccountAction({ userId: root.userId, confirmEmail: root.email })).toMatchObject({
      ok: false,
      code: "conflict",
      error: "You cannot delete your own account; ask another admin.",
    });
    expect(await findAccountById(target.userId, db)).toMatchObject({ email: target.email });
    expect((await listAccounts(db)).find((a) => a.id === root.userId)?.disabledAt).toBeNull();
  });

  it("the last admin of all projects is neither disabled, deleted, demoted nor revoked", async () => {
    const second = await person([{ projectId: null, role: "admin" }]);
    // With two admins of all projects, one can go; the remaining one then cannot.
    await setAccountDisabled(second.userId, true, root.email, db);
    const last = /leave no one with the admin role on all projects/;
    await expect(setAccountDisabled(root.userId, true, null, db)).rejects.toThrow(last);
    await expect(deleteAccount(root.userId, db)).rejects.toThrow(last);
    await expect(changeGrantRole(root.userId, { projectId: null, role: "editor" }, null, db)).rejects.toThrow(last);
    await expect(deleteGrant(root.userId, null, db)).rejects.toThrow(last);
    // Nothing of the refused changes stayed.
    expect(await actorFromHeaders(root.bearer)).toMatchObject({ grants: [{ projectId: null, role: "admin" }] });
    expect(await count("auth_session", root.userId)).toBeGreaterThan(0);
    await setAccountDisabled(second.userId, false, null, db);
    expect(await changeGrantRole(root.userId, { projectId: null, role: "admin" }, null, db)).toBe("admin");
    await deleteAccount(second.userId, db);
  });
});
