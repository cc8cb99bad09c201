"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { usePermissions } from "@/components/auth/permissions";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { Tenant } from "@/db/tenant";
import { formatCount, formatDateTime } from "@/lib/format";
import { formatDuration, isActive, type JobView } from "@/lib/jobs/job-view";
import { AutoRefresh } from "./auto-refresh";

/**
 * A user's jobs with their progress. While one is queued or running the page refreshes itself,
 * so progress moves without a reload; a job's row keeps its state across restarts of the app.
 */
export function JobList({ tenant, jobs }: { tenant: Tenant; jobs: JobView[] }) {
  const refresh = <AutoRefresh active={jobs.some((j) => isActive(j.state))} />;
  if (jobs.length === 0) return <p className="text-sm muted">No jobs yet for this user.</p>;
  return (
    <ul className="space-y-2" aria-label="Jobs">
      {refresh}
      {jobs.map((job) => (
        <li key={job.id}>
          <JobRow tenant={tenant} job={job} />
        </li>
      ))}
    </ul>
  );
}

const STATE_TEXT: Record<JobView["state"], string> = {
  queued: "Queued",
  running: "Running",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function JobRow({ tenant, job }: { tenant: Tenant; job: JobView }) {
  const router = useRouter();
  const { cancelJob, revertModelMigration } = useMemoryActions();
  const { write } = usePermissions();
  const total = job.total ?? 0;
  const state = job.cancelRequested && job.state === "running" ? "Cancelling" : STATE_TEXT[job.state];
  return (
    <article
      className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800"
      aria-label={`Job ${job.id}: ${job.label}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium">
          {job.label}
          {job.subject && (
            <>
              {" "}
              to <span className="font-mono">{job.subject}</span>
            </>
          )}
        </h3>
        <span className="tabular-nums" data-testid="job-state">
          {state}
        </span>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <progress
          className="h-2 w-48 max-w-full"
          max={total || 1}
          value={job.state === "done" ? total || 1 : job.done}
          aria-label={`Progress of job ${job.id}`}
        />
        <span className="tabular-nums">
          {formatCount(job.done)} of {job.total === null ? "…" : formatCount(job.total)}
        </span>
        {job.rate !== null && (
          <span className="muted tabular-nums">
            {formatCount(Math.round(job.rate))}/s
            {job.secondsLeft !== null && `, about ${formatDuration(job.secondsLeft)} left`}
          </span>
        )}
      </div>
      <p className="mt-1 muted">
        Started {formatDateTime(new Date(job.createdAt))}
        {job.createdBy ? ` by ${job.createdBy}` : ""}
        {job.finishedAt ? `, ended ${formatDateTime(new Date(job.finishedAt))}` : ""}.
      </p>
      {job.error && (
        <p role="alert" className="mt-1 text-red-700 dark:text-red-400">
          {job.error}
        </p>
      )}
      {write && (
        <div className="mt-2 flex gap-2">
          {isActive(job.state) && !job.cancelRequested && (
            <button
              type="button"
              className="btn btn-sm"
              onClick={async () => {
                const result = await cancelJob({ ...tenant, jobId: job.id });
                if (!result.ok) toast.error(result.error);
                else
                  toast.success(result.data.state === "cancelled" ? "Job cancelled." : "Cancelling after this step…");
                router.refresh();
              }}
            >
              Cancel
            </button>
          )}
          {job.kind === "model-migration" && !isActive(job.state) && job.done > 0 && (
            <ConfirmButton
              label="Revert"
              title="Revert this migration?"
              description={`The vectors this job replaced in ${tenant.userId} go back to the ones from before, with the models that wrote them. Memories changed since are left as they are and listed.`}
              confirmLabel="Revert"
              run={async () => {
                const result = await revertModelMigration({ ...tenant, jobId: job.id });
                if (!result.ok) return result.error;
                const { reverted, changedSince } = result.data;
                toast.success(`Reverted ${formatCount(reverted.length)} vectors.`, {
                  description: changedSince.length
                    ? `Left as they are, changed since: ${changedSince.slice(0, 20).join(", ")}${changedSince.length > 20 ? "…" : ""}.`
                    : undefined,
                });
                router.refresh();
                return null;
              }}
            />
          )}
        </div>
      )}
    </article>
  );
}
