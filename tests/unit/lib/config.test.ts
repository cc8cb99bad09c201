import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseConfig as fromEnv } from "@/db/config";

const databaseConfig = (env: Record<string, string>) => fromEnv(env as NodeJS.ProcessEnv);

describe("databaseConfig", () => {
  it("uses the embedded database in .data/pglite by default", () => {
    expect(databaseConfig({})).toEqual({ kind: "pglite", dir: path.resolve(".data/pglite") });
  });
  it("honours PGLITE_DIR", () => {
    expect(databaseConfig({ PGLITE_DIR: "/tmp/x" })).toEqual({ kind: "pglite", dir: "/tmp/x" });
  });
  it("switches to PostgreSQL when DATABASE_URL is set, and ignores a blank one", () => {
    expect(databaseConfig({ DATABASE_URL: "postgres://h/db", PGLITE_DIR: "/tmp/x" })).toEqual({
      kind: "postgres",
      url: "postgres://h/db",
    });
    expect(databaseConfig({ DATABASE_URL: "  " }).kind).toBe("pglite");
  });
});
