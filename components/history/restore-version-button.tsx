"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { usePermissions } from "@/components/auth/permissions";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { ConfirmButton } from "@/components/ui/confirm-button";
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
  const can = usePermissions();
  // Editors and admins only; the action checks the role again.
  if (!can.write) return null;
  return (
    <ConfirmButton
      label={`Restore version ${version}`}
      title={`Restore version ${version} of memory ${id}?`}
      description="Its raw_data and embedding become the current row. The current row is kept in the history, so this can be undone by restoring it."
      confirmLabel={`Restore version ${version}`}
      run={async () => {
        const result = await restoreVersion({ ...tenant, id, versionId, version: current });
        if (!result.ok) return result.error;
        toast.success(
          result.data.unchanged
            ? `Memory ${id} already is version ${version}.`
            : `Version ${version} of memory ${id} is its current row again.`,
        );
        router.refresh();
        return null;
      }}
    />
  );
}
