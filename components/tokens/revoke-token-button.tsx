"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { revokeTokenAction } from "@/app/account/tokens/actions";
import { Dialog } from "@/components/ui/dialog";

export function RevokeTokenButton({ id, name }: { id: number; name: string }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button type="button" className="btn btn-sm" onClick={() => setOpen(true)} aria-label={`Revoke token ${name}`}>
        Revoke
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Revoke this token?"
        description={`Scripts using “${name}” get 401 from now on.`}
      >
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await revokeTokenAction({ id });
                setOpen(false);
                if (result.ok) toast.success(`Revoked “${name}”.`);
                else toast.error(result.error);
              })
            }
          >
            Revoke
          </button>
        </div>
      </Dialog>
    </>
  );
}
