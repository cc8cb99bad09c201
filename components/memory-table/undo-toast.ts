"use client";

import { toast } from "sonner";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import type { Tenant } from "@/db/tenant";
import { formatCount } from "@/lib/format";

/** Announces a delete with an Undo that puts everything it removed back from the trash. */
export function useToastDeleted() {
  const { restore } = useMemoryActions();
  return (
    tenant: Tenant,
    message: string,
    operation: string,
    options: { description?: string; onUndone?: () => void } = {},
  ) =>
    toast.success(message, {
      description: options.description,
      duration: 10_000,
      action: {
        label: "Undo",
        onClick: async () => {
          const result = await restore({ ...tenant, operation });
          if (!result.ok) return void toast.error(result.error);
          const { restored, taken } = result.data;
          toast.success(`Restored ${formatCount(restored.length)} ${restored.length === 1 ? "memory" : "memories"}.`, {
            description: taken.length
              ? `${taken.length} could not come back: their id is in use again (${taken.join(", ")}). They stay in the trash.`
              : undefined,
          });
          options.onUndone?.();
        },
      },
    });
}
