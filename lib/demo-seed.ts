import type { Database } from "@/db/connect";
import type { NewMemoryLog } from "@/db/schema";
import { insertDemoMemories } from "@/db/seed";
import { DEMO_PROJECT_IDS, demoMemories } from "./demo-data";
import { defaultEmbedder, describeEmbedder, type Embedder } from "./embedding";
import { memoryText } from "./raw-data";

export type SeedResult = { projects: number; users: number; memories: number; withoutEmbedding: number };

const BATCH = 200;

/**
 * Adds the demo memories, with their embeddings, in one transaction. Refuses when any demo
 * project already has memories, unless `reset` is set, which first deletes the memories of the
 * demo projects only.
 */
export async function seedDemoData(
  db: Database,
  options: { reset?: boolean; embedder?: Embedder; onProgress?: (done: number, total: number) => void } = {},
): Promise<SeedResult> {
  const embedder = options.embedder ?? defaultEmbedder();
  const memories = demoMemories();

  async function* batches(): AsyncGenerator<NewMemoryLog[]> {
    for (let start = 0; start < memories.length; start += BATCH) {
      const batch = memories.slice(start, start + BATCH).map((m) => ({ ...m, rawData: JSON.stringify(m.rawData) }));
      const toEmbed = batch.flatMap((m) => {
        const text = memoryText(m.rawData);
        return m.embed && text ? [text] : [];
      });
      const vectors = await embedder.embed(toEmbed);
      let next = 0;
      yield batch.map((m) => ({
        userId: m.userId,
        projectId: m.projectId,
        rawData: m.rawData,
        embedding: m.embed && memoryText(m.rawData) ? vectors[next++] : null,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      }));
      // Runs once the batch is written: the transaction asks for the next one.
      options.onProgress?.(Math.min(start + BATCH, memories.length), memories.length);
    }
  }
  await insertDemoMemories(db, DEMO_PROJECT_IDS, batches(), {
    reset: options.reset,
    embedder: describeEmbedder(embedder),
  });

  return {
    projects: new Set(memories.map((m) => m.projectId)).size,
    users: new Set(memories.map((m) => `${m.projectId}\u0000${m.userId}`)).size,
    memories: memories.length,
    withoutEmbedding: memories.filter((m) => !m.embed).length,
  };
}
