"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { Role } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/define-action";

const ALL = "*";

/** The server action that gives a role; `projectId` null is all projects, `password` creates a new account. */
export type GrantAccess = (input: {
  email: string;
  projectId: string | null;
  role: Role;
  password?: string;
}) => Promise<ActionResult<{ email: string; created: boolean }>>;

/** Gives a role on a project (or on all) to an account, creating the account when a first password is given. */
export function GrantForm({
  grantAccess,
  projectIds,
  canGrantAll,
}: {
  grantAccess: GrantAccess;
  projectIds: string[];
  canGrantAll: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const project = String(data.get("project") ?? "");
    startTransition(async () => {
      const result = await grantAccess({
        email: String(data.get("email") ?? ""),
        projectId: project === ALL ? null : project,
        role: String(data.get("role") ?? "viewer") as Role,
        password: String(data.get("password") ?? ""),
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      form.reset();
      toast.success(
        `${result.data.created ? "Created the account of" : "Updated the access of"} ${result.data.email}.`,
      );
    });
  }

  return (
    <form
      aria-label="Grant a role"
      className="card flex flex-wrap items-end gap-3 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit(event.currentTarget);
      }}
    >
      <label className="space-y-1">
        <span className="block text-sm font-medium">Email</span>
        <input name="email" type="email" required className="input w-full sm:w-64" autoComplete="off" />
      </label>
      <label className="space-y-1">
        <span className="block text-sm font-medium">Project</span>
        <select name="project" className="input" required defaultValue={projectIds[0] ?? (canGrantAll ? ALL : "")}>
          {canGrantAll && <option value={ALL}>All projects</option>}
          {projectIds.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1">
        <span className="block text-sm font-medium">Role</span>
        <select name="role" className="input" defaultValue="viewer">
          <option value="viewer">viewer</option>
          <option value="editor">editor</option>
          <option value="admin">admin</option>
        </select>
      </label>
      <label className="space-y-1">
        <span className="block text-sm font-medium">First password (new accounts)</span>
        <input
          name="password"
          type="password"
          className="input w-56"
          autoComplete="new-password"
          placeholder="only for a new account"
        />
      </label>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Granting…" : "Grant"}
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
