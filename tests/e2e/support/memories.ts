import type { Page } from "@playwright/test";
import type { Tenant } from "@/db/tenant";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { memoryText } from "@/lib/raw-data";
import { importMemories, listViaApi } from "./app";

/** A user of its own for one test (it exists through its memories), so tests never share data. */
export const freshTenant = (projectId: string, name: string): Tenant => ({
  projectId,
  userId: `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
});

/**
 * Gives a new tenant these memories in one import through the import page, each with the embedding
 * the app's local embedder makes from its text (as creating it would); their ids, in order.
 * One page instead of one New memory page per memory keeps the suite fast.
 */
export async function seedMemories(page: Page, tenant: Tenant, rows: readonly object[]): Promise<number[]> {
  const lines = rows.map((rawData) => {
    const text = memoryText(JSON.stringify(rawData));
    return text ? { raw_data: rawData, embedding: hashingEmbedding(text) } : { raw_data: rawData };
  });
  await importMemories(page, tenant.projectId, tenant.userId, lines, { lines: true });
  const { items } = await listViaApi(page.request, tenant.projectId, tenant.userId, "sort=id&order=asc&limit=200");
  return items.map((item) => item.id);
}
