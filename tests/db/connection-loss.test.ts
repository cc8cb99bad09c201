import { sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { GET as getProjects } from "@/app/api/v1/projects/route";
import { createMemoryAction } from "@/app/projects/[projectId]/users/[userId]/actions";
import { closeConnection, setConnection } from "@/db/client";
import { type Connection, openPostgres } from "@/db/connect";
import { isConnectionFailure } from "@/db/errors";
import { createAdmin } from "../support/actors";
import { openMigrated, rawQuery, testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

// What a PostgreSQL restart does to the statements in flight, made without restarting: the
// server ends their backends (pg_terminate_backend, the same 57P01 a fast shutdown sends).

const UNREACHABLE = "postgres://nobody@127.0.0.1:1/nothing";

/** Ends, as soon as it runs, the backend of `conn` whose statement contains `marker`. */
async function terminateWhenRunning(conn: Connection, marker: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    const database = conn.kind === "postgres" ? new URL(conn.pool.options.connectionString!).pathname.slice(1) : "";
    for (let i = 0; i < 200; i++) {
      const { rowCount } = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query like $2 and pid <> pg_backend_pid()",
        [database, `%${marker}%`],
      );
      if (rowCount) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no statement with ${marker} ran`);
  } finally {
    await admin.end();
  }
}

afterEach(async () => {
  actAs(null);
  await closeConnection();
  vi.unstubAllEnvs();
});

const postgres = testDatabases.find((d) => d.name === "postgres");
describe.runIf(postgres)("a connection the server ends under a statement", () => {
  it("a read is sent once more on a new connection and answers", async () => {
    const { conn } = await openMigrated(postgres!);
    try {
      const [rows] = await Promise.all([
        rawQuery<{ v: string }>(conn, "select 'answered' as v, pg_sleep(0.3) as read_in_flight"),
        terminateWhenRunning(conn, "read_in_flight"),
      ]);
      expect(rows).toEqual([{ v: "answered", read_in_flight: "" }]);
    } finally {
      await conn.close();
    }
  });

  it("a write is not sent again: it fails as a connection failure and is done at most once", async () => {
    const { conn } = await openMigrated(postgres!);
    try {
      const write = rawQuery(
        conn,
        "insert into memory_logs (project_id, user_id, raw_data) select 'p', 'u', '{}'::jsonb from pg_sleep(0.3) as write_in_flight",
      );
      const [outcome] = await Promise.allSettled([write, terminateWhenRunning(conn, "write_in_flight")]);
      expect(outcome.status).toBe("rejected");
      expect(isConnectionFailure((outcome as PromiseRejectedResult).reason)).toBe(true);
      await new Promise((r) => setTimeout(r, 1_500)); // past the pause a retry would take
      expect(await rawQuery(conn, "select id from memory_logs where project_id = 'p'")).toEqual([]);
    } finally {
      await conn.close();
    }
  });

  it("a transaction ended between its statements reports a connection failure and the process goes on", async () => {
    const { conn, db } = await openMigrated(postgres!);
    try {
      const transaction = db.transaction(async (tx) => {
        await tx.execute(sql`select 1 as first_statement_of_tx`);
        await terminateWhenRunning(conn, "first_statement_of_tx"); // the backend now idles in the transaction
        await new Promise((r) => setTimeout(r, 200));
        await tx.execute(sql`select 2`);
      });
      await expect(transaction).rejects.toSatisfy(isConnectionFailure);
      expect(await rawQuery(conn, "select 'still usable' as v")).toEqual([{ v: "still usable" }]);
    } finally {
      await conn.close();
    }
  });
});

describe.each(testDatabases)("PostgreSQL out of reach, after signing in on $name", (database) => {
  it("the JSON API answers 503 with Retry-After and the reason", async () => {
    const conn = await openPostgres(UNREACHABLE, { max: 2 });
    setConnection(conn);
    const response = await getProjects(
      new Request("http://app/api/v1/projects", { headers: { authorization: "Bearer smx_anything" } }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await response.json()).toEqual({
      error: {
        code: "unavailable",
        message: "Cannot reach PostgreSQL: connection refused. Is the server running, and is DATABASE_URL right?",
      },
    });
  });

  it("a page's session and a server action say so, instead of asking to sign in again", async () => {
    vi.stubEnv("BETTER_AUTH_SECRET", "a-secret-that-outlives-the-connection-0123");
    const { conn: signedInOn } = await openMigrated(database);
    const { session } = await createAdmin(signedInOn.db);
    await signedInOn.close();
    setConnection(await openPostgres(UNREACHABLE, { max: 2 }));
    actAs(session);
    expect(await createMemoryAction({ projectId: "acme", userId: "alice", rawData: '{"content":"x"}' })).toEqual({
      ok: false,
      code: "unavailable",
      error: "Cannot reach PostgreSQL: connection refused. Is the server running, and is DATABASE_URL right?",
    });
  });
});
