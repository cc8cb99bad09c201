import "server-only";
import { invalid } from "@/db/app-error";
import type { Tenant } from "@/db/tenant";
import { actorFromHeaders } from "../auth/actor";
import { type Actor, assertProjectAccess, unauthorized } from "../auth/authorize";
import { jsonErrorResponse, reportError } from "../error-response";
import { idFromDecoded } from "../paths";
import { projectIdSchema, tenantSchema } from "../tenant-params";

type Params = Record<string, string | string[] | undefined>;

/**
 * A read-only endpoint: authenticates (API token or session: else 401), checks the read role on
 * the route's project (else 403), runs the handler and answers its Response. A failure is
 * answered as lib/error-response maps it: AppErrors with their status and
 * `{ error: { code, message, parameter } }`, an unreachable database or embedder 503 with
 * Retry-After, anything else a logged 500 without details.
 */
export function apiRoute<P extends Params>(handler: (request: Request, params: P, actor: Actor) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await actorFromHeaders(request.headers);
      if (!actor) throw unauthorized();
      // Routes without dynamic segments get no params object.
      const params = ((await context.params) ?? {}) as P;
      if (typeof params.projectId === "string")
        assertProjectAccess(actor, "read", projectFromParams({ projectId: params.projectId }));
      return await handler(request, params, actor);
    } catch (error) {
      return jsonErrorResponse(
        reportError(error, "api", `[api] ${request.method} ${new URL(request.url).pathname} failed:`),
      );
    }
  };
}

/** An apiRoute whose handler's result is answered as JSON. */
export function jsonRoute<P extends Params>(handler: (request: Request, params: P, actor: Actor) => Promise<unknown>) {
  return apiRoute<P>(async (request, params, actor) =>
    Response.json(await handler(request, params, actor), { headers: { "cache-control": "no-store" } }),
  );
}

/** Route segments arrive percent-decoded from Next (lib/paths: `.` and `..`); they are checked like any other input. */
export function tenantFromParams(params: { projectId: string; userId: string }): Tenant {
  const parsed = tenantSchema.safeParse({
    projectId: idFromDecoded(params.projectId),
    userId: idFromDecoded(params.userId),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0]), issue.message);
  }
  return parsed.data;
}

export function projectFromParams(params: { projectId: string }): string {
  const parsed = projectIdSchema.safeParse(idFromDecoded(params.projectId));
  if (!parsed.success) throw invalid("projectId", parsed.error.issues[0]!.message);
  return parsed.data;
}
