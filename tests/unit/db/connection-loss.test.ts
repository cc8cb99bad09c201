import { APIError } from "better-auth/api";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { isConnectionFailure, knownDatabaseProblem } from "@/db/errors";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { isReadStatement } from "@/db/read-retry";
import { failure } from "@/lib/actions/define-action";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });
const socketError = (code: string, syscall: string) =>
  Object.assign(new Error(`${syscall} ${code}`), { code, syscall });

// Every error node-postgres gave while `pg_ctl restart` (fast and immediate) ran under 8 clients.
const SEEN_IN_RESTARTS = {
  "in flight at a fast shutdown": pgError("57P01", "terminating connection due to administrator command"),
  "connecting while it shuts down": pgError("57P03", "the database system is shutting down"),
  "connecting while it starts": pgError("57P03", "the database system is starting up"),
  "connecting before it accepts": pgError("57P03", "the database system is not yet accepting connections"),
  "the socket reset under a query": socketError("ECONNRESET", "read"),
  "connecting while it is down": socketError("ECONNREFUSED", "connect"),
  "in flight at an immediate shutdown": new Error("Connection terminated unexpectedly"),
  "a transaction's next statement": new Error("Client has encountered a connection error and is not queryable"),
};
const ALSO_CONNECTION_FAILURES = {
  "another backend crashed": pgError("57P02", "terminating connection because of crash of another server process"),
  "written to a closed socket": socketError("EPIPE", "write"),
  "connection_failure (class 08)": pgError("08006", "connection failure"),
};

describe("connection failures (a server restart)", () => {
  for (const [name, error] of Object.entries({ ...SEEN_IN_RESTARTS, ...ALSO_CONNECTION_FAILURES })) {
    it(`${name}: is one, also inside a failed query and a failed session lookup, and tells to try again`, () => {
      expect(isConnectionFailure(error)).toBe(true);
      const query = new DrizzleQueryError("select 1", [], error);
      const session = APIError.from(
        "INTERNAL_SERVER_ERROR",
        { message: "Failed to get session", code: "FAILED_TO_GET_SESSION" },
        { cause: query },
      );
      for (const e of [error, query, session]) {
        expect(isConnectionFailure(e)).toBe(true);
        expect(knownDatabaseProblem(e)).toMatch(
          error.message.includes("ECONNREFUSED") ? /connection refused/ : /try again in a moment/,
        );
      }
    });
  }

  it("a server action caught by one answers code unavailable with a message to try again", () => {
    expect(
      failure(new DrizzleQueryError("update memory_logs …", [], SEEN_IN_RESTARTS["in flight at a fast shutdown"])),
    ).toEqual({
      ok: false,
      code: "unavailable",
      error: "The connection to PostgreSQL was lost (the server may be restarting): try again in a moment.",
    });
    expect(failure(pgError("57P03", "the database system is starting up"))).toEqual({
      ok: false,
      code: "unavailable",
      error: "PostgreSQL is starting up or shutting down: try again in a moment.",
    });
  });

  it("is not a statement's own failure, a pool closed on purpose, an exhausted pool or a locked folder", () => {
    for (const error of [
      pgError("42601", "syntax error at or near"),
      pgError("23505", "duplicate key value violates unique constraint"),
      pgError("22P02", "invalid input syntax for type integer"),
      pgError("40001", "could not serialize access due to concurrent update"),
      new Error("Connection terminated"),
      new Error("timeout exceeded when trying to connect"),
      new DatabaseLockedError("The embedded database at /x is already open in process 1"),
    ]) {
      expect(isConnectionFailure(error), error.message).toBe(false);
    }
  });
});

describe("which statements are sent again after a connection failure", () => {
  it("reads are", () => {
    expect(isReadStatement(`select "id", "raw_data" from "memory_logs" where "project_id" = $1`)).toBe(true);
    expect(
      isReadStatement(`  WITH page AS (select id from memory_logs where user_id = $1) SELECT count(*) FROM page`),
    ).toBe(true);
    expect(isReadStatement(`select deleted_at, updated_at from memory_trash`)).toBe(true);
  });

  it("writes, and reads that change state, are not", () => {
    for (const text of [
      `insert into "memory_logs" ("project_id") values ($1)`,
      `update "memory_logs" set "raw_data" = $1`,
      `delete from "memory_logs" where id = $1`,
      `with moved as (delete from memory_logs where id = $1 returning *) insert into memory_trash select * from moved`,
      `with x as (select 1) update memory_logs set raw_data = $1`,
      `select set_config('enable_sort', 'off', true)`,
      `select nextval('memory_logs_id_seq')`,
      `select id from memory_logs where id = $1 for update`,
      `begin`,
      `commit`,
    ]) {
      expect(isReadStatement(text), text).toBe(false);
    }
  });
});
