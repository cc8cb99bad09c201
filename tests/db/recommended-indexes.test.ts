import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { runMigrations } from "@/db/migrate";
import { buildMissingIndexes, missingIndexes, RECOMMENDED_INDEXES } from "@/db/recommended-indexes";
import { rawExec, rawQuery, specDdl, testDatabases } from "../support/databases";

const indexDefinitions = (conn: Connection) =>
  rawQuery<{ indexname: string; indexdef: string }>(
    conn,
    "select indexname, indexdef from pg_indexes where tablename = 'memory_logs' order by indexname",
  );
const allMissing = RECOMMENDED_INDEXES.map((i) => ({ name: i.name, state: "missing" }));

describe.each(testDatabases)("recommended indexes on $name", (database) => {
  let small: Connection;
  let big: Connection;
  beforeAll(async () => {
    [small, big] = await Promise.all([database.open(), database.open()]);
  });
  afterAll(async () => {
    await Promise.all([small.close(), big.close()]);
  });

  it("are created by the migrations on a new or small table", async () => {
    await runMigrations(small);
    expect(await missingIndexes(small.db)).toEqual([]);
  });

  it("are left out on a big adopted table, reported missing, then built concurrently the same way", async () => {
    await rawExec(big, "CREATE EXTENSION IF NOT EXISTS vector");
    await rawExec(big, specDdl);
    await rawExec(
      big,
      `INSERT INTO memory_logs (user_id, project_id, raw_data)
       SELECT 'u' || (g % 7), 'p', jsonb_build_object('content', 'memory ' || g, 'tags', jsonb_build_array('t' || (g % 5)))
         FROM generate_series(1, 10001) g`,
    );
    const before = await rawQuery(
      big,
      "select md5(string_agg(id || raw_data::text, ',' order by id)) as h, count(*)::int as n from memory_logs",
    );

    await runMigrations(big);
    expect(await missingIndexes(big.db)).toEqual(allMissing);
    expect(
      await rawQuery(
        big,
        "select md5(string_agg(id || raw_data::text, ',' order by id)) as h, count(*)::int as n from memory_logs",
      ),
    ).toEqual(before);

    const built: string[] = [];
    await buildMissingIndexes(big.db, (name, phase) => phase === "done" && built.push(name));
    expect(built).toEqual(RECOMMENDED_INDEXES.map((i) => i.name));
    expect(await missingIndexes(big.db)).toEqual([]);
    expect(await indexDefinitions(big)).toEqual(await indexDefinitions(small));

    // Building again finds nothing to do.
    expect(await buildMissingIndexes(big.db)).toEqual([]);
  });

  it("rebuilds an index of an older definition beside the old one, then swaps them", async () => {
    await rawExec(big, "DROP INDEX idx_memory_logs_tenant_created");
    await rawExec(
      big,
      "CREATE INDEX idx_memory_logs_tenant_created ON memory_logs (user_id, project_id, (COALESCE(created_at, '-infinity'::timestamp)) DESC, id DESC)",
    );
    expect(await missingIndexes(big.db)).toEqual([{ name: "idx_memory_logs_tenant_created", state: "outdated" }]);
    expect(await buildMissingIndexes(big.db)).toEqual(["idx_memory_logs_tenant_created"]);
    expect(await missingIndexes(big.db)).toEqual([]);
    expect(await indexDefinitions(big)).toEqual(await indexDefinitions(small));
  });

  it("rebuilds an index left invalid by an interrupted concurrent build", async () => {
    await rawExec(big, "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'idx_memory_logs_tags'::regclass");
    expect(await missingIndexes(big.db)).toEqual([{ name: "idx_memory_logs_tags", state: "invalid" }]);
    expect(await buildMissingIndexes(big.db)).toEqual(["idx_memory_logs_tags"]);
    expect(await missingIndexes(big.db)).toEqual([]);
  });
});
