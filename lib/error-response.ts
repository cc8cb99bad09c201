import { AppError, type ErrorCode } from "@/db/app-error";
import { isDataException, knownDatabaseProblem } from "@/db/errors";
import { InvalidEmbeddingError } from "@/db/vector-check";
import { EmbedderError } from "./embedding/embedder-error";

/**
 * What a client is told of a failure. `kind` says where it lies: the request (an AppError, a value
 * the database refuses), the embedder, the database (down, restarting, locked, not migrated), or
 * a bug ("unexpected", whose details stay in the server log).
 */
export type ErrorResponse = {
  status: number;
  code: ErrorCode | "internal";
  /** Fit to show as is: nothing of an unexpected error's own text, statement or stack. */
  message: string;
  /** The input (form field or URL parameter) the failure is about. */
  field?: string;
  /** Seconds after which the same request may succeed. */
  retryAfter?: number;
  kind: "request" | "embedder" | "database" | "unexpected";
};

export const STATUS: Record<ErrorResponse["code"], number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** A restarting database or a busy embedder is usually back within seconds. */
export const RETRY_AFTER_SECONDS = 2;

/** A server action tells what could not be saved; an API route what could not be answered. */
export type Surface = "action" | "api";

const WORDING = {
  action: {
    outOfRange: "A value is out of the range the database accepts.",
    unexpected: "The change could not be saved; the details are in the server log.",
  },
  api: {
    outOfRange: "A value in the request is out of the range the database accepts.",
    unexpected: "The request failed; the details are in the server log.",
  },
} as const satisfies Record<Surface, Record<string, string>>;

function response(code: ErrorResponse["code"], message: string, kind: ErrorResponse["kind"], field?: string) {
  const status = STATUS[code];
  return {
    status,
    code,
    message,
    ...(field ? { field } : {}),
    ...(status === 503 ? { retryAfter: RETRY_AFTER_SECONDS } : {}),
    kind,
  } satisfies ErrorResponse;
}

/** The response to any thrown value, without side effects. */
export function classifyError(error: unknown, surface: Surface = "api"): ErrorResponse {
  if (error instanceof AppError) return response(error.code, error.message, "request", error.field);
  if (error instanceof EmbedderError || error instanceof InvalidEmbeddingError)
    return response("unavailable", error.message, "embedder");
  if (isDataException(error)) return response("invalid", WORDING[surface].outOfRange, "request");
  const known = knownDatabaseProblem(error);
  if (known) return response("unavailable", known, "database");
  return response("internal", WORDING[surface].unexpected, "unexpected");
}

/**
 * The response to any thrown value, with the failure logged once on the server after `label`
 * (such as `[api] GET /api/v1/projects failed:`).
 */
export function reportError(error: unknown, surface: Surface, label: string): ErrorResponse {
  const failure = classifyError(error, surface);
  logFailure(failure, error, label);
  return failure;
}

/** Database failures and bugs are logged in full, an embedder's in a line, the request's own mistakes not at all. */
export function logFailure(failure: ErrorResponse, error: unknown, label: string): void {
  if (failure.kind === "embedder") console.error(label, failure.message);
  else if (failure.kind !== "request") console.error(label, error);
}

/** An API failure as JSON: `{ error: { code, message, parameter? } }`, never cached, with its auth and retry headers. */
export function jsonErrorResponse(failure: ErrorResponse): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (failure.status === 401) headers["www-authenticate"] = 'Bearer realm="semantix"';
  if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
  const { code, message, field } = failure;
  return Response.json(
    { error: { code, message, ...(field ? { parameter: field } : {}) } },
    { status: failure.status, headers },
  );
}
