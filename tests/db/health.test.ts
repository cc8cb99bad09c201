import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { closeConnection, getConnection, getDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { listProjects } from "@/db/queries/projects";
import { DEMO_PROJECT_IDS } from "@/lib/demo-data";
import { prepareDatabase } from "@/lib/startup";
import { tempDir, testDatabases } from "../support/databases";

async function health() {
  const response = await GET();
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as Record<string, unknown> & { database: Record<string, unknown> },
  };
}

afterEach(async () => {
  await closeConnection();
  vi.unstubAllEnvs();
});

describe("GET /api/health", () => {
  const base = tempDir("health");
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it("answers 503 with a clear reason when PostgreSQL cannot be reached", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/nothing");
    const { status, body, retryAfter } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, database: { kind: "postgres" } });
    expect(body.reason).toMatch(/Cannot reach PostgreSQL: connection refused/);
    expect(retryAfter).toMatch(/^\d+$/);
  });

  it("on a new embedded folder, reports the migrations start-up has not applied yet", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("PGLITE_DIR", path.join(base, "unprepared", "pglite"));
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.reason).toMatch(/npm run db:migrate/);
  });

  it("on a new embedded folder, start-up migrates it and fills it with demo data", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("PGLITE_DIR", path.join(base, "nested", "pglite"));
    await prepareDatabase(await getConnection());
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      database: {
        kind: "pglite",
        serverVersion: expect.stringMatching(/^\d+\.\d+/),
        pgvectorVersion: expect.stringMatching(/^0\.8\./),
      },
      migrations: { upToDate: true, pending: [] },
      indexes: { missing: [], vector: { count: 0, unmeasured: 0, belowTarget: 0, target: 0.98 } },
      embedder: { provider: "local" },
    });
    expect((await listProjects("all", await getDb())).map((p) => p.projectId).sort()).toEqual(
      [...DEMO_PROJECT_IDS].sort(),
    );
  });

  it("start-up does not seed an embedded folder that already holds a database", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("PGLITE_DIR", path.join(base, "nested", "pglite"));
    await prepareDatabase(await getConnection());
    const { status } = await health();
    expect(status).toBe(200);
    const total = (await listProjects("all", await getDb())).reduce((s, p) => s + p.memories, 0);
    await closeConnection();
    await prepareDatabase(await getConnection());
    expect((await listProjects("all", await getDb())).reduce((s, p) => s + p.memories, 0)).toBe(total);
  });

  const postgres = testDatabases.find((d) => d.name === "postgres");
  it.runIf(postgres)(
    "on PostgreSQL, reports pending migrations with 503, start-up never migrates or seeds, then 200 once migrated",
    async () => {
      const conn = await postgres!.open();
      try {
        const url = conn.kind === "postgres" ? (conn.pool.options.connectionString ?? "") : "";
        vi.stubEnv("DATABASE_URL", url);
        await prepareDatabase(await getConnection());
        const pending = await health();
        expect(pending.status).toBe(503);
        expect(pending.body).toMatchObject({ ok: false, database: { kind: "postgres", pgvectorVersion: null } });
        expect(pending.body.reason).toMatch(/npm run db:migrate/);
        await closeConnection();

        await runMigrations(conn);
        const ready = await health();
        expect(ready.status).toBe(200);
        expect(ready.body).toMatchObject({
          ok: true,
          database: { kind: "postgres", pgvectorVersion: expect.stringMatching(/^0\.8\./) },
        });
        expect(await listProjects("all", await getDb())).toEqual([]);
      } finally {
        await closeConnection();
        await conn.close();
      }
    },
  );
});
