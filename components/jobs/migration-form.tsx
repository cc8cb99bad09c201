"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import type { Tenant } from "@/db/tenant";

/** Starts a model migration of the user to one of the configured embedders. */
export function MigrationForm({
  tenant,
  embedders,
  current,
}: {
  tenant: Tenant;
  embedders: string[];
  current: string;
}) {
  const router = useRouter();
  const { startModelMigration } = useMemoryActions();
  const [target, setTarget] = useState(embedders.find((e) => e !== current) ?? embedders[0] ?? "");
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await startModelMigration({ ...tenant, embedder: target });
          if (!result.ok) toast.error(result.error);
          else toast.success("Migration started: it runs in the background and survives a restart.");
          router.refresh();
        });
      }}
    >
      <label className="grid gap-1 text-sm">
        <span>Re-embed every memory with</span>
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
