import { sql } from "drizzle-orm";
import type { Database } from "./connect";

/**
 * What the app says of its own write, for the memory versions it replaces (migration 0013's
 * trigger reads these): who asked, the operation the audit log files it under, and the embedder
 * of the vectors it writes. A write without one shows as made outside the dashboard.
 */
export type WriteContext = { actor: string | null; operation?: string; embedder?: string };

/** Runs `write` in a transaction whose settings name the app's write (transaction-local, so a pooler can share the connection). */
export function writeAs<T>(
  db: Database,
  context: WriteContext | undefined,
  write: (tx: Database) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    if (context)
      await tx.execute(
        sql`select set_config('semantix.actor', ${context.actor ?? ""}, true),
                   set_config('semantix.operation', ${context.operation ?? ""}, true),
                   set_config('semantix.embedder', ${context.embedder ?? ""}, true)`,
      );
    return write(tx);
  });
}
