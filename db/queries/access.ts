import "server-only";
import { and, asc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { conflict } from "../app-error";
import { type Database, getDb } from "../client";
import { selectRows } from "../rows";
import { accessGrants, authUser, ROLES, type Role } from "../schema";
import type { Account } from "./accounts";

/** One grant: a role on one project, or on all projects (`projectId` null). */
export type Grant = { projectId: string | null; role: Role };
export type GrantRow = Grant & {
  id: number;
  userId: string;
  email: string;
  disabled: boolean;
  grantedBy: string | null;
  grantedAt: Date;
};

export type AccountWithGrants = Account & { disabled: boolean; grants: Grant[] };

/**
 * The columns of an account (a row of auth_user aliased `u`) with its grants, so a request is
 * authorised in one statement.
 */
export const accountWithGrantsColumns: SQL = sql`u.id, u.email, u.name, u.disabled_at is not null as disabled, coalesce(
  (select json_agg(json_build_object('projectId', g.project_id, 'role', g.role)) from ${accessGrants} g where g.user_id = u.id),
  '[]'::json) as grants`;

export const accountWithGrantsRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  disabled: z.boolean(),
  // A grant whose role this version does not know (written by hand, or by a newer version) grants nothing.
  grants: z
    .array(z.object({ projectId: z.string().nullable(), role: z.string() }))
    .transform((grants) => grants.filter((g): g is Grant => (ROLES as readonly string[]).includes(g.role))),
});

export async function accountWithGrants(userId: string, db?: Database): Promise<AccountWithGrants | undefined> {
  const conn = db ?? (await getDb());
  const [row] = await selectRows(
    conn,
    sql`select ${accountWithGrantsColumns} from ${authUser} u where u.id = ${userId}`,
    accountWithGrantsRow,
  );
  return row;
}

/**
 * Grants on the given projects, and the all-projects grants (which cover them too); with
 * `projects` "all", every grant.
 */
export async function listGrants(projects: string[] | "all", db?: Database): Promise<GrantRow[]> {
  const conn = db ?? (await getDb());
  return conn
    .select({
      id: accessGrants.id,
      userId: accessGrants.userId,
      email: authUser.email,
      disabled: sql<boolean>`${authUser.disabledAt} is not null`,
      projectId: accessGrants.projectId,
      role: accessGrants.role,
      grantedBy: accessGrants.grantedBy,
      grantedAt: accessGrants.grantedAt,
    })
    .from(accessGrants)
    .innerJoin(authUser, eq(authUser.id, accessGrants.userId))
    .where(
      projects === "all"
        ? undefined
        : or(isNull(accessGrants.projectId), projects.length ? inArray(accessGrants.projectId, projects) : sql`false`),
    )
    .orderBy(sql`${accessGrants.projectId} nulls first`, asc(authUser.email));
}

/** Gives `userId` the role on the project (null: all projects), replacing the role it had there. */
export async function upsertGrant(
  userId: string,
  grant: Grant,
  grantedBy: string | null,
  db?: Database,
): Promise<void> {
  const conn = db ?? (await getDb());
  // The unique index is on an expression, which Drizzle's onConflict target cannot name.
  await conn.execute(
    sql`insert into access_grants (user_id, project_id, role, granted_by) values (${userId}, ${grant.projectId}, ${grant.role}, ${grantedBy})
        on conflict (user_id, coalesce(project_id, '')) do update set role = excluded.role, granted_by = excluded.granted_by, granted_at = now()`,
  );
}

/** Removes the user's grant on the project (null: the all-projects grant); answers whether one existed. */
export async function deleteGrant(userId: string, projectId: string | null, db?: Database): Promise<boolean> {
  const conn = db ?? (await getDb());
  return conn.transaction(async (tx) => {
    await lockAccess(tx);
    const rows = await tx
      .delete(accessGrants)
      .where(and(eq(accessGrants.userId, userId), grantOn(projectId)))
      .returning({ id: accessGrants.id });
    await assertAnAdminRemains(tx);
    return rows.length > 0;
  });
}

/** Changes the role of an existing grant; answers the role it had, or undefined when there is no such grant. */
export async function changeGrantRole(
  userId: string,
  grant: Grant,
  changedBy: string | null,
  db?: Database,
): Promise<Role | undefined> {
  const conn = db ?? (await getDb());
  return conn.transaction(async (tx) => {
    await lockAccess(tx);
    const [before] = await tx
      .select({ role: accessGrants.role })
      .from(accessGrants)
      .where(and(eq(accessGrants.userId, userId), grantOn(grant.projectId)))
      .for("update");
    if (!before) return undefined;
    await tx
      .update(accessGrants)
      .set({ role: grant.role, grantedBy: changedBy, grantedAt: new Date() })
      .where(and(eq(accessGrants.userId, userId), grantOn(grant.projectId)));
    await assertAnAdminRemains(tx);
    return before.role;
  });
}

const grantOn = (projectId: string | null) =>
  projectId === null ? isNull(accessGrants.projectId) : eq(accessGrants.projectId, projectId);

/**
 * Changes that can take away an admin run one at a time, so two admins disabling each other at
 * the same moment cannot both succeed.
 */
export async function lockAccess(tx: Database): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('semantix:access'))`);
}

/** Throws (rolling the transaction back) when no enabled account is left with the admin role on all projects. */
export async function assertAnAdminRemains(tx: Database): Promise<void> {
  const [row] = await tx
    .select({ id: accessGrants.id })
    .from(accessGrants)
    .innerJoin(authUser, eq(authUser.id, accessGrants.userId))
    .where(and(isNull(accessGrants.projectId), eq(accessGrants.role, "admin"), isNull(authUser.disabledAt)))
    .limit(1);
  if (!row)
    throw conflict("That would leave no one with the admin role on all projects: make another account an admin first.");
}
