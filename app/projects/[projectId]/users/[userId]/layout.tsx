import type { ReactNode } from "react";
import { PermissionsProvider } from "@/components/auth/permissions";
import { type MemoryActions, MemoryActionsProvider } from "@/components/tenant/memory-actions";
import { roleAllows, roleOn } from "@/lib/auth/access";
import { currentActor } from "@/lib/auth/actor";
import { decodeSegment } from "@/lib/paths";
import {
  bulkEditAction,
  cancelJobAction,
  createMemoryAction,
  deleteMatchingAction,
  deleteMemoriesAction,
  deleteMemoryAction,
  deleteSavedSearchAction,
  embedMissingAction,
  importMemoriesAction,
  previewDeleteMatchingAction,
  previewImportAction,
  purgeTrashAction,
  reembedMemoriesAction,
  restoreAction,
  restoreVersionAction,
  revertChangeAction,
  revertImportAction,
  revertModelMigrationAction,
  saveSearchAction,
  searchAction,
  startModelMigrationAction,
  updateMemoryAction,
} from "./actions";

const memoryActions: MemoryActions = {
  createMemory: createMemoryAction,
  updateMemory: updateMemoryAction,
  reembedMemories: reembedMemoriesAction,
  bulkEdit: bulkEditAction,
  revertChange: revertChangeAction,
  restoreVersion: restoreVersionAction,
  deleteMemory: deleteMemoryAction,
  deleteMemories: deleteMemoriesAction,
  previewDeleteMatching: previewDeleteMatchingAction,
  deleteMatching: deleteMatchingAction,
  restore: restoreAction,
  purgeTrash: purgeTrashAction,
  embedMissing: embedMissingAction,
  search: searchAction,
  saveSearch: saveSearchAction,
  deleteSavedSearch: deleteSavedSearchAction,
  previewImport: previewImportAction,
  importMemories: importMemoriesAction,
  revertImport: revertImportAction,
  startModelMigration: startModelMigrationAction,
  cancelJob: cancelJobAction,
  revertModelMigration: revertModelMigrationAction,
};

/** Gives the tenant's client controls the actions that change memories, and which of them the user's role allows. */
export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string }>;
}) {
  const projectId = decodeSegment((await params).projectId) ?? "";
  // A database that cannot answer is shown by the page below, which looks the actor up again.
  const actor = await currentActor().catch(() => null);
  const role = actor ? roleOn(actor.grants, projectId) : null;
  return (
    <PermissionsProvider value={{ write: roleAllows(role, "write"), admin: roleAllows(role, "admin") }}>
      <MemoryActionsProvider actions={memoryActions}>{children}</MemoryActionsProvider>
    </PermissionsProvider>
  );
}
