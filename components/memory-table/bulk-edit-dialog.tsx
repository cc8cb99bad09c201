"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { Dialog } from "@/components/ui/dialog";
import type { Tenant } from "@/db/tenant";
import { describeBulkEdit } from "@/lib/bulk-edit-words";
import { formatCount } from "@/lib/format";

/** Comma-separated labels as typed: blanks dropped (the server trims and checks each). */
const splitTags = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * Add or remove tags, or set the component, on the selected memories or on all matching the
 * filters. For all matching, the server counts first and the edit goes through only while the
 * count is the one shown. The toast's Undo reverts the whole edit from the memories' history.
 */
export function BulkEditDialog({
  tenant,
  target,
  open,
  onOpenChange,
  onDone,
}: {
  tenant: Tenant;
  /** The selected ids, or the list's query string for all matching. */
  target: { ids: number[] } | { filters: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: () => void;
}) {
  const router = useRouter();
  const { bulkEdit, previewDeleteMatching, revertChange } = useMemoryActions();
  const [add, setAdd] = useState("");
  const [remove, setRemove] = useState("");
  const [component, setComponent] = useState("");
  const [count, setCount] = useState<number | null>("ids" in target ? target.ids.length : null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const ids = useId();
  const filters = "filters" in target ? target.filters : null;

  const recount = async () => {
    if (filters === null) return;
    const result = await previewDeleteMatching({ ...tenant, filters });
    if (result.ok) setCount(result.data.count);
    else setError(result.error);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: opening, or other filters, is what should count again
  useEffect(() => {
    if (!open) return;
    setError(null);
    if (filters === null) setCount("ids" in target ? target.ids.length : 0);
    else {
      setCount(null);
      startTransition(recount);
    }
  }, [open, filters]);

  const edit = {
    addTags: splitTags(add),
    removeTags: splitTags(remove),
    ...(component.trim() ? { component: component.trim() } : {}),
  };
  const nothing = edit.addTags.length + edit.removeTags.length === 0 && edit.component === undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (count === null) return;
    startTransition(async () => {
      setError(null);
      const result = await bulkEdit({
        ...tenant,
        target: "ids" in target ? { ids: target.ids } : { filters: target.filters, expectedCount: count },
        edit,
      });
      if (!result.ok) {
        setError(result.error);
        if (result.code === "conflict") await recount();
        return;
      }
      const { updated, unchanged, skipped, operation } = result.data;
      const notes = [
        unchanged ? `${formatCount(unchanged)} already were so.` : "",
        skipped.length ? `${formatCount(skipped.length)} left alone: their tags are not a list.` : "",
      ].filter(Boolean);
      toast.success(
        `Edited ${formatCount(updated)} ${updated === 1 ? "memory" : "memories"}: ${describeBulkEdit(edit)}`,
        {
          description: notes.join(" ") || undefined,
          duration: 10_000,
          ...(updated
            ? {
                action: {
                  label: "Undo",
                  onClick: async () => {
                    const undone = await revertChange({ ...tenant, operation });
                    if (!undone.ok) return void toast.error(undone.error);
                    const n = undone.data.reverted.length;
                    toast.success(`Reverted ${formatCount(n)} ${n === 1 ? "memory" : "memories"}.`, {
                      description: undone.data.changedSince.length
                        ? `${undone.data.changedSince.length} changed since and were left as they are.`
                        : undefined,
                    });
                    router.refresh();
                  },
                },
              }
            : {}),
        },
      );
      setAdd("");
      setRemove("");
      setComponent("");
      onOpenChange(false);
      onDone();
      router.refresh();
    });
  };

  const what =
    count === null
      ? "Counting the memories that match…"
      : filters === null
        ? `${formatCount(count)} selected ${count === 1 ? "memory" : "memories"} of ${tenant.userId}.`
        : `${formatCount(count)} ${count === 1 ? "memory" : "memories"} of ${tenant.userId} match the current filters.`;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={filters === null ? "Edit the selected memories" : "Edit all matching memories"}
      description={
        <p>
          {what} Each keeps its previous version in its history, and the toast's Undo (or the audit log) reverts the
          whole edit.
        </p>
      }
    >
      <form onSubmit={submit} className="space-y-3">
        <label className="block space-y-1 text-sm" htmlFor={`${ids}-add`}>
          <span className="font-medium">Add tags</span>
          <input
            id={`${ids}-add`}
            className="input w-full"
            value={add}
            onChange={(e) => setAdd(e.target.value)}
            placeholder="reviewed, keep"
            autoComplete="off"
          />
        </label>
        <label className="block space-y-1 text-sm" htmlFor={`${ids}-remove`}>
          <span className="font-medium">Remove tags</span>
          <input
            id={`${ids}-remove`}
            className="input w-full"
            value={remove}
            onChange={(e) => setRemove(e.target.value)}
            placeholder="stale"
            autoComplete="off"
          />
        </label>
        <label className="block space-y-1 text-sm" htmlFor={`${ids}-component`}>
          <span className="font-medium">Set the component</span>
          <input
            id={`${ids}-component`}
            className="input w-full font-mono"
            value={component}
            onChange={(e) => setComponent(e.target.value)}
            placeholder="left as it is"
            autoComplete="off"
          />
        </label>
        <p className="text-xs muted">Separate tags with commas.</p>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={() => onOpenChange(false)}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={pending || nothing || count === null || count === 0}
          >
            {count ? `Edit ${formatCount(count)}` : "Edit"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
