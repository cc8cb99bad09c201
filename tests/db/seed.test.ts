import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Connection } from "@/db/connect";
import { runMigrations } from "@/db/migrate";
import { listProjects } from "@/db/queries/projects";
import { selectRows } from "@/db/rows";
import { memoryLogs } from "@/db/schema";
import { DemoDataExistsError } from "@/db/seed";
import { seedDemoData } from "@/lib/demo-seed";
import { rawQuery, testDatabases } from "../support/databases";

describe.each(testDatabases)("demo data on $name", (database) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await database.open();
    await runMigrations(conn);
    // A project of somebody else's, which seeding must never touch.
    await conn.db
      .insert(memoryLogs)
      .values({ projectId: "customer-project", userId: "u1", rawData: JSON.stringify({ content: "real data" }) });
  });
  afterAll(() => conn.close());

  it("fills projects, users and memories with content, tags, components, nested fields and embeddings", async () => {
    const result = await seedDemoData(conn.db);
    expect(result.projects).toBeGreaterThanOrEqual(4);

    const projects = (await listProjects("all", conn.db)).filter((p) => p.projectId !== "customer-project");
    expect(projects).toHaveLength(result.projects);
    for (const p of projects) {
      expect(p.users).toBeGreaterThanOrEqual(3);
      expect(p.users).toBeLessThanOrEqual(10);
    }
    expect(projects.reduce((s, p) => s + p.memories, 0)).toBe(result.memories);

    const tenants = await selectRows(
      conn.db,
      sql`select project_id as "projectId", user_id as "userId", count(*)::int as "n",
                 count(*) filter (where embedding is null)::int as "unembedded",
                 extract(epoch from max(created_at) - min(created_at))::float8 / 86400 as "spanDays"
            from memory_logs where project_id <> 'customer-project' group by 1, 2`,
      z.object({
        projectId: z.string(),
        userId: z.string(),
        n: z.number(),
        unembedded: z.number(),
        spanDays: z.number(),
      }),
    );
    expect(Math.max(...tenants.map((t) => t.n))).toBeGreaterThanOrEqual(200);
    expect(tenants.reduce((s, t) => s + t.unembedded, 0)).toBe(result.withoutEmbedding);
    expect(result.withoutEmbedding).toBeGreaterThan(0);
    expect(Math.max(...tenants.map((t) => t.spanDays))).toBeGreaterThan(90);

    const shapes = await rawQuery<{ ok: boolean }>(
      conn,
      `select bool_and(jsonb_typeof(raw_data->'content') = 'string' and jsonb_typeof(raw_data->'tags') = 'array'
                       and jsonb_typeof(raw_data->'component') = 'string' and jsonb_typeof(raw_data->'source') = 'object'
                       and jsonb_typeof(raw_data->'entities') = 'array' and jsonb_typeof(raw_data->'importance') = 'number') as ok
         from memory_logs where project_id <> 'customer-project'`,
    );
    expect(shapes[0]?.ok).toBe(true);
  });

  it("refuses to seed twice, and --reset replaces only the demo projects", async () => {
    const count = async () => (await listProjects("all", conn.db)).reduce((s, p) => s + p.memories, 0);
    const before = await count();
    await expect(seedDemoData(conn.db)).rejects.toThrow(DemoDataExistsError);
    expect(await count()).toBe(before);

    await seedDemoData(conn.db, { reset: true });
    expect(await count()).toBe(before);
    expect((await listProjects("all", conn.db)).find((p) => p.projectId === "customer-project")?.memories).toBe(1);
  });
});
