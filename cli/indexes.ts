import { buildMissingIndexes, missingIndexes } from "@/db/recommended-indexes";
import { withConnection } from "./with-connection";

// Builds the recommended indexes that an adopted (big) memory_logs table does not have yet.
const checkOnly = process.argv.includes("--check");

await withConnection(async (conn, where) => {
  const missing = await missingIndexes(conn.db);
  if (missing.length === 0) {
    console.log(`All recommended indexes exist in the ${where}.`);
    return;
  }
  if (checkOnly) {
    for (const m of missing) console.log(`${m.state}: ${m.name}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `Building ${missing.length} index(es) in the ${where} with CREATE INDEX CONCURRENTLY (writes continue meanwhile)…`,
  );
  await buildMissingIndexes(conn.db, (name, phase, ms) =>
    console.log(phase === "start" ? `  ${name}…` : `  ${name} built in ${((ms ?? 0) / 1000).toFixed(1)} s`),
  );
});
