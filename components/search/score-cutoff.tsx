"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { toast } from "sonner";
import { usePermissions } from "@/components/auth/permissions";
import { useToastDeleted } from "@/components/memory-table/undo-toast";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { SearchMetric } from "@/db/queries/search";
import type { Tenant } from "@/db/tenant";
import { distanceHistogram } from "@/lib/distance-histogram";
import { formatCount } from "@/lib/format";
import { tenantPath } from "@/lib/paths";

const memories = (n: number) => `${formatCount(n)} ${n === 1 ? "memory" : "memories"}`;

/**
 * The distances of the nearest memories as a histogram, with a handle that sets the largest
 * distance kept: everything within it can go to the trash (the count typed) or be re-embedded.
 */
export function ScoreCutoff({
  tenant,
  hits,
  metric,
}: {
  tenant: Tenant;
  /** Nearest first. */
  hits: { id: number; distance: number }[];
  metric: SearchMetric;
}) {
  const distances = hits.map((h) => h.distance);
  const min = Math.min(...distances);
  const max = Math.max(...distances);
  const [cutoff, setCutoff] = useState(max);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const { deleteMemories, reembedMemories } = useMemoryActions();
  const toastDeleted = useToastDeleted();
  const router = useRouter();
  const can = usePermissions();
  const within = hits.filter((h) => h.distance <= cutoff);
  const ids = within.map((h) => h.id);
  const bins = distanceHistogram(distances);
  const step = max > min ? (max - min) / 200 : 1;
  const metricName = metric === "cosine" ? "cosine distance" : "L2 distance";

  const deleteWithin = () =>
    startTransition(async () => {
      const result = await deleteMemories({ ...tenant, ids });
      setConfirming(false);
      if (!result.ok) return void toast.error(result.error);
      toastDeleted(tenant, `Deleted ${memories(result.data.deleted)}.`, result.data.operation, {
        onUndone: () => router.refresh(),
      });
      router.refresh();
    });
  const reembedWithin = () =>
    startTransition(async () => {
      const result = await reembedMemories({ ...tenant, ids });
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Re-embedded ${memories(result.data.updated.length)}.`);
      router.refresh();
    });

  return (
    <section aria-label="Score distribution" className="card space-y-2 p-4 text-sm">
      <h2 className="font-semibold">Distances of the nearest {formatCount(hits.length)}</h2>
      <div className="h-32 w-full" role="img" aria-label={`Histogram of the ${metricName}s of the nearest memories`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bins} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <XAxis dataKey="from" tickFormatter={(v: number) => v.toFixed(2)} fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} width={28} />
            <Tooltip
              formatter={(value) => [String(value), "memories"]}
              labelFormatter={(_, payload) => {
                const bin = payload?.[0]?.payload as { from: number; to: number } | undefined;
                return bin ? `${bin.from.toFixed(4)} – ${bin.to.toFixed(4)}` : "";
              }}
            />
            <Bar dataKey="count" isAnimationActive={false}>
              {bins.map((bin) => (
                <Cell key={bin.from} fill={bin.from <= cutoff ? "#2563eb" : "#a1a1aa"} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <label className="flex flex-col gap-1">
        <span className="text-xs muted">Maximum {metricName}</span>
        <input
          type="range"
          min={min}
          max={max}
          step={step}
          value={cutoff}
          onChange={(e) => setCutoff(Number(e.target.value))}
          aria-valuetext={`${cutoff.toFixed(4)}: ${memories(within.length)} within`}
        />
      </label>
      <p data-testid="cutoff-summary" aria-live="polite">
        <strong className="tabular-nums">{memories(within.length)}</strong> within {metricName}{" "}
        <span className="tabular-nums">{cutoff.toFixed(4)}</span>
      </p>
      {within.length > 0 && (
        <div className="flex flex-wrap items-center gap-2">
          {/* The list filtered to these ids: its bulk actions (export, delete, re-embed) then apply to them. */}
          <Link href={tenantPath(tenant, new URLSearchParams(ids.map((id) => ["id", String(id)])))} className="link">
            Show {formatCount(within.length)} in the list
          </Link>
          {can.write && (
            <button type="button" className="btn btn-sm" disabled={pending} onClick={reembedWithin}>
              Re-embed {formatCount(within.length)}
            </button>
          )}
          {can.admin && (
            <button
              type="button"
              className="btn btn-sm btn-danger"
              disabled={pending}
              onClick={() => setConfirming(true)}
            >
              Delete {formatCount(within.length)}…
            </button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${memories(within.length)} within ${metricName} ${cutoff.toFixed(4)}?`}
        description={`They go to the trash of ${tenant.userId}, from where they can be restored. Type the count to confirm.`}
        confirmLabel={`Delete ${formatCount(within.length)}`}
        typeToConfirm={String(within.length)}
        onConfirm={deleteWithin}
        pending={pending}
      />
    </section>
  );
}
