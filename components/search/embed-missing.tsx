"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import type { Tenant } from "@/db/tenant";
import { formatCount } from "@/lib/format";

/**
 * "N memories have no embedding": embeds them in batches of 50, one request each, with progress.
 * It can be stopped at any time and resumed later: each batch takes whatever is still missing.
 */
export function EmbedMissing({ tenant, missing, embeddable }: { tenant: Tenant; missing: number; embeddable: number }) {
  const router = useRouter();
  const { embedMissing } = useMemoryActions();
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [remaining, setRemaining] = useState(embeddable);
  const stop = useRef(false);

  if (missing === 0) return null;

  const run = async () => {
    stop.current = false;
    setRunning(true);
    let left = remaining;
    while (left > 0 && !stop.current) {
      const result = await embedMissing({ ...tenant, batchSize: 50 });
      if (!result.ok) {
        toast.error(result.error);
        break;
      }
      setDone((d) => d + result.data.embedded);
      left = result.data.remaining;
      setRemaining(left);
      if (result.data.embedded === 0 && result.data.changed === 0) break;
    }
    setRunning(false);
    if (left === 0) toast.success("Every memory with text now has an embedding.");
    router.refresh();
  };

  const total = done + remaining;
  return (
    <div
      role="status"
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
    >
      <p>
        {formatCount(missing)} {missing === 1 ? "memory has" : "memories have"} no embedding and{" "}
        {missing === 1 ? "is" : "are"} left out of search
        {missing > embeddable ? ` (${formatCount(missing - embeddable)} of them have no text to embed)` : ""}.
      </p>
      {embeddable > 0 && (
        <div className="mt-2 flex flex-wrap items-center gap-3">
          {running ? (
            <button type="button" className="btn btn-sm" onClick={() => (stop.current = true)}>
              Stop
            </button>
          ) : (
            remaining > 0 && (
              <button type="button" className="btn btn-sm" onClick={run}>
                {done > 0 ? "Resume embedding" : `Embed ${formatCount(remaining)} missing`}
              </button>
            )
          )}
          {(running || done > 0) && (
            <>
              <progress className="h-2 w-48" max={total || 1} value={done} aria-label="Embedding progress" />
              <span className="tabular-nums">
                {formatCount(done)} of {formatCount(total)} embedded
              </span>
            </>
          )}
        </div>
      )}
    </div>
  );
}
