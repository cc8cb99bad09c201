import { DatabaseLockedError } from "./pglite-lock";

/** A short, human explanation of why the database could not answer; the full error goes to the server log. */
export function describeDatabaseError(error: unknown): string {
  return knownDatabaseProblem(error) ?? "The database failed to answer; the details are in the server log.";
}

/** The explanation for failures a user or operator can act on (server down, wrong URL, not migrated); null for others. */
export function knownDatabaseProblem(error: unknown): string | null {
  if (error instanceof DatabaseLockedError) return error.message;
  const e = error as { code?: unknown; message?: unknown; address?: unknown; port?: unknown; cause?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : undefined;
  const where = typeof e?.address === "string" ? ` at ${e.address}${typeof e.port === "number" ? `:${e.port}` : ""}` : "";
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach PostgreSQL${where}: connection refused. Is the server running, and is DATABASE_URL right?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "Cannot reach PostgreSQL: the host in DATABASE_URL was not found.";
    case "ETIMEDOUT":
      return `Cannot reach PostgreSQL${where}: the connection timed out.`;
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
