import { assertEmbedding, EMBEDDING_DIMENSIONS, InvalidEmbeddingError } from "@/db/vector-check";
import { DEFAULT_EMBEDDER_TIMEOUT_MS } from "./config";
import { EmbedderError } from "./embedder-error";

// The HTTP client every remote embedder uses: one request, and the checks of what comes back.

/** The texts sent per request; OpenAI accepts up to 2048, but smaller requests time out less. */
export const REMOTE_BATCH_SIZE = 96;

export type RemoteTarget = {
  provider: string;
  model: string;
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
};

/** The request target of a provider, from its options: trailing slashes off, the default timeout filled in. */
export function remoteTarget(
  provider: string,
  options: { baseUrl: string; model: string; apiKey?: string; timeoutMs?: number },
): RemoteTarget {
  return {
    provider,
    model: options.model,
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeoutMs: options.timeoutMs ?? DEFAULT_EMBEDDER_TIMEOUT_MS,
  };
}

function subjectOf(target: Pick<RemoteTarget, "provider" | "model">): string {
  return `${target.provider} model ${target.model}`;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** The URL without user name, password, query or fragment, for messages. */
function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    u.search = "";
    u.hash = "";
    return u.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}

/** Removes the API key (and any bearer token) from text that goes into a message. */
function redact(text: string, apiKey: string | undefined): string {
  let out = text.replace(/Bearer\s+\S+/gi, "Bearer [redacted]");
  if (apiKey) out = out.split(apiKey).join("[redacted]");
  return out;
}

function fail(
  target: RemoteTarget,
  message: string,
  options: ConstructorParameters<typeof EmbedderError>[3],
): EmbedderError {
  return new EmbedderError(target.provider, target.model, redact(message, target.apiKey), options);
}

/** A short, single-line piece of a response body. */
function snippet(text: string, max = 200): string {
  const flat = (/^\s*</.test(text) ? text.replace(/<[^>]*>/g, " ") : text).replace(/\s+/g, " ").trim();
  if (!flat) return "(empty body)";
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The error text of an HTTP error body: OpenAI's {error:{message}}, Ollama's {error}, FastAPI's {detail}… */
function errorDetail(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    if (isRecord(json)) {
      const { error, message, detail } = json;
      if (isRecord(error) && typeof error.message === "string") return snippet(error.message);
      for (const candidate of [error, message, detail]) if (typeof candidate === "string") return snippet(candidate);
      if (Array.isArray(detail) && isRecord(detail[0]) && typeof detail[0].msg === "string")
        return snippet(detail[0].msg);
    }
  } catch {
    // not JSON: show the text itself
  }
  return snippet(body);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (isRecord(value)) {
    const keys = Object.keys(value);
    return keys.length ? `an object with keys ${keys.slice(0, 6).join(", ")}` : "an empty object";
  }
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}

/** The system error code somewhere in a fetch failure's cause chain (Node wraps them in TypeError). */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (!isErrorLike(error) || depth > 5) return undefined;
  if (typeof error.code === "string") return error.code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = errorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return errorCode(error.cause, depth + 1);
}

function isErrorLike(value: unknown): value is Error & { code?: unknown } {
  return typeof value === "object" && value !== null && "message" in value;
}

function isTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; isErrorLike(e) && depth < 5; e = e.cause, depth++) {
    if (
      e.name === "TimeoutError" ||
      e.name === "AbortError" ||
      e.code === "UND_ERR_HEADERS_TIMEOUT" ||
      e.code === "UND_ERR_BODY_TIMEOUT"
    ) {
      return true;
    }
  }
  return false;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused: is the server running, and on that port?",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed (DNS)",
  EAI_NONAME: "host name not found",
  ECONNRESET: "the connection was closed by the server",
  EPIPE: "the connection was closed by the server",
  UND_ERR_SOCKET: "the connection was closed by the server",
  ETIMEDOUT: "the connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate cannot be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another host name",
  EPROTO: "TLS handshake failed (is it http rather than https?)",
};

