"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import type { Tenant } from "@/db/tenant";
import type { ActionResult } from "@/lib/actions/define-action";

type Props = {
  embedders: string[];
  /** The model the vectors have now, not offered first. */
  current: string;
  label: string;
  start: (embedder: string) => Promise<string | { error: string }>;
};

/** Chooses a configured embedder and starts a model migration to it; `start` answers what to say. */
function MigrationForm({ embedders, current, label, start }: Props) {
  const router = useRouter();
  const [target, setTarget] = useState(embedders.find((e) => e !== current) ?? embedders[0] ?? "");
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const said = await start(target);
          if (typeof said === "string") toast.success(said);
          else toast.error(said.error);
          router.refresh();
        });
      }}
    >
      <label className="grid gap-1 text-sm">
        <span>{label}</span>
        <select className="input" value={target} onChange={(e) => setTarget(e.target.value)}>
          {embedders.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary" disabled={pending || !target}>
        {pending ? "Starting…" : "Start migration"}
      </button>
    </form>
  );
}

/** A migration of one user, on its Models page. */
export function UserMigrationForm({ tenant, ...rest }: { tenant: Tenant; embedders: string[]; current: string }) {
  const { startModelMigration } = useMemoryActions();
  return (
    <MigrationForm
      {...rest}
      label="Re-embed every memory with"
      start={async (embedder) => {
        const result = await startModelMigration({ ...tenant, embedder });
        return result.ok
          ? "Migration started: it runs in the background and survives a restart."
          : { error: result.error };
      }}
    />
  );
}

type MigrateProject = (input: {
  projectId: string;
  embedder: string;
}) => Promise<ActionResult<{ started: number; skipped: { userId: string; reason: string }[] }>>;

/** A migration of every user of a project, on the project page (admins). */
export function ProjectMigrationForm({
  projectId,
  migrate,
  ...rest
}: {
  projectId: string;
  migrate: MigrateProject;
  embedders: string[];
  current: string;
}) {
  return (
    <MigrationForm
      {...rest}
      label="Re-embed every user's memories with"
      start={async (embedder) => {
        const result = await migrate({ projectId, embedder });
        if (!result.ok) return { error: result.error };
        const { started, skipped } = result.data;
        if (started === 0)
          return { error: `Nothing to migrate: ${skipped.length} users skipped (${skipped[0]?.reason ?? ""}).` };
        return `Migration of ${started} ${started === 1 ? "user" : "users"} queued${skipped.length ? `, ${skipped.length} skipped (nothing to move or already migrating)` : ""}.`;
      }}
    />
  );
}
