import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "@/db/connect";
import { runMigrations } from "@/db/migrate";
import { memoryLogs } from "@/db/schema";
import { tempDir } from "../support/databases";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

/** `npm run db:migrate` in a separate process, on the given folder. */
function migrateInAnotherProcess(dir: string) {
  return run(process.execPath, ["--import", "tsx", "cli/migrate.ts"], {
    cwd: root,
    env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "" },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe("one process per embedded data folder", () => {
  const base = tempDir("lock");
  const dir = path.join(base, "pglite");
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it("gives a second process a clear error and leaves the folder usable", async () => {
    const conn = await openPglite(dir);
    await runMigrations(conn);
    await conn.db
      .insert(memoryLogs)
      .values({ projectId: "p", userId: "u", rawData: JSON.stringify({ content: "kept" }) });

    const second = await migrateInAnotherProcess(dir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`already open in process ${process.pid}`);
    expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

    // The same process cannot open it twice either.
    await expect(openPglite(dir)).rejects.toThrow(/already open in this process/);

    // The holder still works, and after it closes the folder opens elsewhere with its data.
    expect(await conn.db.select().from(memoryLogs)).toHaveLength(1);
    await conn.close();
    const third = await migrateInAnotherProcess(dir);
    expect(third).toMatchObject({ code: 0 });
    expect(third.stdout).toContain("up to date");

    const reopened = await openPglite(dir);
    expect((await reopened.db.select().from(memoryLogs)).map((r) => r.rawData)).toEqual(['{"content": "kept"}']);
    await reopened.close();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    fs.writeFileSync(
      `${dir}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 17, hostname: (await import("node:os")).hostname(), since: "then" }),
    );
    const conn = await openPglite(dir);
    expect(await conn.db.select().from(memoryLogs)).toHaveLength(1);
    await conn.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
