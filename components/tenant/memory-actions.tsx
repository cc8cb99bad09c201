"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { RestoreResult } from "@/db/queries/trash";
import type { Tenant } from "@/db/tenant";
import type { ActionResult } from "@/lib/actions/define-action";
import type { BulkEditOutcome } from "@/lib/bulk-edit";
import type { EmbedMissingResult, ReembedResult } from "@/lib/memory-operations";
import type { ImportPreview, ImportProblem } from "@/lib/ndjson-import";
import type { SearchResponse } from "@/lib/search";

/** A server action on one tenant: the input names the tenant, the answer is a typed result. */
type TenantAction<I, T> = (input: Tenant & I) => Promise<ActionResult<T>>;

/**
 * The server actions the tenant's pages change memories with. The tenant layout supplies them,
 * so these components never import a route's actions.
 */
export type MemoryActions = {
  createMemory: TenantAction<{ rawData: string }, { id: number; version: string; hasEmbedding: boolean }>;
  updateMemory: TenantAction<
    { id: number; rawData: string; version: string },
    { id: number; version: string; unchanged: boolean }
  >;
  reembedMemories: TenantAction<{ ids: number[] }, ReembedResult>;
  /** Tags added or removed, or the component set, on chosen ids or on all matching the list's filters (`filters` is its query string). */
  bulkEdit: TenantAction<
    {
      target: { ids: number[] } | { filters: string; expectedCount: number };
      edit: { addTags: string[]; removeTags: string[]; component?: string };
    },
    BulkEditOutcome
  >;
  /** Puts back every memory one change (a re-embed, a bulk edit, a revert) wrote, unless changed since. */
  revertChange: TenantAction<{ operation: string }, { reverted: number[]; changedSince: number[]; operation: string }>;
  /** Makes a kept version the current row; `version` is the updated_at the user saw. */
  restoreVersion: TenantAction<
    { id: number; versionId: number; version: string },
    { id: number; version: string; unchanged: boolean }
  >;
  deleteMemory: TenantAction<{ id: number }, { deleted: number; operation: string }>;
  deleteMemories: TenantAction<{ ids: number[] }, { deleted: number; notFound: number[]; operation: string }>;
  /** How many memories a delete by filter would remove, and whether the filters narrow the list at all; `filters` is the list's query string. */
  previewDeleteMatching: TenantAction<{ filters: string }, { count: number; filtered: boolean }>;
  deleteMatching: TenantAction<{ filters: string; expectedCount: number }, { deleted: number; operation: string }>;
  /** Puts back what one delete removed, or chosen trash entries. */
  restore: TenantAction<{ operation: string } | { trashIds: number[] }, RestoreResult>;
  purgeTrash: TenantAction<
    { trashIds: number[] } | { all: true; expectedCount: number },
    { purged: number; missing: number }
  >;
  embedMissing: TenantAction<{ batchSize: number }, EmbedMissingResult>;
  /** `query` is the search page's query string. */
  search: TenantAction<{ query: string }, SearchResponse>;
  /** Names the search whose query string is `query` for the project. */
  saveSearch: TenantAction<{ name: string; query: string }, { id: number; name: string }>;
  deleteSavedSearch: TenantAction<{ id: number }, { id: number }>;
  /** Checks a file and says what importing it would do; writes nothing. */
  previewImport: TenantAction<
    { ndjson: string },
    ImportPreview & { target: { projectId: string; userId: string; memories: number } }
  >;
  importMemories: TenantAction<
    { ndjson: string },
    { imported: number; ids: number[]; importId: string | null; problems: ImportProblem[]; problemCount: number }
  >;
  /** Moves what an import created (and still exists) to the trash as one delete. */
  revertImport: TenantAction<
    { importId: string },
    { deleted: number; ids: number[]; imported: number; operation: string }
  >;
  /** Queues a model migration of the tenant to the embedder of this name. */
  startModelMigration: TenantAction<{ embedder: string }, { jobId: number }>;
  cancelJob: TenantAction<{ jobId: number }, { jobId: number; state: string }>;
  revertModelMigration: TenantAction<{ jobId: number }, { reverted: number[]; changedSince: number[] }>;
};

const MemoryActionsContext = createContext<MemoryActions | null>(null);

export function MemoryActionsProvider({ actions, children }: { actions: MemoryActions; children: ReactNode }) {
  return <MemoryActionsContext.Provider value={actions}>{children}</MemoryActionsContext.Provider>;
}

export function useMemoryActions(): MemoryActions {
  const actions = useContext(MemoryActionsContext);
  if (!actions) throw new Error("useMemoryActions needs a MemoryActionsProvider (the tenant layout gives one).");
  return actions;
}
