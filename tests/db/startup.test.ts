import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { closeConnection, getDb, setConnection, setConnectionPreparer } from "@/db/client";
import { openPglite } from "@/db/connect";
import { migrationStatus } from "@/db/migrate";
import { countAccounts, findAccountByEmail } from "@/db/queries/accounts";
import { listProjects } from "@/db/queries/projects";
import { DEMO_ADMIN } from "@/lib/auth/config";
import { DEMO_PROJECT_IDS } from "@/lib/demo-data";
import { prepareDatabase, startServer } from "@/lib/startup";
import { openMigrated, tempDir, testDatabases } from "../support/databases";

// What the server does before its first request (instrumentation.ts): the connection itself only connects.

afterEach(async () => {
  await closeConnection();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("start-up", () => {
  const base = tempDir("startup");
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it("opening the connection neither migrates nor seeds", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("PGLITE_DIR", path.join(base, "connect-only"));
    const status = await migrationStatus(await getDb());
    expect(status).toMatchObject({ upToDate: false, applied: 0 });
  });

  it("on a new embedded folder: migrated, demo data, the demo admin; once per process", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("PGLITE_DIR", path.join(base, "first-start"));
    vi.stubEnv("ADMIN_EMAIL", "");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await startServer();
    const db = await getDb();
    expect((await migrationStatus(db)).upToDate).toBe(true);
    expect((await listProjects("all", db)).map((p) => p.projectId).sort()).toEqual([...DEMO_PROJECT_IDS].sort());
    expect(await countAccounts(db)).toBe(1);
    expect(await findAccountByEmail(DEMO_ADMIN.email, db)).toBeDefined();
    expect(log).toHaveBeenCalledWith(`[auth] created the first admin: ${DEMO_ADMIN.email}`);
    const calls = log.mock.calls.length;
    await startServer();
    expect(log.mock.calls.length).toBe(calls);
  });

  it("a preparation that failed is done again on the next use of the database, not left half done", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("PGLITE_DIR", path.join(base, "retried"));
    vi.stubEnv("ADMIN_EMAIL", "owner@example.com");
    vi.stubEnv("ADMIN_PASSWORD", "short");
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    setConnectionPreparer(prepareDatabase);
    await expect(getDb()).rejects.toThrow();
    vi.stubEnv("ADMIN_PASSWORD", "a long enough password");
    const db = await getDb();
    expect((await migrationStatus(db)).upToDate).toBe(true);
    expect(await findAccountByEmail("owner@example.com", db)).toBeDefined();
  });

  it("on an embedded database without accounts, the admin of ADMIN_EMAIL; once there is one, no other", async () => {
    const conn = await openPglite(null);
    setConnection(conn);
    vi.stubEnv("ADMIN_EMAIL", "first@example.com");
    vi.stubEnv("ADMIN_PASSWORD", "a long enough password");
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    await prepareDatabase(conn);
    expect(await findAccountByEmail("first@example.com", conn.db)).toBeDefined();
    expect(await findAccountByEmail(DEMO_ADMIN.email, conn.db)).toBeUndefined();
    vi.stubEnv("ADMIN_EMAIL", "second@example.com");
    await prepareDatabase(conn);
    expect(await countAccounts(conn.db)).toBe(1);
  });

  const postgres = testDatabases.find((d) => d.name === "postgres");
  it.runIf(postgres)("on PostgreSQL: the first admin of ADMIN_EMAIL, never demo data", async () => {
    const { conn } = await openMigrated(postgres!);
    try {
      vi.stubEnv("ADMIN_EMAIL", "");
      await prepareDatabase(conn);
      expect(await countAccounts(conn.db)).toBe(0);
      vi.stubEnv("ADMIN_EMAIL", "owner@example.com");
      vi.stubEnv("ADMIN_PASSWORD", "a long enough password");
      await prepareDatabase(conn);
      expect(await findAccountByEmail("owner@example.com", conn.db)).toBeDefined();
      expect(await listProjects("all", conn.db)).toEqual([]);
    } finally {
      await conn.close();
    }
  });
});
