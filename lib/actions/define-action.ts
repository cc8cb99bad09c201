import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ErrorCode } from "@/db/app-error";
import { type AuditRecord, recordAudit } from "@/db/queries/audit";
import type { Tenant } from "@/db/tenant";
import { type Actor, assertProjectAccess, authorize, type Permission } from "../auth/authorize";
import { reportError } from "../error-response";
import { tenantPath } from "../paths";
import { tenantSchema } from "../tenant-params";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: ErrorCode; fieldErrors?: Record<string, string[]> };

type Handler<I, T> = (input: I, context: { tenant: Tenant; actor: Actor }) => Promise<T>;
/** What the audit log records of a successful change (null: nothing changed, nothing to record). */
type Audit<I, T> = (input: I, data: T) => AuditRecord | null;

/**
 * Wraps a server action on one tenant: parses the input (which names the tenant) with zod,
 * authorises (signed in, with `permission` on the tenant's project), runs the body and answers
 * a typed result. It never throws to the client:
 * expected failures carry their message, anything else is logged whole and summarised.
 */
export function tenantAction<S extends z.ZodObject, T>(
  permission: Permission,
  input: S,
  handler: Handler<z.output<S>, T>,
  audit?: Audit<z.output<S>, T>,
  /** readOnly: a check that needs a role but changes nothing, so no page is refreshed. */
  options: { readOnly?: boolean } = {},
) {
  const schema = tenantSchema.extend(input.shape);
  return async (raw: z.input<typeof schema>): Promise<ActionResult<T>> => {
    // Who asks comes first: without a session nothing is said about the input either.
    let actor: Actor;
    try {
      actor = await authorize(permission);
    } catch (error) {
      return failure(error);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalidInput(parsed.error);
    const { projectId, userId } = parsed.data as { projectId: string; userId: string };
    const tenant: Tenant = { projectId, userId };
    let data: T;
    try {
      assertProjectAccess(actor, permission, projectId);
      data = await handler(parsed.data as z.output<S>, { tenant, actor });
    } catch (error) {
      return failure(error);
    }
    const record = audit?.(parsed.data as z.output<S>, data);
    if (record) {
      // The change is done; a failed audit write is logged, not turned into a failed change.
      await recordAudit(tenant, actor.email, record).catch((error: unknown) =>
        console.error("[audit] could not record", record.action, error),
      );
    }
    // Changes show on the tenant's pages at once; reads change nothing.
    if (permission !== "read" && !options.readOnly) revalidatePath(tenantPath(tenant), "layout");
    return { ok: true, data };
  };
}

/**
 * Wraps a server action that is about the signed-in user's account or access rather than one
 * tenant: parses with zod, requires a session, runs the body (which checks any role it needs)
 * and answers a typed result; `revalidate` names the page to refresh after a change, `audit`
 * what the audit log records of it (filed under `subject`).
 */
export function accountAction<S extends z.ZodObject, T>(
  input: S,
  handler: (input: z.output<S>, context: { actor: Actor }) => Promise<T>,
  revalidate: string,
  audit?: (input: z.output<S>, data: T) => (AuditRecord & { subject: Tenant }) | null,
) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    let actor: Actor;
    try {
      actor = await authorize("read");
    } catch (error) {
      return failure(error);
    }
    const parsed = input.safeParse(raw);
    if (!parsed.success) return invalidInput(parsed.error);
    let data: T;
    try {
      data = await handler(parsed.data, { actor });
    } catch (error) {
      return failure(error);
    }
    const record = audit?.(parsed.data, data);
    if (record) {
      const { subject, ...rest } = record;
      await recordAudit(subject, actor.email, rest).catch((error: unknown) =>
        console.error("[audit] could not record", rest.action, error),
      );
    }
    revalidatePath(revalidate);
    return { ok: true, data };
  };
}

/** A zod refusal as an action result: the first message, and every field's messages. */
function invalidInput(error: z.ZodError): {
  ok: false;
  error: string;
  code: ErrorCode;
  fieldErrors: Record<string, string[]>;
} {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  return { ok: false, code: "invalid", error: error.issues[0]?.message ?? "The input is not valid.", fieldErrors };
}

/** A thrown value as an action result (lib/error-response); a result keeps AppError codes, so a bug reads as unavailable. */
export function failure(error: unknown): {
  ok: false;
  error: string;
  code: ErrorCode;
  fieldErrors?: Record<string, string[]>;
} {
  const { code, message, field } = reportError(error, "action", "[action] failed:");
  return {
    ok: false,
    code: code === "internal" ? "unavailable" : code,
    error: message,
    ...(field ? { fieldErrors: { [field]: [message] } } : {}),
  };
}
