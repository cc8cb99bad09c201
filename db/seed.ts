import { inArray, sql } from "drizzle-orm";
import { DEMO_PROJECT_IDS, demoMemories } from "../lib/demo-data";
import { defaultEmbedder, type Embedder } from "../lib/embedding";
import { memoryText } from "../lib/raw-data";
import type { Database } from "./connect";
import { memoryLogs, type NewMemoryLog } from "./schema";

export class DemoDataExistsError extends Error {
  override name = "DemoDataExistsError";
}

export type SeedResult = { projects: number; users: number; memories: number; withoutEmbedding: number };

const BATCH = 200;

/**
 * Inserts the demo memories in one transaction. Refuses when any demo project already has
 * memories, unless `reset` is set, which first deletes the memories of the demo projects only.
 */
export async function seedDemoData(
  db: Database,
  options: { reset?: boolean; embedder?: Embedder; onProgress?: (done: number, total: number) => void } = {},
): Promise<SeedResult> {
  const embedder = options.embedder ?? defaultEmbedder();
  const memories = demoMemories();

  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(memoryLogs)
      .where(inArray(memoryLogs.projectId, [...DEMO_PROJECT_IDS]));
    if (existing && existing.count > 0) {
      if (!options.reset) {
        throw new DemoDataExistsError(
          `The demo projects already have ${existing.count} memories. Run "npm run db:seed -- --reset" to replace them (other projects are not touched).`,
        );
      }
      await tx.delete(memoryLogs).where(inArray(memoryLogs.projectId, [...DEMO_PROJECT_IDS]));
    }

    for (let start = 0; start < memories.length; start += BATCH) {
      const batch = memories.slice(start, start + BATCH).map((m) => ({ ...m, rawData: JSON.stringify(m.rawData) }));
      const toEmbed = batch.flatMap((m) => {
        const text = memoryText(m.rawData);
        return m.embed && text ? [text] : [];
      });
      const vectors = await embedder.embed(toEmbed);
      let next = 0;
      const rows: NewMemoryLog[] = batch.map((m) => ({
        userId: m.userId,
        projectId: m.projectId,
        rawData: m.rawData,
        embedding: m.embed && memoryText(m.rawData) ? vectors[next++] : null,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      }));
      await tx.insert(memoryLogs).values(rows);
      options.onProgress?.(Math.min(start + BATCH, memories.length), memories.length);
    }

    return {
      projects: new Set(memories.map((m) => m.projectId)).size,
      users: new Set(memories.map((m) => `${m.projectId}\u0000${m.userId}`)).size,
      memories: memories.length,
      withoutEmbedding: memories.filter((m) => !m.embed).length,
    };
  });
}
