import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { z } from "zod";
import { migrationsFolder } from "./config";
import type { Connection, Database } from "./connect";
import { selectRows } from "./rows";

/** Applies drizzle-kit's migrations from `drizzle/` on either database (drizzle-kit itself cannot load pgvector in PGlite). */
export async function runMigrations(conn: Connection): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  if (conn.kind === "pglite") await migratePglite(conn.db, config);
  else {
    await migratePostgres(conn.db, config);
    await conn.registerVectorType();
  }
}

export type MigrationStatus = { upToDate: boolean; applied: number; expected: number; pending: string[] };

/** Compares the migrations in `drizzle/` with those recorded in the database, the way the migrator decides. */
export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const expected = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  const tags = journalTags();
  const [exists] = await selectRows(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`,
    z.object({ exists: z.boolean() }),
  );
  const applied = exists?.exists
    ? await selectRows(
        db,
        sql`select created_at::text as "createdAt" from drizzle.__drizzle_migrations`,
        z.object({ createdAt: z.string() }),
      )
    : [];
  const last = applied.reduce((max, row) => Math.max(max, Number(row.createdAt)), 0);
  const pending = expected.flatMap((m, i) => (m.folderMillis > last ? [tags[i] ?? String(m.folderMillis)] : []));
  return { upToDate: pending.length === 0, applied: applied.length, expected: expected.length, pending };
}

function journalTags(): string[] {
  // readMigrationFiles keeps the order of the journal but not the names; read them for messages.
  try {
    const journal = z
      .object({ entries: z.array(z.object({ tag: z.string() })) })
      .parse(JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")));
    return journal.entries.map((e) => e.tag);
  } catch {
    return [];
  }
}
