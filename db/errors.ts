import { DatabaseLockedError } from "./pglite-lock";

/**
 * PostgreSQL's class 22 (data exception: a value out of range, an invalid character) means the
 * request carried a value the database cannot take: the caller's mistake, not an outage.
 */
export function isDataException(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | null; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && e.code.startsWith("22")) return true;
  }
  return false;
}

/** A short, human explanation of why the database could not answer; the full error goes to the server log. */
export function describeDatabaseError(error: unknown): string {
  return knownDatabaseProblem(error) ?? "The database failed to answer; the details are in the server log.";
}

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown } | null;

/** What a server restart looks like from node-postgres, seen with `pg_ctl restart` under load. */
const RESTART_CODES = new Set([
  "57P01", // admin_shutdown: terminating connection due to administrator command (fast shutdown)
  "57P02", // crash_shutdown: another server process crashed
  "57P03", // cannot_connect_now: the database system is shutting down, starting up, not yet accepting connections
  "ECONNRESET", // the socket closed under a query, or while connecting
  "EPIPE", // written to a socket the server had closed
  "ECONNREFUSED", // nothing listens while the server is down
]);
const RESTART_MESSAGES =
  /^(Connection terminated unexpectedly|Client has encountered a connection error and is not queryable)$/;

/**
 * The server went away under the statement or refused the connection because it is stopping or
 * starting (class 08 is connection_exception): nothing is wrong with the statement, and once
 * the server is back the same statement may succeed.
 */
export function isConnectionFailure(error: unknown): boolean {
  for (let e = error as ErrorLike; e; e = e.cause as ErrorLike) {
    if (typeof e.code === "string" && (RESTART_CODES.has(e.code) || e.code.startsWith("08"))) return true;
    if (typeof e.message === "string" && RESTART_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** The explanation for failures a user or operator can act on (server down, wrong URL, not migrated); null for others. */
export function knownDatabaseProblem(error: unknown): string | null {
  if (error instanceof DatabaseLockedError) return error.message;
  const e = error as ErrorLike;
  const code = typeof e?.code === "string" ? e.code : undefined;
  switch (code) {
    case "ECONNREFUSED":
      return "Cannot reach PostgreSQL: connection refused. Is the server running, and is DATABASE_URL right?";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "Cannot reach PostgreSQL: the host in DATABASE_URL was not found.";
    case "ETIMEDOUT":
      return "Cannot reach PostgreSQL: the connection timed out.";
    case "28P01":
    case "28000":
      return "PostgreSQL refused the credentials in DATABASE_URL.";
    case "3D000":
      return "The database named in DATABASE_URL does not exist.";
    case "57P03":
      return "PostgreSQL is starting up or shutting down: try again in a moment.";
    case "42P01":
      return "The memory_logs table does not exist yet: run npm run db:migrate.";
  }
  const message = typeof e?.message === "string" ? e.message : "";
  if (/connection timeout|timeout exceeded when trying to connect/i.test(message))
    return "The database did not answer in time (connection timeout).";
  if (e?.cause) return knownDatabaseProblem(e.cause);
  if (isConnectionFailure(e))
    return "The connection to PostgreSQL was lost (the server may be restarting): try again in a moment.";
  return null;
}
