import Link from "next/link";
import type { ProjectSummary } from "@/db/queries/projects";
import { formatCount, formatDateTime } from "@/lib/format";
import { projectPath } from "@/lib/paths";

export function ProjectsTable({ projects }: { projects: ProjectSummary[] }) {
  return (
    <div className="card relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Projects</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
          <tr>
            <th scope="col" className="th">
              Project
            </th>
            <th scope="col" className="th text-right">
              Users
            </th>
            <th scope="col" className="th text-right">
              Memories
            </th>
            {/* Phones keep the columns that fit; the date is the least needed. */}
            <th scope="col" className="th hidden sm:table-cell">
              Latest memory
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {projects.map((p) => (
            <tr key={p.projectId} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
              <th scope="row" className="td text-left font-mono font-medium">
                <Link href={projectPath(p.projectId)} className="link">
                  {p.projectId}
                </Link>
              </th>
              <td className="td text-right tabular-nums">{formatCount(p.users)}</td>
              <td className="td text-right tabular-nums">{formatCount(p.memories)}</td>
              <td className="td hidden muted sm:table-cell">{formatDateTime(p.latestAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
