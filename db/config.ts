import path from "node:path";

export type DatabaseKind = "pglite" | "postgres";

/** Where the app's data lives, read from the environment once per call (tests change it). */
export type DatabaseConfig = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

export const DEFAULT_PGLITE_DIR = ".data/pglite";

export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  return { kind: "pglite", dir: path.resolve(env.PGLITE_DIR?.trim() || DEFAULT_PGLITE_DIR) };
}

export function databaseKind(env: NodeJS.ProcessEnv = process.env): DatabaseKind {
  return databaseConfig(env).kind;
}

/** The folder holding drizzle-kit's generated migrations. */
export function migrationsFolder(): string {
  return path.resolve(process.env.MIGRATIONS_DIR || "drizzle");
}
