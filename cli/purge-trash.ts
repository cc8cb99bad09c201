import { purgeExpiredVersions } from "@/db/queries/memory-history";
import { purgeExpiredTrash } from "@/db/queries/trash";
import { historyRetentionDays, trashRetentionDays } from "@/lib/retention";
import { withConnection } from "./with-connection";

// Deletes for good the memories that have been in the trash, and the memory versions kept, longer
// than their retention periods.
await withConnection(async (conn, where) => {
  const days = trashRetentionDays();
  const purged = await purgeExpiredTrash(days, conn.db);
  console.log(`Purged ${purged} deleted memories older than ${days} days from the trash of the ${where}.`);
  const historyDays = historyRetentionDays();
  const versions = await purgeExpiredVersions(historyDays, conn.db);
  console.log(`Purged ${versions} memory versions replaced more than ${historyDays} days ago.`);
});
