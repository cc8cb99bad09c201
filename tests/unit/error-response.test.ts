import { DrizzleQueryError } from "drizzle-orm/errors";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { AppError, type ErrorCode } from "@/db/app-error";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { failure } from "@/lib/actions/define-action";
import { EmbedderError, InvalidEmbeddingError } from "@/lib/embedding";
import { classifyError, jsonErrorResponse, RETRY_AFTER_SECONDS, reportError } from "@/lib/error-response";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "ERROR" });
const inQuery = (cause: unknown) => new DrizzleQueryError("select 1", [], cause as Error);

afterEach(() => vi.restoreAllMocks());

describe("an AppError", () => {
  it.each([
    ["invalid", 400],
    ["unauthorized", 401],
    ["forbidden", 403],
    ["not_found", 404],
    ["conflict", 409],
    ["rate_limited", 429],
    ["unavailable", 503],
  ] as [ErrorCode, number][])("%s answers %i with its own message", (code, status) => {
    const answer = classifyError(new AppError(code, "Said as is."));
    expect(answer).toEqual({
      status,
      code,
      message: "Said as is.",
      kind: "request",
      ...(status === 503 ? { retryAfter: RETRY_AFTER_SECONDS } : {}),
    });
  });

  it("names the input it is about", () => {
    expect(classifyError(new AppError("invalid", "limit must be 1 to 100.", "limit"))).toMatchObject({
      status: 400,
      field: "limit",
    });
  });
});

describe("a database error", () => {
  it.each([pgError("22003", "value out of range"), inQuery(pgError("22P02", "invalid input syntax"))])(
    "of class 22 (data exception) is the request's: 400 invalid, said for the API and for an action",
    (error) => {
      expect(classifyError(error, "api")).toEqual({
        status: 400,
        code: "invalid",
        message: "A value in the request is out of the range the database accepts.",
        kind: "request",
      });
      expect(classifyError(error, "action")).toMatchObject({
        status: 400,
        message: "A value is out of the range the database accepts.",
      });
    },
  );

  it.each([
    [inQuery(pgError("57P01", "terminating connection due to administrator command")), /try again in a moment/],
    [new Error("Connection terminated unexpectedly"), /try again in a moment/],
    [inQuery(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })), /refused/],
    [new DatabaseLockedError("The embedded database at /x is already open in process 1."), /already open/],
  ])("that is a connection failure or an outage answers 503 with Retry-After and the reason (%#)", (error, reason) => {
    const answer = classifyError(error);
    expect(answer).toMatchObject({
      status: 503,
      code: "unavailable",
      retryAfter: RETRY_AFTER_SECONDS,
      kind: "database",
    });
    expect(answer.message).toMatch(reason);
  });
});

describe("an embedder's failure", () => {
  it.each([
    new EmbedderError("ollama", "nomic", "Ollama (nomic) did not answer within 30 s.", { kind: "timeout" }),
    new InvalidEmbeddingError("embedding must have 768 dimensions, got 3"),
  ])("answers 503 with its message and Retry-After", (error) => {
    expect(classifyError(error)).toEqual({
      status: 503,
      code: "unavailable",
      message: error.message,
      retryAfter: RETRY_AFTER_SECONDS,
      kind: "embedder",
    });
  });
});

describe("an unexpected error", () => {
  const secret = Object.assign(new Error("password=hunter2 in select * from auth_account"), { code: "XX000" });

  it("answers 500 internal with a generic message and nothing of the error itself", async () => {
    const answer = classifyError(secret);
    expect(answer).toEqual({
      status: 500,
      code: "internal",
      message: "The request failed; the details are in the server log.",
      kind: "unexpected",
    });
    const response = jsonErrorResponse(answer);
    const body = await response.text();
    expect(body).not.toMatch(/hunter2|auth_account|XX000|stack/);
    expect(JSON.parse(body)).toEqual({ error: { code: "internal", message: answer.message } });
    expect(classifyError(secret, "action").message).toBe(
      "The change could not be saved; the details are in the server log.",
    );
  });

  it.each([undefined, null, "a string", 42, { code: 7 }])("and any thrown value (%j) is one too", (value) => {
    expect(classifyError(value)).toMatchObject({ status: 500, code: "internal" });
  });

  it("is logged once, in full; the request's own mistakes are not logged", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    reportError(secret, "api", "[api] GET /x failed:");
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith("[api] GET /x failed:", secret);
    log.mockClear();
    reportError(new AppError("not_found", "Memory 1 not found."), "api", "[api] GET /x failed:");
    reportError(pgError("22003", "out of range"), "action", "[action] failed:");
    expect(log).not.toHaveBeenCalled();
  });
});

describe("as a JSON response", () => {
  it("has the API's body and headers", async () => {
    const invalid = jsonErrorResponse(classifyError(new AppError("invalid", "Bad limit.", "limit")));
    expect(invalid.status).toBe(400);
    expect(Object.fromEntries(invalid.headers)).toEqual({
      "cache-control": "no-store",
      "content-type": "application/json",
    });
    expect(await invalid.json()).toEqual({ error: { code: "invalid", message: "Bad limit.", parameter: "limit" } });

    const unauthorized = jsonErrorResponse(classifyError(new AppError("unauthorized", "Sign in.")));
    expect(unauthorized.headers.get("www-authenticate")).toBe('Bearer realm="semantix"');
    const down = jsonErrorResponse(classifyError(new Error("Connection terminated unexpectedly")));
    expect([down.status, down.headers.get("retry-after")]).toEqual([503, String(RETRY_AFTER_SECONDS)]);
  });
});

describe("as a server action's result", () => {
  it("keeps the AppError codes and says which field is wrong", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(failure(new AppError("invalid", "Not JSON.", "rawData"))).toEqual({
      ok: false,
      code: "invalid",
      error: "Not JSON.",
      fieldErrors: { rawData: ["Not JSON."] },
    });
    expect(failure(new Error("a bug"))).toEqual({
      ok: false,
      code: "unavailable",
      error: "The change could not be saved; the details are in the server log.",
    });
  });
});
