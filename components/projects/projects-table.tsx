import type { ProjectSummary } from "@/db/queries/projects";
import { formatCount, formatDateTime } from "@/lib/format";

export function ProjectsTable({ projects }: { projects: ProjectSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Projects</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Project</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Users</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Memories</th>
            <th scope="col" className="px-4 py-2 font-medium">Latest memory</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {projects.map((p) => (
            <tr key={p.projectId} className="hover:bg-zinc-50">
              <th scope="row" className="px-4 py-2 font-mono font-medium">{p.projectId}</th>
              <td className="px-4 py-2 text-right tabular-nums">{formatCount(p.users)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatCount(p.memories)}</td>
              <td className="px-4 py-2 text-zinc-600">{formatDateTime(p.latestAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
