"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Tenant } from "@/db/tenant";
import type { ActionResult } from "@/lib/actions/define-action";
import { formatCount } from "@/lib/format";

type RevertChange = (
  input: Tenant & { operation: string },
) => Promise<ActionResult<{ reverted: number[]; changedSince: number[] }>>;

const memories = (n: number) => `${formatCount(n)} ${n === 1 ? "memory" : "memories"}`;

/** The audit log's "Revert" of a re-embed or an edit: its memories go back to their versions from just before. */
export function RevertChangeButton({
  tenant,
  operation,
  count,
  revert,
}: {
  tenant: Tenant;
  operation: string;
  count: number;
  revert: RevertChange;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const confirm = () =>
    startTransition(async () => {
      const result = await revert({ ...tenant, operation });
      if (!result.ok) return void setError(result.error);
      setOpen(false);
      const { reverted, changedSince } = result.data;
      toast.success(`Reverted ${memories(reverted.length)}.`, {
        description: changedSince.length
          ? `Left as they are, changed since: ${changedSince.slice(0, 20).join(", ")}${changedSince.length > 20 ? "…" : ""}.`
          : undefined,
      });
      router.refresh();
    });
  return (
    <>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Revert
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Revert this change?"
        description={`The ${memories(count)} it changed in ${tenant.userId} of ${tenant.projectId} go back to their versions from just before, raw_data and embedding. Any changed since are left as they are and listed. The revert is kept in the history and can be reverted too.`}
        confirmLabel="Revert"
        onConfirm={confirm}
        pending={pending}
        error={error}
      />
    </>
  );
}
