import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type BenchOptions, BenchRefused, ROLES, runBenchmark } from "@/bench/run";
import { runMigrations } from "@/db/migrate";
import { rawExec, tempDir, testDatabases } from "../support/databases";

// The benchmark end to end on a small table, so that it keeps working; nothing here is timed.

const options = (reportPath: string | null, log: (line: string) => void): BenchOptions => ({
  rows: 3000,
  runs: 5,
  heavyRuns: 2,
  warmup: 1,
  seed: 7,
  chunkRows: 1000,
  reset: false,
  reuse: false,
  exportRows: 100_000,
  deleteRows: 10_000,
  historyRows: 1_000,
  reportPath,
  searchGridOnly: false,
  loadTest: null,
  database: { kind: "pglite", dir: "unused" },
  command: "npm run bench -- --rows 3000 --runs 5",
  log,
});

const PER_TENANT = [
  "list-1",
  "list-number",
  "list-cursor",
  "tag",
  "tags-all",
  "component",
  "path-equals",
  "path-present",
  "dates",
  "no-embedding",
  "text",
  "facets",
  "facets-filtered",
  "search-text",
  "search-memory",
  // The search grid: every filter mix by both metrics.
  ...["none", "tag", "tags-all", "component", "dates", "text"].flatMap((f) => [`grid-${f}-l2`, `grid-${f}-cosine`]),
];

describe.each(testDatabases)("benchmark on $name", (database) => {
  it("generates, measures every case beside the specification's way, and writes the report", async () => {
    const reportPath = path.join(tempDir("bench"), "benchmarks.md");
    const log: string[] = [];
    const results = await runBenchmark(
      () => database.open(),
      options(reportPath, (line) => log.push(line)),
    );

    expect(results.data.rows).toBe(3000);
    expect(results.data.reused).toBe(false);
    expect(results.data.loadMs).toBeGreaterThan(0);
    expect(results.data.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        "idx_memory_logs_user_project",
        "idx_memory_logs_created_at",
        "idx_memory_logs_embedding",
        "idx_memory_logs_tenant_created",
        "idx_memory_logs_tags",
      ]),
    );
    for (const role of ROLES) expect(results.data.measured[role].rows).toBeGreaterThan(0);

    const ids = results.cases.map((c) => `${c.tenant ?? "all"}:${c.id}`);
    const expected = [
      "all:projects",
      "all:users",
      ...ROLES.flatMap((role) => PER_TENANT.map((id) => `${role}:${id}`)),
      "largest:export",
      "largest:delete",
      "largest:restore",
    ];
    // Deep pages exist only where the tenant has more than one page.
    const missing = expected.filter((id) => !ids.includes(id));
    for (const id of missing) expect(id, `${id} is missing`).toMatch(/:list-(number|cursor)$/);
    expect(ids.filter((id) => !expected.includes(id))).toEqual([]);

    for (const c of results.cases) {
      const heavy = ["export", "delete", "restore"].includes(c.id);
      expect(c.ours.runs, c.id).toBe(heavy ? 2 : 5);
      expect(c.ours.p50, c.id).toBeGreaterThan(0);
      expect(c.ours.p95, c.id).toBeGreaterThanOrEqual(c.ours.p50);
      if (c.id === "restore" || c.id.startsWith("grid-")) expect(c.spec).toBeNull();
      else expect(c.spec?.p95, c.id).toBeGreaterThan(0);
      if (c.met === false && c.id !== "export")
        expect(c.explain?.length, `${c.id} missed its target without a plan`).toBeGreaterThan(0);
    }
    const searches = results.cases.filter((c) => c.group === "search");
    expect(searches).toHaveLength(6 + 3 * 12);
    for (const c of searches) {
      expect(c.recall!.queries).toBeGreaterThan(0);
      // The grid is exact or an index whose recall was measured: on this small table, exact.
      if (c.id.startsWith("grid-")) expect(c.recall, c.id).toMatchObject({ ours: 1, oursShort: 0, spec: null });
      for (const value of [c.recall!.ours, c.recall!.spec ?? 0]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    const exported = results.cases.find((c) => c.id === "export")!.exported!;
    expect(exported.rows).toBe(results.data.measured.largest.rows);
    expect(exported.ours.rowsPerSecond).toBeGreaterThan(0);

    // History on and off: the same writes timed both ways, and only the runs with history on kept versions.
    const history = results.history!;
    expect(history.cases.map((c) => c.id)).toEqual(["edit", "bulk-edit", "delete"]);
    for (const c of history.cases) {
      expect(c.on.runs, c.id).toBe(c.id === "edit" ? 5 : 2);
      expect(c.off.runs, c.id).toBe(c.on.runs);
      expect(c.on.p50, c.id).toBeGreaterThan(0);
      expect(c.off.p50, c.id).toBeGreaterThan(0);
    }
    const [edit, bulk, deleted] = history.cases;
    expect(bulk!.rows).toBe(Math.min(1000, Math.floor(results.data.measured.largest.rows / 2)));
    expect(history.storage.versions).toBe(
      edit!.on.runs + 1 + (bulk!.on.runs + 1) * bulk!.rows + (deleted!.on.runs + 1) * deleted!.rows,
    );
    expect(history.storage.bytesPerVersion).toBeGreaterThan(0);

    const report = fs.readFileSync(reportPath, "utf8");
    expect(report).toContain("### Cost of memory history");
    for (const c of history.cases)
      expect(
        report.split("\n").find((line) => line.startsWith(`| ${c.title} |`)),
        c.id,
      ).toMatch(/\| \d+% (slower|faster) \|/);
    expect(report).toMatch(/\d+ bytes per version/);
    expect(report).toContain(`${(3000).toLocaleString("en-US")} memories of`);
    for (const c of results.cases) {
      const row = report.split("\n").find((line) => line.startsWith(`| ${c.title} | ${c.tenant ?? "all"} |`));
      expect(row, `report row of ${c.id}`).toMatch(/\| \d+(\.\d+)? \| \d+(\.\d+)? \|/);
    }
    expect(report).toMatch(/recall@10/);
    // The console shows the same table as the report.
    expect(log.join("\n")).toContain(report.split("\n").find((line) => line.startsWith("| List, page 1 | largest |")));
  }, 600_000);

  it("refuses a database whose memories it did not make", async () => {
    const conn = await database.open();
    await runMigrations(conn);
    await rawExec(
      conn,
      `INSERT INTO memory_logs (user_id, project_id, raw_data) VALUES ('someone', 'real', '{"content": "keep me"}')`,
    );
    await expect(
      runBenchmark(
        async () => conn,
        options(null, () => undefined),
      ),
    ).rejects.toBeInstanceOf(BenchRefused);
  });
});
