import "server-only";
import {
  insertMemory,
  memoryTexts,
  setEmbeddings,
  type MemoryDetail,
} from "@/db/queries/memories";
import type { Database } from "@/db/client";
import type { RawData } from "@/db/schema";
import type { Tenant } from "@/db/tenant";
import { assertEmbedding, defaultEmbedder, type Embedder } from "./embedding";
import { memoryText } from "./memory-text";

type Options = { embedder?: Embedder; db?: Database };

async function embedOne(embedder: Embedder, text: string): Promise<number[]> {
  const [vector] = await embedder.embed([text]);
  assertEmbedding(vector, `The ${embedder.provider} embedder (${embedder.model})`);
  return vector;
}

/** Creates a memory, embedded with the configured embedder when it has text. */
export async function createMemory(tenant: Tenant, rawData: RawData, options: Options = {}): Promise<MemoryDetail> {
  const text = memoryText(rawData);
  const embedding = text ? await embedOne(options.embedder ?? defaultEmbedder(), text) : null;
  return insertMemory(tenant, { rawData, embedding }, options.db);
}

export type ReembedResult = { updated: number[]; notFound: number[]; withoutText: number[] };

/** Recomputes the embeddings of these memories of the tenant from their text. */
export async function reembedMemories(tenant: Tenant, ids: number[], options: Options = {}): Promise<ReembedResult> {
  const embedder = options.embedder ?? defaultEmbedder();
  const unique = [...new Set(ids)];
  const rows = await memoryTexts(tenant, unique, options.db);
  const found = new Set(rows.map((r) => r.id));
  const withText = rows.flatMap((r) => {
    const text = memoryText(r.rawData);
    return text ? [{ id: r.id, text }] : [];
  });
  const vectors = await embedder.embed(withText.map((r) => r.text));
  vectors.forEach((v) => assertEmbedding(v, `The ${embedder.provider} embedder (${embedder.model})`));
  const updated = await setEmbeddings(tenant, withText.map((r, i) => ({ id: r.id, embedding: vectors[i]! })), options.db);
  const done = new Set(updated);
  const textless = new Set(rows.map((r) => r.id).filter((id) => !withText.some((w) => w.id === id)));
  return {
    updated,
    // Found when read but gone when written (deleted meanwhile) counts as not found too.
    notFound: unique.filter((id) => !found.has(id) || (!done.has(id) && !textless.has(id))),
    withoutText: [...textless],
  };
}
