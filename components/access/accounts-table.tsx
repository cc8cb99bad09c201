"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/actions/define-action";

/** The server action that disables an account (its sessions end, its tokens stop) or enables it again. */
export type SetAccountDisabled = (input: {
  userId: string;
  disabled: boolean;
}) => Promise<ActionResult<{ email: string; disabled: boolean; sessionsEnded: number }>>;

/** The server action that deletes an account with its grants, sessions and tokens; `confirmEmail` must be its email. */
export type DeleteAccount = (input: {
  userId: string;
  confirmEmail: string;
}) => Promise<ActionResult<{ email: string; grants: number; tokens: number }>>;

type AccountRow = {
  id: string;
  email: string;
  disabledAt: string | null;
  disabledBy: string | null;
  createdAt: string;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const minute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** Every account, for an admin of all projects: disable or enable it, or delete it after typing its email. */
export function AccountsTable({
  accounts,
  selfId,
  setDisabled,
  deleteAccount,
}: {
  accounts: AccountRow[];
  selfId: string;
  setDisabled: SetAccountDisabled;
  deleteAccount: DeleteAccount;
}) {
  const [deleting, setDeleting] = useState<AccountRow | null>(null);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function toggle(account: AccountRow) {
    startTransition(async () => {
      const result = await setDisabled({ userId: account.id, disabled: account.disabledAt === null });
      if (!result.ok) toast.error(result.error);
      else if (result.data.disabled)
        toast.success(
          `Disabled ${result.data.email}: it can no longer sign in, and its API tokens stop working (${plural(result.data.sessionsEnded, "session")} ended).`,
        );
      else toast.success(`Enabled ${result.data.email} again.`);
    });
  }

  function openDelete(account: AccountRow) {
    setTyped("");
    setError(null);
    setDeleting(account);
  }

  function confirmDelete(account: AccountRow) {
    startTransition(async () => {
      const result = await deleteAccount({ userId: account.id, confirmEmail: typed });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setDeleting(null);
      toast.success(
        `Deleted the account of ${result.data.email} with ${plural(result.data.grants, "role")} and ${plural(result.data.tokens, "API token")}.`,
      );
    });
  }

  return (
    <section className="space-y-2" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading" className="text-base font-semibold">
        Accounts
      </h2>
      {/* Wider than a phone with its buttons: the table scrolls inside its box, not the page. */}
      <div className="relative overflow-x-auto">
        <table className="w-full text-sm" aria-label="Accounts">
          <thead>
            <tr className="text-left muted">
              <th className="py-2 font-medium">Email</th>
              <th className="py-2 font-medium">Status</th>
              <th className="hidden py-2 font-medium sm:table-cell">Created</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className="max-w-48 truncate py-2 sm:max-w-none" title={a.email}>
                  {a.email}
                </td>
                <td className="py-2">
                  {a.disabledAt ? (
                    <span>
                      Disabled{" "}
                      <span className="muted">
                        since {minute(a.disabledAt)}
                        {a.disabledBy ? ` by ${a.disabledBy}` : ""}
                      </span>
                    </span>
                  ) : (
                    "Active"
                  )}
                </td>
                <td className="hidden py-2 muted sm:table-cell">{minute(a.createdAt)}</td>
                <td className="py-2 text-right">
                  {a.id === selfId ? (
                    <span className="muted">you</span>
                  ) : (
                    <span className="inline-flex gap-2">
                      <button
                        type="button"
                        className="btn btn-sm"
                        disabled={pending}
                        onClick={() => toggle(a)}
                        aria-label={`${a.disabledAt ? "Enable" : "Disable"} ${a.email}`}
                      >
                        {a.disabledAt ? "Enable" : "Disable"}
                      </button>
                      <button
                        type="button"
                        className="btn btn-sm btn-danger"
                        onClick={() => openDelete(a)}
                        aria-label={`Delete ${a.email}`}
                      >
                        Delete
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete this account?"
        description={
          deleting ? (
            <p>
              The account of <strong className="text-zinc-900 dark:text-zinc-100">{deleting.email}</strong> is deleted
              with all its roles, sessions and API tokens. This cannot be undone. (Memories stored under a user id are
              not touched.)
            </p>
          ) : (
            ""
          )
        }
      >
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        {deleting && (
          <label className="flex flex-col gap-1 text-sm">
            Type {deleting.email} to confirm
            <input
              className="input"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-label={`Type ${deleting.email} to confirm`}
            />
          </label>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={() => setDeleting(null)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={pending || !deleting || typed.trim().toLowerCase() !== deleting.email}
            onClick={() => deleting && confirmDelete(deleting)}
          >
            {pending ? "Deleting…" : "Delete account"}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
