import { inArray, sql } from "drizzle-orm";
import type { Database } from "./connect";
import { memoryEmbedders, memoryLogs, type NewMemoryLog } from "./schema";

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
  /** embedder: who computed the batches' vectors, recorded in memory_embedders. */
  options: { reset?: boolean; embedder?: string } = {},
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
    for await (const rows of batches) {
      const inserted = await tx
        .insert(memoryLogs)
        .values(rows)
        .returning({
          id: memoryLogs.id,
          userId: memoryLogs.userId,
          projectId: memoryLogs.projectId,
          embedded: sql<boolean>`${memoryLogs.embedding} is not null`,
        });
      const { embedder } = options;
      const named = embedder ? inserted.filter((r) => r.embedded) : [];
      if (embedder && named.length)
        await tx
          .insert(memoryEmbedders)
          .values(named.map((r) => ({ memoryId: r.id, userId: r.userId, projectId: r.projectId, embedder })));
    }
  });
}
