import fs from "node:fs";
import os from "node:os";

/** PGlite is one process per data folder: a second one would corrupt it. */
export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
}

type LockInfo = { pid: number; hostname: string; since: string };

/**
 * Takes `<dir>.lock` for this process, or throws DatabaseLockedError naming the process that
 * holds it. A lock left by a process that no longer runs is taken over. Returns the release.
 */
export function lockDataFolder(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString() };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: "wx" });
      const release = () => {
        process.off("exit", release);
        const current = readLock(lockPath);
        if (current?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readLock(lockPath);
    if (holder && isHeld(holder)) {
      const who = holder.pid === process.pid ? "this process" : `process ${holder.pid}`;
      throw new DatabaseLockedError(
        `The embedded database at ${dir} is already open in ${who} (since ${holder.since}). ` +
          `PGlite allows one process per data folder: stop the other process (a running dashboard or script), ` +
          `or set PGLITE_DIR to another folder, or use DATABASE_URL.`,
      );
    }
    fs.rmSync(lockPath, { force: true }); // stale: its process is gone
  }
  throw new DatabaseLockedError(`Could not take the lock ${lockPath}: another process keeps taking it.`);
}

function readLock(lockPath: string): LockInfo | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(lockPath, "utf8"));
    if (parsed && typeof parsed === "object" && "pid" in parsed && typeof parsed.pid === "number") {
      const p = parsed as Partial<LockInfo>;
      return { pid: parsed.pid, hostname: String(p.hostname ?? ""), since: String(p.since ?? "unknown") };
    }
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return null;
}

function isHeld(lock: LockInfo): boolean {
  if (lock.hostname && lock.hostname !== os.hostname()) return true; // cannot check another machine
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
