import "server-only";
import { and, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { type AuditEntry, auditLog } from "../schema";
import type { Tenant } from "../tenant";
import type { ProjectScope } from "./projects";

/** Changes to accounts and their roles, made on the access page. */
export const ACCOUNT_AUDIT_ACTIONS = [
  "grant",
  "revoke",
  "change-role",
  "disable-account",
  "enable-account",
  "delete-account",
] as const;
export const AUDIT_ACTIONS = [
  "create",
  "edit",
  "re-embed",
  "delete",
  "restore",
  "purge",
  "import",
  ...ACCOUNT_AUDIT_ACTIONS,
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAccountAudit = (action: string) => (ACCOUNT_AUDIT_ACTIONS as readonly string[]).includes(action);

/**
 * Where an account change is filed: under the account's email as the user, and the grant's
 * project ("" when it is about all projects or the whole account, seen by admins of all projects only).
 */
export const accountAuditSubject = (email: string, projectId: string | null = null): Tenant => ({
  projectId: projectId ?? "",
  userId: email,
});

export type AuditRecord = {
  action: AuditAction;
  memoryIds?: number[];
  count: number;
  details?: Record<string, unknown>;
};

const MAX_IDS = 10_000;

/** Records one change. Ids are kept up to 10,000 per entry; the count is always exact. */
export async function recordAudit(
  tenant: Tenant,
  actor: string | null,
  record: AuditRecord,
  db?: Database,
): Promise<void> {
  const conn = db ?? (await getDb());
  await conn.insert(auditLog).values({
    actor,
    action: record.action,
    projectId: tenant.projectId,
    userId: tenant.userId,
    memoryIds: record.memoryIds?.slice(0, MAX_IDS) ?? null,
    count: record.count,
    details: record.details ?? null,
  });
}

export type AuditFilters = {
  projectId?: string;
  userId?: string;
  action?: AuditAction;
  from?: Date;
  before?: Date;
  scope?: ProjectScope;
};

/** The audit log, newest first, narrowed by project, user, action and time. */
export async function listAudit(
  filters: AuditFilters,
  options: { limit?: number } = {},
  db?: Database,
): Promise<AuditEntry[]> {
  const conn = db ?? (await getDb());
  const conditions: SQL[] = [];
  if (filters.projectId) conditions.push(eq(auditLog.projectId, filters.projectId));
  if (filters.scope && filters.scope !== "all")
    conditions.push(filters.scope.length ? inArray(auditLog.projectId, [...filters.scope]) : sql`false`);
  if (filters.userId) conditions.push(eq(auditLog.userId, filters.userId));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.from) conditions.push(gte(auditLog.at, filters.from));
  if (filters.before) conditions.push(lt(auditLog.at, filters.before));
  return conn
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(options.limit ?? 200);
}

/** Has the dashboard ever changed this tenant? A user whose memories were all deleted and purged still has. */
export async function tenantHasAudit(tenant: Tenant, db?: Database): Promise<boolean> {
  const conn = db ?? (await getDb());
  const rows = await conn
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.projectId, tenant.projectId), eq(auditLog.userId, tenant.userId)))
    .limit(1);
  return rows.length > 0;
}

/** The embedder the dashboard named when it created this memory with a vector (its "create" entry); null when not known. */
export async function creationEmbedder(tenant: Tenant, id: number, db?: Database): Promise<string | null> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({ embedder: sql<string | null>`${auditLog.details}->>'embedder'` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.projectId, tenant.projectId),
        eq(auditLog.userId, tenant.userId),
        eq(auditLog.action, "create"),
        sql`${auditLog.memoryIds} @> array[${id}]::int[]`,
      ),
    )
    .orderBy(desc(auditLog.at))
    .limit(1);
  return row?.embedder ?? null;
}
