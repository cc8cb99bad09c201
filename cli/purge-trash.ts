import { purgeExpiredTrash } from "@/db/queries/trash";
import { trashRetentionDays } from "@/lib/trash-retention";
import { withConnection } from "./with-connection";

// Deletes for good the memories that have been in the trash longer than the retention period.
await withConnection(async (conn, where) => {
  const days = trashRetentionDays();
  const purged = await purgeExpiredTrash(days, conn.db);
  console.log(`Purged ${purged} deleted memories older than ${days} days from the trash of the ${where}.`);
});
