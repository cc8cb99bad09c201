"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { usePermissions } from "@/components/auth/permissions";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Total } from "@/db/queries/memory-count";
import type { Tenant } from "@/db/tenant";
import { formatCount } from "@/lib/format";
import { BulkEditDialog } from "./bulk-edit-dialog";
import { DeleteMatchingDialog } from "./delete-matching-dialog";
import { useToastDeleted } from "./undo-toast";

type Props = {
  tenant: Tenant;
  selectedIds: number[];
  pageSize: number;
  total: Total;
  allMatching: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  queryString: string;
};

export function BulkActions({
  tenant,
  selectedIds,
  pageSize,
  total,
  allMatching,
  onSelectAllMatching,
  onClear,
  queryString,
}: Props) {
  const [confirming, setConfirming] = useState(false);
  const can = usePermissions();
  const { deleteMemories, reembedMemories } = useMemoryActions();
  const toastDeleted = useToastDeleted();
  const [matchingOpen, setMatchingOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const count = selectedIds.length;

  const deleteSelected = () =>
    startTransition(async () => {
      const result = await deleteMemories({ ...tenant, ids: selectedIds });
      setConfirming(false);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      const { deleted, notFound, operation } = result.data;
      toastDeleted(tenant, `Deleted ${formatCount(deleted)} ${deleted === 1 ? "memory" : "memories"}.`, operation, {
        description: notFound.length ? `${notFound.length} were already gone: ${notFound.join(", ")}.` : undefined,
      });
      onClear();
    });

  const reembedSelected = () =>
    startTransition(async () => {
      const result = await reembedMemories({ ...tenant, ids: selectedIds });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      const { updated, withoutText, notFound, changed } = result.data;
      toast.success(`Re-embedded ${formatCount(updated.length)} ${updated.length === 1 ? "memory" : "memories"}.`, {
        description:
          [
            withoutText.length ? `${withoutText.length} have no text to embed.` : "",
            notFound.length ? `${notFound.length} were not found.` : "",
            changed.length ? `${changed.length} were edited meanwhile and left as they are.` : "",
          ]
            .filter(Boolean)
            .join(" ") || undefined,
      });
      onClear();
    });

  // One dialog for both states, so opening it never remounts it (which would count again).
  const matchingDialog = (
    <DeleteMatchingDialog
      tenant={tenant}
      queryString={queryString}
      open={matchingOpen}
      onOpenChange={setMatchingOpen}
      onDone={onClear}
    />
  );

  const editTarget = count === 0 || allMatching ? { filters: queryString } : { ids: selectedIds };
  const editDialog = can.write && (
    <BulkEditDialog tenant={tenant} target={editTarget} open={editOpen} onOpenChange={setEditOpen} onDone={onClear} />
  );
  const editButton = (label: string) =>
    can.write && (
      <button type="button" className="btn btn-sm" disabled={pending} onClick={() => setEditOpen(true)}>
        {label}
      </button>
    );

  if (count === 0) {
    return (
      <div className="flex items-center gap-2">
        {total.value > 0 && editButton("Edit all matching…")}
        {total.value > 0 && can.admin && (
          <button type="button" className="btn btn-sm" onClick={() => setMatchingOpen(true)}>
            Delete all matching…
          </button>
        )}
        {matchingDialog}
        {editDialog}
      </div>
    );
  }

  return (
    <section
      aria-label="Selection"
      className="flex flex-wrap items-center gap-2 rounded-md bg-blue-50 px-3 py-1.5 text-sm dark:bg-blue-950/50"
    >
      {allMatching ? (
        <span>
          All <strong>{total.exact ? formatCount(total.value) : `${formatCount(total.value)}+`}</strong> memories
          matching the filters are selected.
        </span>
      ) : (
        <span>
          <strong>{formatCount(count)}</strong> selected on this page.
          {count === pageSize && (total.value > pageSize || !total.exact) && (
            <button type="button" className="link ml-2" onClick={onSelectAllMatching}>
              Select all {total.exact ? formatCount(total.value) : `${formatCount(total.value)}+`} matching the filters
            </button>
          )}
        </span>
      )}
      {allMatching ? (
        <>
          {editButton("Edit all matching…")}
          {can.admin && (
            <button type="button" className="btn btn-sm btn-danger" onClick={() => setMatchingOpen(true)}>
              Delete all matching…
            </button>
          )}
        </>
      ) : (
        <>
          {editButton("Edit tags…")}
          {can.write && (
            <button type="button" className="btn btn-sm" disabled={pending} onClick={reembedSelected}>
              Re-embed selected
            </button>
          )}
          {can.admin && (
            <button
              type="button"
              className="btn btn-sm btn-danger"
              disabled={pending}
              onClick={() => setConfirming(true)}
            >
              Delete selected…
            </button>
          )}
        </>
      )}
      <button type="button" className="btn btn-sm" onClick={onClear}>
        Clear selection
      </button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${formatCount(count)} ${count === 1 ? "memory" : "memories"}?`}
        description={`The selected memories of ${tenant.userId} will be moved to the trash, from where they can be restored.`}
        confirmLabel={`Delete ${formatCount(count)}`}
        onConfirm={deleteSelected}
        pending={pending}
      />
      {matchingDialog}
      {editDialog}
    </section>
  );
}
