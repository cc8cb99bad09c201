import "server-only";
import type { Connection } from "@/db/connect";

/**
 * One database session for the benchmark's own SQL: plain text with positional parameters,
 * on a single connection, so that SET LOCAL, transactions and savepoints apply to what follows.
 */
export type Session = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(script: string): Promise<void>;
};

/** Runs `work` on one session: a pooled client of PostgreSQL, or PGlite itself (it has one). */
export async function withSession<T>(conn: Connection, work: (session: Session) => Promise<T>): Promise<T> {
  if (conn.kind === "pglite") {
    const client = conn.client;
    return work({
      query: async <R>(text: string, params: unknown[] = []) => (await client.query<R>(text, params)).rows,
      exec: async (script) => {
        await client.exec(script);
      },
    });
  }
  const client = await conn.pool.connect();
  try {
    return await work({
      query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
      exec: async (script) => {
        await client.query(script);
      },
    });
  } finally {
    client.release();
  }
}

/** One statement on any session. */
export function query<T = Record<string, unknown>>(
  conn: Connection,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withSession(conn, (s) => s.query<T>(text, params));
}

/**
 * Runs `work` in a transaction that is always rolled back: whatever it changes (dropped
 * indexes, deleted rows, EXPLAIN ANALYZE of a write) is undone, and no other session sees it.
 */
export async function inRolledBackTransaction<T>(conn: Connection, work: (session: Session) => Promise<T>): Promise<T> {
  return withSession(conn, async (session) => {
    await session.exec("BEGIN");
    try {
      return await work(session);
    } finally {
      await session.exec("ROLLBACK");
    }
  });
}
