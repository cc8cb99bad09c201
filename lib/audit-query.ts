import { invalid } from "@/db/app-error";
import { parseDateParam } from "@/db/filters/dates";
import { AUDIT_ACTIONS, type AuditAction } from "@/db/queries/audit";

/** The audit log's filters as its form and links name them (project, user, action, from, to). */
export type AuditQuery = { projectId?: string; userId?: string; action?: AuditAction; from?: Date; before?: Date };

/** Parses the audit log's URL parameters; throws an AppError naming the first bad one. Empty values mean "any". */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  const get = (key: string) => params.get(key)?.trim() || undefined;
  const action = get("action");
  if (action && !(AUDIT_ACTIONS as readonly string[]).includes(action))
    throw invalid("action", `action must be one of ${AUDIT_ACTIONS.join(", ")}.`);
  const date = (key: "from" | "to") => {
    const raw = get(key);
    if (!raw) return undefined;
    const parsed = parseDateParam(raw);
    if (!parsed) throw invalid(key, `${key} must be a real date such as 2026-05-31.`);
    return parsed;
  };
  const from = date("from");
  const to = date("to");
  return {
    projectId: get("project"),
    userId: get("user"),
    action: action as AuditAction | undefined,
    from: from?.date,
    // `to` includes its whole day.
    before: to ? new Date(to.date.getTime() + (to.dateOnly ? 86_400_000 : 1)) : undefined,
  };
}
