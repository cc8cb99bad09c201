import type { Job, JobState } from "@/db/schema";

/** A job as its panel shows it: what is plain to read, with the rate and time left of the current run. */
export type JobView = {
  id: number;
  userId: string;
  kind: string;
  label: string;
  state: JobState;
  /** The model a migration moves to, or another kind's one-line subject. */
  subject: string | null;
  done: number;
  total: number | null;
  /** Memories a second during the current run; null before two steps of it. */
  rate: number | null;
  /** Seconds left at that rate. */
  secondsLeft: number | null;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
};

export const isActive = (state: JobState) => state === "queued" || state === "running";

export function jobView(job: Job, label: string, now = new Date()): JobView {
  const elapsed = job.runStartedAt ? (now.getTime() - job.runStartedAt.getTime()) / 1000 : 0;
  const sinceClaim = job.done - job.runStartDone;
  const rate = job.state === "running" && elapsed > 0 && sinceClaim > 0 ? sinceClaim / elapsed : null;
  const left = job.total === null ? null : Math.max(job.total - job.done, 0);
  const subject = typeof job.params.embedder === "string" ? job.params.embedder : null;
  return {
    id: job.id,
    userId: job.userId,
    kind: job.kind,
    label,
    state: job.state,
    subject,
    done: job.done,
    total: job.total,
    rate,
    secondsLeft: rate && left !== null ? Math.ceil(left / rate) : null,
    cancelRequested: job.cancelRequested,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error,
  };
}

/** "3 min 20 s", "45 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
