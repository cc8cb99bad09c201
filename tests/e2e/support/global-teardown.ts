import fs from "node:fs";
import pg from "pg";

export default async function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir?.includes("semantix-e2e-")) fs.rmSync(dir, { recursive: true, force: true });
  const name = process.env.E2E_PG_DATABASE;
  if (name && process.env.TEST_DATABASE_URL) {
    // The app servers have stopped; the database they used goes too.
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
    await client.end();
  }
}
