import "server-only";
import { AppError, invalid } from "@/db/app-error";
import { isDataException, knownDatabaseProblem } from "@/db/errors";
import type { Tenant } from "@/db/tenant";
import { actorFromHeaders } from "../auth/actor";
import { type Actor, assertProjectAccess, unauthorized } from "../auth/authorize";
import { EmbedderError, InvalidEmbeddingError } from "../embedding";
import { idFromDecoded } from "../paths";
import { projectIdSchema, tenantSchema } from "../tenant-params";

const STATUS = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
} as const;

type Params = Record<string, string | string[] | undefined>;

/** A restarting database or a busy embedder is usually back within seconds. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * A read-only endpoint: authenticates (API token or session: else 401), checks the read role on
 * the route's project (else 403), runs the handler and answers its Response. AppErrors become
 * 400/404/409 with `{ error: { code, message, parameter } }`; an unreachable database or embedder
 * 503 with Retry-After; anything else a logged 500 without details.
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
      if (error instanceof AppError) {
        return errorResponse(STATUS[error.code], error.code, error.message, error.field);
      }
      if (error instanceof EmbedderError || error instanceof InvalidEmbeddingError) {
        console.error(`[api] embedder failed:`, error.message);
        return errorResponse(503, "unavailable", error.message);
      }
      if (isDataException(error)) {
        return errorResponse(400, "invalid", "A value in the request is out of the range the database accepts.");
      }
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed:`, error);
      const known = knownDatabaseProblem(error);
      return known
        ? errorResponse(503, "unavailable", known)
        : errorResponse(500, "internal", "The request failed; the details are in the server log.");
    }
  };
}

/** An apiRoute whose handler's result is answered as JSON. */
export function jsonRoute<P extends Params>(handler: (request: Request, params: P, actor: Actor) => Promise<unknown>) {
  return apiRoute<P>(async (request, params, actor) =>
    Response.json(await handler(request, params, actor), { headers: { "cache-control": "no-store" } }),
  );
}

function errorResponse(status: number, code: string, message: string, parameter?: string): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="semantix"';
  if (status === 503) headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  return Response.json({ error: { code, message, ...(parameter ? { parameter } : {}) } }, { status, headers });
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
