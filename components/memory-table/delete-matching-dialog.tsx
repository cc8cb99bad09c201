"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Tenant } from "@/db/tenant";
import { formatCount } from "@/lib/format";
import { projectPath } from "@/lib/paths";
import { useToastDeleted } from "./undo-toast";

/**
 * Delete everything matching the filters, in two steps: the server counts what matches, the user
 * confirms that count (a plain question: the trash can undo it), and the delete goes through only
 * if the count is still the same.
 */
export function DeleteMatchingDialog({
  tenant,
  queryString,
  open,
  onOpenChange,
  onDone,
}: {
  tenant: Tenant;
  queryString: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: () => void;
}) {
  const router = useRouter();
  const { previewDeleteMatching, deleteMatching } = useMemoryActions();
  const toastDeleted = useToastDeleted();
  const [count, setCount] = useState<number | null>(null);
  // Known with the count: the server parses the filters (no filter means every memory of the user).
  const [filtered, setFiltered] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const preview = () =>
    startTransition(async () => {
      setCount(null);
      setError(null);
      const result = await previewDeleteMatching({ ...tenant, filters: queryString });
      if (result.ok) {
        setCount(result.data.count);
        setFiltered(result.data.filtered);
      } else setError(result.error);
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: preview is recreated each render; opening or a new filter is what should count again
  useEffect(() => {
    if (open) preview();
  }, [open, queryString]);

  const confirm = () =>
    startTransition(async () => {
      if (count === null) return;
      const result = await deleteMatching({ ...tenant, filters: queryString, expectedCount: count });
      if (!result.ok) {
        setError(result.error);
        if (result.code === "conflict") {
          const again = await previewDeleteMatching({ ...tenant, filters: queryString });
          if (again.ok) setCount(again.data.count);
        }
        return;
      }
      toastDeleted(
        tenant,
        `Deleted ${formatCount(result.data.deleted)} ${result.data.deleted === 1 ? "memory" : "memories"} matching the filters.`,
        result.data.operation,
      );
      onOpenChange(false);
      onDone();
      // Without a filter the user has no memories left, and their page no longer exists.
      if (!filtered) router.push(projectPath(tenant.projectId));
    });

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Delete all matching memories?"
      description={
        count === null ? (
          <p>Counting the memories that match…</p>
        ) : (
          <p>
            <strong className="text-zinc-900 dark:text-zinc-100">{formatCount(count)}</strong>{" "}
            {count === 1 ? "memory" : "memories"} of <span className="font-mono">{tenant.userId}</span>{" "}
            {filtered ? "match the current filters" : "— all of this user's memories, as no filter is set —"} and will
            be moved to the trash, from where they can be restored.
          </p>
        )
      }
      error={error}
      confirmLabel={count ? `Delete ${formatCount(count)}` : "Delete"}
      onConfirm={confirm}
      pending={pending}
      disabled={count === null || count === 0}
    />
  );
}
