import type pg from "pg";
import { isConnectionFailure } from "./errors";

/** About how long `pg_ctl restart` keeps the server away; a read sent again sooner meets a refusal. */
const RETRY_DELAY_MS = 1_000;

/** A statement that reads: it starts with SELECT or WITH and names nothing that writes or holds state. */
const READS = /^\s*(select|with)\b/i;
const WRITES = /\b(insert|update|delete|merge|copy|call|nextval|setval|set_config|pg_advisory\w*)\b/i;

const statementText = (config: unknown): string =>
  typeof config === "string"
    ? config
    : typeof (config as { text?: unknown })?.text === "string"
      ? (config as { text: string }).text
      : "";

export const isReadStatement = (text: string): boolean => READS.test(text) && !WRITES.test(text);

/**
 * Makes `pool.query` send a read once more, on a new connection and after a pause, when its
 * connection broke or was refused (a server restart). Writes are never sent again: one whose
 * connection broke may have committed. Statements in a transaction (pool.connect) are not
 * touched: the transaction is gone with its connection, and its caller decides.
 */
export function retryReadsOnce(pool: pg.Pool): pg.Pool {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  pool.query = ((...args: unknown[]) => {
    if (typeof args[args.length - 1] === "function") return query(...args); // callback style: left as it is
    return query(...args).catch(async (error: unknown) => {
      if (!isConnectionFailure(error) || !isReadStatement(statementText(args[0])) || pool.ending) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      return query(...args);
    });
  }) as typeof pool.query;
  return pool;
}
