import { inArray, sql } from "drizzle-orm";
import type { Database } from "./connect";
import { memoryLogs, type NewMemoryLog } from "./schema";

export class DemoDataExistsError extends Error {
  override name = "DemoDataExistsError";
}

/**
 * Writes the demo projects' memories in one transaction, each batch as `batches` yields it.
 * Refuses when any of `projectIds` already has memories, unless `reset` is set, which first
 * deletes the memories of those projects only.
 */
export async function insertDemoMemories(
  db: Database,
  projectIds: readonly string[],
  batches: AsyncIterable<NewMemoryLog[]>,
  options: { reset?: boolean } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(memoryLogs)
      .where(inArray(memoryLogs.projectId, [...projectIds]));
    if (existing && existing.count > 0) {
      if (!options.reset) {
        throw new DemoDataExistsError(
          `The demo projects already have ${existing.count} memories. Run "npm run db:seed -- --reset" to replace them (other projects are not touched).`,
        );
      }
      await tx.delete(memoryLogs).where(inArray(memoryLogs.projectId, [...projectIds]));
    }
    for await (const rows of batches) await tx.insert(memoryLogs).values(rows);
  });
}
