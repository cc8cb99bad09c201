import "server-only";
import type { Database } from "@/db/client";
import { creationEmbedder } from "@/db/queries/audit";
import { memoryHistory } from "@/db/queries/memory-history";
import type { Tenant } from "@/db/tenant";
import { type HistoryEntry, historyEntries } from "./memory-history";

/** A memory's timeline as the history page and the API show it, newest first; empty when nothing of it is kept. */
export async function memoryTimeline(tenant: Tenant, id: number, db?: Database): Promise<HistoryEntry[]> {
  const [versions, createdWith] = await Promise.all([memoryHistory(tenant, id, db), creationEmbedder(tenant, id, db)]);
  return historyEntries(versions, createdWith);
}
