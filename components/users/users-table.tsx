import Link from "next/link";
import type { UserSummary } from "@/db/queries/users";
import { formatCount, formatDateTime } from "@/lib/format";
import { tenantPath } from "@/lib/paths";

export function UsersTable({ projectId, users }: { projectId: string; users: UserSummary[] }) {
  return (
    <div className="card relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Users of {projectId}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
          <tr>
            <th scope="col" className="th">
              User
            </th>
            <th scope="col" className="th text-right">
              Memories
            </th>
            <th scope="col" className="th">
              Embedded
            </th>
            {/* Phones keep the columns that fit; the date is the least needed. */}
            <th scope="col" className="th hidden sm:table-cell">
              Latest memory
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {users.map((u) => {
            const share = u.memories ? Math.round((u.embedded / u.memories) * 100) : 0;
            return (
              <tr key={u.userId} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                <th scope="row" className="td text-left font-mono font-medium">
                  <Link href={tenantPath({ projectId, userId: u.userId })} className="link">
                    {u.userId}
                  </Link>
                </th>
                <td className="td text-right tabular-nums">{formatCount(u.memories)}</td>
                <td className="td">
                  <div
                    className="flex items-center gap-2"
                    title={`${formatCount(u.embedded)} of ${formatCount(u.memories)} have an embedding`}
                  >
                    <div className="h-1.5 w-20 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-700" aria-hidden>
                      <div className="h-full bg-emerald-500" style={{ width: `${share}%` }} />
                    </div>
                    <span className="tabular-nums muted">{share}%</span>
                  </div>
                </td>
                <td className="td hidden muted sm:table-cell">{formatDateTime(u.latestAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
