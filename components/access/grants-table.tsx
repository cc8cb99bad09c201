"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
import type { Role } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/define-action";

/** The server action that takes a role away; `projectId` null is the grant on all projects. */
export type RevokeAccess = (input: {
  userId: string;
  projectId: string | null;
}) => Promise<ActionResult<{ email: string }>>;

/** The server action that changes the role of an existing grant. */
export type ChangeRole = (input: {
  userId: string;
  projectId: string | null;
  role: Role;
}) => Promise<ActionResult<{ email: string; from: Role; to: Role }>>;

// Not db/schema's ROLES: that module would bring the database schema into the browser bundle.
const ROLE_OPTIONS = ["viewer", "editor", "admin"] as const satisfies readonly Role[];

type GrantRow = {
  id: number;
  userId: string;
  email: string;
  projectId: string | null;
  role: Role;
  /** The account is disabled: its grants give nothing until it is enabled. */
  disabled: boolean;
  grantedBy: string | null;
  grantedAt: string;
};

/**
 * The grants an admin sees, each with a role to change in place and revocable after a
 * confirmation when the admin may manage it: not their own, and a grant on all projects only by
 * an admin of all projects.
 */
export function GrantsTable({
  revokeAccess,
  changeRole,
  grants,
  selfId,
  canManageAll,
}: {
  revokeAccess: RevokeAccess;
  changeRole: ChangeRole;
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

  function setRole(grant: GrantRow, select: HTMLSelectElement) {
    const role = select.value as Role;
    startTransition(async () => {
      const result = await changeRole({ userId: grant.userId, projectId: grant.projectId, role });
      if (result.ok)
        toast.success(
          `${result.data.email} is now ${result.data.to} on ${grant.projectId ?? "all projects"} (was ${result.data.from}).`,
        );
      else {
        select.value = grant.role; // the saved role stays, and shows again
        toast.error(result.error);
      }
    });
  }

  const manageable = (g: GrantRow) => g.userId !== selfId && (g.projectId !== null || canManageAll);

  if (grants.length === 0) return <p className="text-sm muted">No one has a role on these projects yet.</p>;
  return (
    <>
      <div className="relative overflow-x-auto">
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
                <td className="py-2">
                  {g.email}
                  {g.disabled && <span className="muted"> (disabled)</span>}
                </td>
                <td className="py-2">{g.projectId ?? <em>All projects</em>}</td>
                <td className="py-2">
                  {manageable(g) ? (
                    <select
                      className="input py-1"
                      // The key resets the shown value to the saved one after each answer.
                      key={g.role}
                      defaultValue={g.role}
                      disabled={pending}
                      aria-label={`Role of ${g.email} on ${g.projectId ?? "all projects"}`}
                      onChange={(event) => setRole(g, event.currentTarget)}
                    >
                      {ROLE_OPTIONS.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  ) : (
                    g.role
                  )}
                </td>
                <td className="py-2 muted">
                  {g.grantedAt.slice(0, 16).replace("T", " ")} UTC{g.grantedBy ? ` by ${g.grantedBy}` : ""}
                </td>
                <td className="py-2 text-right">
                  {manageable(g) && (
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
      </div>
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
