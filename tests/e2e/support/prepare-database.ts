import { count } from "drizzle-orm";
import pg from "pg";
import { databaseConfig } from "@/db/config";
import { openPglite, openPostgres } from "@/db/connect";
import { runMigrations } from "@/db/migrate";
import { upsertGrant } from "@/db/queries/access";
import { memoryLogs } from "@/db/schema";
import { addUser } from "@/lib/auth/users";
import { seedDemoData } from "@/lib/demo-seed";
import { ACCOUNTS } from "./accounts";

// Runs before an e2e server starts, on the database it will use (PGLITE_DIR or DATABASE_URL):
// migrated, demo data, and the test accounts of accounts.ts beside this file.
const config = databaseConfig();
if (config.kind === "postgres") {
  const url = new URL(config.url);
  const name = url.pathname.slice(1);
  const admin = new URL(config.url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
  if (!exists.rowCount) await client.query(`create database "${name.replace(/"/g, "")}"`);
  await client.end();
}
const conn = config.kind === "postgres" ? await openPostgres(config.url, { max: 2 }) : await openPglite(config.dir);
try {
  await runMigrations(conn);
  const [{ n }] = (await conn.db.select({ n: count() }).from(memoryLogs)) as [{ n: number }];
  if (n === 0) await seedDemoData(conn.db);
  await addUser({ ...ACCOUNTS.admin, grant: { projectId: null, role: "admin" } }, conn.db);
  for (const account of [ACCOUNTS.viewerA, ACCOUNTS.editorA, ACCOUNTS.adminA, ACCOUNTS.target]) {
    const { account: created } = await addUser({ email: account.email, password: account.password }, conn.db);
    await upsertGrant(created.id, { projectId: account.project, role: account.role }, "e2e", conn.db);
  }
  console.log(`[e2e] ${config.kind} database ready with the test accounts`);
} finally {
  await conn.close();
}
