import Link from "next/link";
import { formatCount } from "@/lib/format";
import { isActive, type JobView } from "@/lib/jobs/job-view";
import { modelsPath } from "@/lib/paths";
import { AutoRefresh } from "./auto-refresh";

/** The project's latest jobs, each linking to its user's Models page, where it can be cancelled or reverted. */
export function ProjectJobs({ projectId, jobs }: { projectId: string; jobs: JobView[] }) {
  if (jobs.length === 0) return <p className="text-sm muted">No jobs yet in this project.</p>;
  return (
    <>
      <AutoRefresh active={jobs.some((j) => isActive(j.state))} />
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" aria-label="Project jobs">
        {jobs.map((job) => (
          <li key={job.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
            <Link href={modelsPath({ projectId, userId: job.userId })} className="link font-mono break-all">
              {job.userId}
            </Link>
            <span>
              {job.label}
              {job.subject ? ` to ${job.subject}` : ""}
            </span>
            <progress
              className="h-2 w-32"
              max={job.total || 1}
              value={job.state === "done" ? job.total || 1 : job.done}
              aria-label={`Progress of job ${job.id}`}
            />
            <span className="tabular-nums muted">
              {formatCount(job.done)} of {job.total === null ? "…" : formatCount(job.total)} · {job.state}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
