"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/actions/define-action";

/** The server action that takes a role away; `projectId` null is the grant on all projects. */
export type RevokeAccess = (input: {
  userId: string;
  projectId: string | null;
}) => Promise<ActionResult<{ email: string }>>;

type GrantRow = {
  id: number;
  userId: string;
  email: string;
  projectId: string | null;
  role: string;
  grantedBy: string | null;
  grantedAt: string;
};

/**
 * The grants an admin sees, each revocable after a confirmation when the admin may revoke it:
 * not their own, and a grant on all projects only by an admin of all projects.
 */
export function GrantsTable({
  revokeAccess,
  grants,
  selfId,
  canManageAll,
}: {
  revokeAccess: RevokeAccess;
  grants: GrantRow[];
  selfId: string;
  canManageAll: boolean;
}) {
  const [revoking, setRevoking] = useState<GrantRow | null>(null);
  const [pending, startTransition] = useTransition();

  function revoke(grant: GrantRow) {
    startTransition(async () => {
      const result = await revokeAccess({ userId: grant.userId, projectId: grant.projectId });
      setRevoking(null);
      if (result.ok) toast.success(`Removed the ${grant.role} role of ${result.data.email}.`);
      else toast.error(result.error);
    });
  }

  if (grants.length === 0) return <p className="text-sm muted">No one has a role on these projects yet.</p>;
  return (
    <>
      <table className="w-full text-sm" aria-label="Grants">
        <thead>
          <tr className="text-left muted">
            <th className="py-2 font-medium">Email</th>
            <th className="py-2 font-medium">Project</th>
            <th className="py-2 font-medium">Role</th>
            <th className="py-2 font-medium">Granted</th>
            <th className="py-2" />
          </tr>
        </thead>
        <tbody>
          {grants.map((g) => (
            <tr key={g.id} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-2">{g.email}</td>
              <td className="py-2">{g.projectId ?? <em>All projects</em>}</td>
              <td className="py-2">{g.role}</td>
              <td className="py-2 muted">
                {g.grantedAt.slice(0, 16).replace("T", " ")} UTC{g.grantedBy ? ` by ${g.grantedBy}` : ""}
              </td>
              <td className="py-2 text-right">
                {g.userId !== selfId && (g.projectId !== null || canManageAll) && (
                  <button
                    type="button"
                    className="btn btn-sm"
                    onClick={() => setRevoking(g)}
                    aria-label={`Revoke ${g.role} of ${g.email} on ${g.projectId ?? "all projects"}`}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Dialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Revoke this role?"
        description={
          revoking
            ? `${revoking.email} loses the ${revoking.role} role on ${revoking.projectId ?? "all projects"} at once.`
            : ""
        }
      >
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={() => setRevoking(null)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={pending}
            onClick={() => revoking && revoke(revoking)}
          >
            Revoke
          </button>
        </div>
      </Dialog>
    </>
  );
}
