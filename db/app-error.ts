export type ErrorCode =
  | "invalid"
  | "not_found"
  | "conflict"
  | "unavailable"
  | "unauthorized"
  | "forbidden"
  | "rate_limited";

/**
 * An error the user caused or can act on, with a message fit to show as is. `field` names the
 * input (form field or URL parameter) it is about. Anything else is a bug or an outage.
 */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const invalid = (field: string, message: string) => new AppError("invalid", message, field);
export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);
export const conflict = (message: string) => new AppError("conflict", message);