function transportError(target: RemoteTarget, error: unknown): EmbedderError {
  if (error instanceof EmbedderError) return error;
  const subject = subjectOf(target);
  if (isTimeout(error)) {
    return fail(
      target,
      `${subject} did not answer within ${formatDuration(target.timeoutMs)} (${displayUrl(target.baseUrl)})`,
      {
        kind: "timeout",
        cause: error,
      },
    );
  }
  const code = errorCode(error);
  const innermost = (() => {
    let e: unknown = error;
    for (let depth = 0; isErrorLike(e) && isErrorLike(e.cause) && depth < 5; depth++) e = e.cause;
    return isErrorLike(e) ? e.message : String(e);
  })();
  const reason =
    (code && REASONS[code]) ??
    (code
      ? `${code}: ${innermost}`
      : innermost === "bad port"
        ? "fetch refuses to connect to that port, a reserved one; use another"
        : innermost);
  return fail(
    target,
    `${subject}: cannot reach the ${target.provider} server at ${displayUrl(target.baseUrl)} (${reason})`,
    {
      kind: "unreachable",
      cause: error,
    },
  );
}

/** A hint appended to HTTP error messages, by status. */
export type HttpHint = (status: number, detail: string) => string | undefined;

const defaultHint: HttpHint = (status) => {
  if (status === 401 || status === 403) return "check EMBEDDER_API_KEY";
  if (status === 404) return "check EMBEDDER_MODEL and EMBEDDER_BASE_URL";
  if (status === 429) return "rate limited or out of quota; try again later";
  return undefined;
};

/**
 * POSTs JSON and returns the parsed JSON answer. Every failure, including the timeout (which
 * covers the whole exchange, body included), becomes an EmbedderError.
 */
export async function postJson(
  target: RemoteTarget,
  url: string,
  body: unknown,
  hint: HttpHint = defaultHint,
): Promise<unknown> {
  const subject = subjectOf(target);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;

  let text: string;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    const { status } = response;
    text = await response.text();
    if (!response.ok) {
      const detail = errorDetail(text);
      const extra = hint(status, detail) ?? defaultHint(status, detail);
      throw fail(
        target,
        `${subject}: ${displayUrl(url)} answered HTTP ${status}: ${detail}${extra ? ` (${extra})` : ""}`,
        { kind: "http", status },
      );
    }
  } catch (error) {
    throw transportError(target, error);
  }

  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const why = /\b(NaN|-?Infinity)\b/.test(text)
      ? "answered with NaN or Infinity in its vectors, which is not valid JSON"
      : `answered with something that is not JSON: ${snippet(text, 120)}`;
    throw fail(target, `${subject} ${why}`, { kind: "bad-response", cause: error });
  }
}

export function badResponse(target: RemoteTarget, what: string, value: unknown): EmbedderError {
  return fail(target, `${subjectOf(target)} answered ${what}; got ${describeJson(value)}`, { kind: "bad-response" });
}

/**
 * Checks that `vectors` holds exactly `expected` vectors of 768 finite numbers and returns them.
 * `dimensionHint` is appended when the dimension is wrong.
 */
export function checkVectors(
  target: RemoteTarget,
  vectors: readonly unknown[],
  expected: number,
  dimensionHint?: string,
): number[][] {
  const subject = subjectOf(target);
  if (vectors.length !== expected) {
    throw fail(target, `${subject} returned ${vectors.length} vectors for ${expected} texts`, { kind: "bad-vectors" });
  }
  return vectors.map((vector, i) => {
    if (!Array.isArray(vector)) {
      throw fail(target, `${subject} returned vector ${i} as ${describeJson(vector)}, not an array of numbers`, {
        kind: "bad-vectors",
      });
    }
    if (vector.length !== EMBEDDING_DIMENSIONS) {
      throw fail(
        target,
        `${subject} returned vectors of ${vector.length} dimensions; the memory_logs column needs ${EMBEDDING_DIMENSIONS}` +
          (dimensionHint ? ` (${dimensionHint})` : ""),
        { kind: "bad-vectors" },
      );
    }
    try {
      assertEmbedding(vector, `${subject} vector ${i}`);
    } catch (error) {
      if (error instanceof InvalidEmbeddingError)
        throw fail(target, error.message, { kind: "bad-vectors", cause: error });
      throw error;
    }
    return vector;
  });
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
