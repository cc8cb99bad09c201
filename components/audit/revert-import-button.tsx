"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
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
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const confirm = () =>
    startTransition(async () => {
      const result = await revert({ ...tenant, importId });
      setOpen(false);
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Moved ${memories(result.data.deleted)} of the import to the trash.`, {
        description: `The trash of ${tenant.userId} restores them as one delete.`,
      });
      router.refresh();
    });
  return (
    <>
      <button type="button" className="btn btn-sm" onClick={() => setOpen(true)}>
        Revert import
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Revert this import?"
        description={`The ${memories(count)} it created in ${tenant.userId} of ${tenant.projectId}, as far as they still exist, move to the trash as one delete. The trash can restore them.`}
      >
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={pending} onClick={confirm}>
            Move to the trash
          </button>
        </div>
      </Dialog>
    </>
  );
}
