import { afterEach, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { migrationStatus, runMigrations } from "@/db/migrate";
import { RECOMMENDED_INDEXES } from "@/db/recommended-indexes";
import { rawExec, rawQuery, specDdl, testDatabases } from "../support/databases";

/** The shape of memory_logs as `\d memory_logs` shows it: columns, types, defaults, indexes. */
async function describeTable(conn: Connection) {
  const columns = await rawQuery(
    conn,
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
            pg_get_expr(d.adbin, d.adrelid) as default_value
       from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = 'memory_logs'::regclass and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
  );
  const indexes = await rawQuery<{ indexname: string; indexdef: string }>(
    conn,
    `select indexname, indexdef from pg_indexes where tablename = 'memory_logs' order by indexname`,
  );
  return { columns, indexes };
}

describe.each(testDatabases)("migrations on $name", (database) => {
  const open: Connection[] = [];
  const connect = async () => {
    const conn = await database.open();
    open.push(conn);
    return conn;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });

  it("create memory_logs exactly as the specification's DDL does, plus the recommended indexes", async () => {
    const migrated = await connect();
    await runMigrations(migrated);

    const reference = await connect();
    await rawExec(reference, "CREATE EXTENSION IF NOT EXISTS vector");
    await rawExec(reference, specDdl);

    const recommended = new Set<string>(RECOMMENDED_INDEXES.map((i) => i.name));
    const full = await describeTable(migrated);
    expect(
      full.indexes
        .filter((i) => recommended.has(i.indexname))
        .map((i) => i.indexname)
        .sort(),
    ).toEqual([...recommended].sort());
    const actual = { ...full, indexes: full.indexes.filter((i) => !recommended.has(i.indexname)) };
    expect(actual).toEqual(await describeTable(reference));
    expect(actual.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      "id integer",
      "user_id character varying(255)",
      "project_id character varying(255)",
      "raw_data jsonb",
      "embedding vector(768)",
      "created_at timestamp without time zone",
      "updated_at timestamp without time zone",
    ]);
    expect(actual.indexes.map((i) => i.indexname)).toEqual([
      "idx_memory_logs_created_at",
      "idx_memory_logs_embedding",
      "idx_memory_logs_user_project",
      "memory_logs_pkey",
    ]);
    expect(actual.indexes.find((i) => i.indexname === "idx_memory_logs_embedding")?.indexdef).toMatch(
      /USING ivfflat \(embedding( vector_l2_ops)?\) WITH \(lists='?100'?\)/,
    );
  });

  it("reports pending migrations, then none once applied, and applying twice is harmless", async () => {
    const conn = await connect();
    const before = await migrationStatus(conn.db);
    expect(before.upToDate).toBe(false);
    expect(before.pending.length).toBe(before.expected);

    await runMigrations(conn);
    await runMigrations(conn);
    const after = await migrationStatus(conn.db);
    expect(after).toMatchObject({ upToDate: true, pending: [], applied: before.expected });
  });
});
