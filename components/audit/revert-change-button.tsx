"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/ui/confirm-button";
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
  const router = useRouter();
  return (
    <ConfirmButton
      label="Revert"
      title="Revert this change?"
      description={`The ${memories(count)} it changed in ${tenant.userId} of ${tenant.projectId} go back to their versions from just before, raw_data and embedding. Any changed since are left as they are and listed. The revert is kept in the history and can be reverted too.`}
      confirmLabel="Revert"
      run={async () => {
        const result = await revert({ ...tenant, operation });
        if (!result.ok) return result.error;
        const { reverted, changedSince } = result.data;
        toast.success(`Reverted ${memories(reverted.length)}.`, {
          description: changedSince.length
            ? `Left as they are, changed since: ${changedSince.slice(0, 20).join(", ")}${changedSince.length > 20 ? "…" : ""}.`
            : undefined,
        });
        router.refresh();
        return null;
      }}
    />
  );
}
