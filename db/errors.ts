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

/** The explanation for failures a user or operator can act on (server down, wrong URL, not migrated); null for others. */
export function knownDatabaseProblem(error: unknown): string | null {
  if (error instanceof DatabaseLockedError) return error.message;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | null;
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
    case "42P01":
      return "The memory_logs table does not exist yet: run npm run db:migrate.";
  }
  const message = typeof e?.message === "string" ? e.message : "";
  if (/connection timeout|timeout exceeded when trying to connect/i.test(message)) return "The database did not answer in time (connection timeout).";
  if (e?.cause) return knownDatabaseProblem(e.cause);
  return null;
}
