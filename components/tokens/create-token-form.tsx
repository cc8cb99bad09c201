"use client";

import { useState, useTransition } from "react";
import { copyText } from "@/components/ui/copy";
import type { ActionResult } from "@/lib/actions/define-action";

/** The server action that creates a token of the signed-in user. */
export type CreateToken = (input: { name: string }) => Promise<ActionResult<{ token: string }>>;

/** Creates a token and shows it once, with a copy button. */
export function CreateTokenForm({ createToken }: { createToken: CreateToken }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <div className="card space-y-3 p-4">
      <form
        aria-label="Create a token"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          startTransition(async () => {
            const result = await createToken({ name });
            if (!result.ok) return setError(result.error);
            setError(null);
            setCreated(result.data.token);
            form.reset();
          });
        }}
      >
        <label className="space-y-1">
          <span className="block text-sm font-medium">Token name</span>
          <input
            name="name"
            required
            maxLength={100}
            className="input w-full sm:w-72"
            placeholder="e.g. nightly export"
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {created && (
        <div role="status" className="space-y-1 text-sm">
          <p className="font-medium">Copy this token now: it is not shown again.</p>
          <div className="flex items-center gap-2">
            <code data-testid="new-token" className="rounded bg-zinc-100 px-2 py-1 break-all dark:bg-zinc-800">
              {created}
            </code>
            <button type="button" className="btn btn-sm" onClick={() => void copyText(created, "Token")}>
              Copy
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
