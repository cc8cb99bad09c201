"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/actions/define-action";

/** The server action that revokes one of the signed-in user's tokens. */
export type RevokeToken = (input: { id: number }) => Promise<ActionResult<{ id: number }>>;

export function RevokeTokenButton({ revokeToken, id, name }: { revokeToken: RevokeToken; id: number; name: string }) {
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
                const result = await revokeToken({ id });
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
