"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { Dialog } from "@/components/ui/dialog";
import type { TrashEntry } from "@/db/queries/trash";
import type { Tenant } from "@/db/tenant";
import { formatCount, formatDateTime } from "@/lib/format";

type Restored = { restored: number[]; taken: number[]; missing: number };

/** Deleted memories of one user: restore one, the selected, or all of one delete; purge for good after confirming. */
export function TrashTable({ tenant, entries }: { tenant: Tenant; entries: TrashEntry[] }) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const actions = useMemoryActions();
  const [purging, setPurging] = useState<"selected" | "all" | null>(null);
  const [pending, startTransition] = useTransition();
  const operationSize = entries.reduce(
    (m, e) => m.set(e.operation, (m.get(e.operation) ?? 0) + 1),
    new Map<string, number>(),
  );

  const report = (data: Restored) => {
    if (data.restored.length)
      toast.success(
        `Restored ${formatCount(data.restored.length)} ${data.restored.length === 1 ? "memory" : "memories"}.`,
      );
    if (data.taken.length)
      toast.error(
        `Not restored: id ${data.taken.join(", ")} is in use again. ${data.taken.length === 1 ? "It stays" : "They stay"} in the trash.`,
      );
    if (data.missing)
      toast.warning(
        `${formatCount(data.missing)} of the chosen ${data.missing === 1 ? "entry was" : "entries were"} no longer in the trash.`,
      );
  };
  const restore = (selection: { operation: string } | { trashIds: number[] }) =>
    startTransition(async () => {
      const result = await actions.restore({ ...tenant, ...selection });
      if (!result.ok) return void toast.error(result.error);
      report(result.data);
      setSelected(new Set());
    });
  const purge = () =>
    startTransition(async () => {
      const result = await actions.purgeTrash(
        purging === "all" ? { ...tenant, all: true } : { ...tenant, trashIds: [...selected] },
      );
      setPurging(null);
      if (!result.ok) return void toast.error(result.error);
      toast.success(
        `Purged ${formatCount(result.data.purged)} deleted ${result.data.purged === 1 ? "memory" : "memories"} for good.`,
        {
          description: result.data.missing
            ? `${formatCount(result.data.missing)} of the chosen were no longer in the trash.`
            : undefined,
        },
      );
      setSelected(new Set());
    });
  const toggle = (trashId: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(trashId)) next.delete(trashId);
      else next.add(trashId);
      return next;
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="btn btn-sm"
          disabled={pending || selected.size === 0}
          onClick={() => restore({ trashIds: [...selected] })}
        >
          Restore selected ({selected.size})
        </button>
        <button
          type="button"
          className="btn btn-sm btn-danger"
          disabled={pending || selected.size === 0}
          onClick={() => setPurging("selected")}
        >
          Purge selected…
        </button>
        <button type="button" className="btn btn-sm ml-auto" disabled={pending} onClick={() => setPurging("all")}>
          Empty the trash…
        </button>
      </div>
      <div className="card overflow-x-auto">
        <table className="w-full text-sm" aria-label="Deleted memories">
          <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
            <tr>
              <th scope="col" className="th w-8">
                <input
                  type="checkbox"
                  aria-label="Select all deleted memories"
                  checked={selected.size === entries.length}
                  onChange={(e) => setSelected(new Set(e.target.checked ? entries.map((x) => x.trashId) : []))}
                />
              </th>
              <th scope="col" className="th">
                ID
              </th>
              <th scope="col" className="th">
                Content
              </th>
              <th scope="col" className="th">
                Deleted
              </th>
              <th scope="col" className="th">
                Why
              </th>
              <th scope="col" className="th">
                Restore
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {entries.map((e) => (
              <tr key={e.trashId}>
                <td className="td">
                  <input
                    type="checkbox"
                    aria-label={`Select deleted memory ${e.id}`}
                    checked={selected.has(e.trashId)}
                    onChange={() => toggle(e.trashId)}
                  />
                </td>
                <td className="td font-mono tabular-nums">{e.id}</td>
                <td className="td max-w-xl">
                  <span className="line-clamp-2">
                    {e.preview ?? <span className="italic muted">(no content)</span>}
                  </span>
                </td>
                <td className="td whitespace-nowrap text-xs muted">{formatDateTime(e.deletedAt)}</td>
                <td className="td text-xs muted">{e.reason}</td>
                <td className="td">
                  <div className="flex flex-wrap gap-1">
                    <button
                      type="button"
                      className="btn btn-sm"
                      disabled={pending}
                      onClick={() => restore({ trashIds: [e.trashId] })}
                      aria-label={`Restore memory ${e.id}`}
                    >
                      Restore
                    </button>
                    {(operationSize.get(e.operation) ?? 0) > 1 && (
                      <button
                        type="button"
                        className="btn btn-sm"
                        disabled={pending}
                        onClick={() => restore({ operation: e.operation })}
                        aria-label={`Restore all ${operationSize.get(e.operation)} memories of the delete that removed ${e.id}`}
                      >
                        Whole delete ({operationSize.get(e.operation)})
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog
        open={purging !== null}
        onOpenChange={(open) => !open && setPurging(null)}
        title={
          purging === "all"
            ? "Empty the trash?"
            : `Purge ${selected.size} deleted ${selected.size === 1 ? "memory" : "memories"}?`
        }
        description={
          purging === "all"
            ? `Every deleted memory of ${tenant.userId} will be gone for good. This cannot be undone.`
            : "The selected memories will be gone for good. This cannot be undone."
        }
      >
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={() => setPurging(null)}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={pending} onClick={purge}>
            Purge for good
          </button>
        </div>
      </Dialog>
    </div>
  );
}
