import { migrationStatus, runMigrations } from "@/db/migrate";
import { withConnection } from "./with-connection";

await withConnection(async (conn, where) => {
  const before = await migrationStatus(conn.db);
  await runMigrations(conn);
  const applied = before.pending.length;
  console.log(
    applied
      ? `Applied ${applied} migration(s) to the ${where}: ${before.pending.join(", ")}`
      : `The ${where} is up to date.`,
  );
});
