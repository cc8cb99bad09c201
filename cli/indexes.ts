import { indexedTenants, measureStaleRecalls, RECALL_TARGET } from "@/db/queries/vector-index-recall";
import { buildMissingIndexes, missingIndexes } from "@/db/recommended-indexes";
import { withConnection } from "./with-connection";

// Builds the recommended indexes that an adopted (big) memory_logs table does not have yet, then
// measures the recall of every tenant vector index not measured since it was built or since many writes.
const checkOnly = process.argv.includes("--check");

await withConnection(async (conn, where) => {
  const missing = await missingIndexes(conn.db);
  if (checkOnly) {
    for (const m of missing) console.log(`${m.state}: ${m.name}`);
    for (const { tenant, recall } of await indexedTenants(conn.db)) {
      if (!recall || recall.stale)
        console.log(`recall ${recall ? "stale" : "not measured"}: ${tenant.projectId}/${tenant.userId}`);
    }
    if (missing.length === 0) console.log(`All recommended indexes exist in the ${where}.`);
    else process.exitCode = 1;
    return;
  }
  if (missing.length === 0) console.log(`All recommended indexes exist in the ${where}.`);
  else {
    console.log(
      `Building ${missing.length} index(es) in the ${where} with CREATE INDEX CONCURRENTLY (writes continue meanwhile)…`,
    );
    await buildMissingIndexes(conn.db, (name, phase, ms) =>
      console.log(phase === "start" ? `  ${name}…` : `  ${name} built in ${((ms ?? 0) / 1000).toFixed(1)} s`),
    );
  }
  await measureStaleRecalls(conn.db, (tenant, recall) =>
    console.log(
      `  recall@10 of the index of ${tenant.projectId}/${tenant.userId}: ${
        !recall
          ? "no index"
          : recall.efSearch === null
            ? `${recall.recall.toFixed(3)}, below ${RECALL_TARGET} at every ef_search: its searches are exact`
            : `${recall.recall.toFixed(3)} at ef_search ${recall.efSearch}`
      }`,
    ),
  );
});
