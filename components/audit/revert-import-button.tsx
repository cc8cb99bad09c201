"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { Tenant } from "@/db/tenant";
import type { ActionResult } from "@/lib/actions/define-action";
import { formatCount } from "@/lib/format";

type RevertImport = (
  input: Tenant & { importId: string },
) => Promise<ActionResult<{ deleted: number; imported: number; operation: string }>>;

const memories = (n: number) => `${formatCount(n)} ${n === 1 ? "memory" : "memories"}`;

/** The audit log's "Revert import": after confirming, what the import created and still exists goes to the trash as one delete. */
export function RevertImportButton({
  tenant,
  importId,
  count,
  revert,
}: {
  tenant: Tenant;
  importId: string;
  count: number;
  revert: RevertImport;
}) {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Revert import"
      title="Revert this import?"
      description={`The ${memories(count)} it created in ${tenant.userId} of ${tenant.projectId}, as far as they still exist, move to the trash as one delete. The trash can restore them.`}
      confirmLabel="Move to the trash"
      run={async () => {
        const result = await revert({ ...tenant, importId });
        if (!result.ok) return result.error;
        toast.success(`Moved ${memories(result.data.deleted)} of the import to the trash.`, {
          description: `The trash of ${tenant.userId} restores them as one delete.`,
        });
        router.refresh();
        return null;
      }}
    />
  );
}
