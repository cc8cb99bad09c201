/** What went wrong, for callers that map failures to HTTP statuses or retries. */
export type EmbedderErrorKind =
  /** No answer within the timeout. */
  | "timeout"
  /** Connection refused, unknown host, TLS failure, connection dropped. */
  | "unreachable"
  /** The server answered with an HTTP error status. */
  | "http"
  /** The answer is not JSON or not shaped like the protocol says. */
  | "bad-response"
  /** The answer is well formed but its vectors are unusable (count, dimension, non-finite values). */
  | "bad-vectors";

/** Any failure of a remote embedder. The message names the provider and the model, never the API key. */
export class EmbedderError extends Error {
  override name = "EmbedderError";
  readonly provider: string;
  readonly model: string;
  readonly kind: EmbedderErrorKind;
  /** The HTTP status, when kind is "http". */
  readonly status?: number;

  constructor(
    provider: string,
    model: string,
    message: string,
    options: { kind: EmbedderErrorKind; status?: number; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.provider = provider;
    this.model = model;
    this.kind = options.kind;
    if (options.status !== undefined) this.status = options.status;
  }
}
