import { runMigrations } from "@/db/migrate";
import { seedDemoData } from "@/lib/demo-seed";
import { withConnection } from "./with-connection";

const reset = process.argv.includes("--reset");

await withConnection(async (conn, where) => {
  await runMigrations(conn);
  const result = await seedDemoData(conn.db, {
    reset,
    onProgress: (done, total) => process.stdout.write(`\rSeeding ${done}/${total} memories…`),
  });
  process.stdout.write("\n");
  console.log(
    `Added ${result.memories} demo memories (${result.withoutEmbedding} without embedding) for ${result.users} users in ${result.projects} projects to the ${where}.`,
  );
});
