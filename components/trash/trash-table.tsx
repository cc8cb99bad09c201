"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FilterChips } from "@/components/ui/filter-chips";
import type { TrashEntry } from "@/db/queries/trash";
import type { Tenant } from "@/db/tenant";
import type { ReasonView } from "@/lib/delete-reason";
import { formatCount, formatDateTime } from "@/lib/format";

const memories = (n: number) => `${formatCount(n)} ${n === 1 ? "memory" : "memories"}`;

type Restored = { restored: number[]; taken: number[]; missing: number };

/**
 * Deleted memories of one user: restore one, the selected, or a whole delete's batch; purge for
 * good only after typing how many (`total` is the whole trash, of which `entries` may be the newest).
 */
export function TrashTable({
  tenant,
  entries,
  total,
}: {
  tenant: Tenant;
  entries: (TrashEntry & { why: ReasonView })[];
  total: number;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const actions = useMemoryActions();
  const [purging, setPurging] = useState<"selected" | "all" | null>(null);
  const [purgeError, setPurgeError] = useState<string | null>(null);
  const purgeCount = purging === "all" ? total : selected.size;
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
        purging === "all" ? { ...tenant, all: true, expectedCount: total } : { ...tenant, trashIds: [...selected] },
      );
      if (!result.ok) {
        // The trash changed meanwhile: say so in the dialog, and show the trash as it is now.
        setPurgeError(result.error);
        if (result.code === "conflict") router.refresh();
        return;
      }
      setPurging(null);
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
  const openPurge = (what: "selected" | "all") => {
    setPurgeError(null);
    setPurging(what);
  };
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
          onClick={() => openPurge("selected")}
        >
          Purge selected…
        </button>
        <button type="button" className="btn btn-sm ml-auto" disabled={pending} onClick={() => openPurge("all")}>
          Empty the trash…
        </button>
      </div>
      <div className="card relative overflow-x-auto">
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
                <td className="td text-xs muted">
                  <span className="mr-1">{e.why.text}</span>
                  <FilterChips chips={e.why.chips} label={`Filters of the delete that removed ${e.id}`} />
                </td>
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
                        title={`Restores all ${operationSize.get(e.operation)} memories of the delete that removed ${e.id}`}
                      >
                        Restore batch ({operationSize.get(e.operation)})
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={purging !== null}
        onOpenChange={(open) => !open && setPurging(null)}
        title={`Permanently delete ${memories(purgeCount)} from the trash of ${tenant.userId}?`}
        description={
          purging === "all"
            ? `Every deleted memory of ${tenant.userId} in ${tenant.projectId} is destroyed for good and can no longer be restored.`
            : `The ${purgeCount === 1 ? "selected memory is" : "selected memories are"} destroyed for good and can no longer be restored.`
        }
        typeToConfirm={String(purgeCount)}
        confirmLabel={`Delete ${formatCount(purgeCount)} for good`}
        onConfirm={purge}
        pending={pending}
        disabled={purgeCount === 0}
        error={purgeError}
      />
    </div>
  );
}
