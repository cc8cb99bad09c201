"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { usePermissions } from "@/components/auth/permissions";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Tenant } from "@/db/tenant";

/** Makes a kept version the memory's current row (editors); the row it replaces is kept as a version too. */
export function RestoreVersionButton({
  tenant,
  id,
  versionId,
  version,
  current,
}: {
  tenant: Tenant;
  id: number;
  versionId: number;
  /** The version number shown to the user. */
  version: number;
  /** The current row's updated_at as the page read it: a change made since is refused. */
  current: string;
}) {
  const { restoreVersion } = useMemoryActions();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const can = usePermissions();

  const restore = () =>
    startTransition(async () => {
      const result = await restoreVersion({ ...tenant, id, versionId, version: current });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
      toast.success(
        result.data.unchanged
          ? `Memory ${id} already is version ${version}.`
          : `Version ${version} of memory ${id} is its current row again.`,
      );
      router.refresh();
    });

  // Editors and admins only; the action checks the role again.
  if (!can.write) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Restore version {version}
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Restore version ${version} of memory ${id}?`}
        description="Its raw_data and embedding become the current row. The current row is kept in the history, so this can be undone by restoring it."
        confirmLabel={`Restore version ${version}`}
        onConfirm={restore}
        pending={pending}
        error={error}
      />
    </>
  );
}
