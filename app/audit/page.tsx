import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { connection } from "next/server";
import { revertChangeAction, revertImportAction } from "@/app/projects/[projectId]/users/[userId]/actions";
import { RevertChangeButton } from "@/components/audit/revert-change-button";
import { RevertImportButton } from "@/components/audit/revert-import-button";
import { BadParamsBanner } from "@/components/ui/bad-params-banner";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterChips } from "@/components/ui/filter-chips";
import { describeFilterQuery } from "@/db/filters";
import { AUDIT_ACTIONS, isAccountAudit, listAudit } from "@/db/queries/audit";
import { parseAuditQuery } from "@/lib/audit-query";
import { projectsWith } from "@/lib/auth/access";
import { requireSignedIn } from "@/lib/auth/page-guard";
import { describeBulkEdit } from "@/lib/bulk-edit-words";
import { formatCount, formatDateTime } from "@/lib/format";
import { parseLeavingOut } from "@/lib/memory-query/lenient";
import { toSearchParams } from "@/lib/next-search-params";
import { auditPath, memoryPath, tenantPath } from "@/lib/paths";

export const metadata: Metadata = { title: "Audit log" };

/** What an access-page change did, from its details: the role given or changed, what a deletion took along. */
function accountChange(details: Record<string, unknown> | null): string {
  const some = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
  if (!details) return "";
  if (typeof details.from === "string" && typeof details.to === "string") return `${details.from} → ${details.to}`;
  if (typeof details.role === "string") return `role ${details.role}${details.created ? ", new account" : ""}`;
  if (typeof details.grants === "number" && typeof details.tokens === "number")
    return `with ${some(details.grants, "role")} and ${some(details.tokens, "API token")}`;
  if (typeof details.sessionsEnded === "number") return `${some(details.sessionsEnded, "session")} ended`;
  return "";
}

/** Every change made through the dashboard, newest first, filtered by project, user, action and date. */
async function AuditPage({ searchParams }: PageProps<"/audit">) {
  await connection();
  const actor = await requireSignedIn(auditPath(await searchParams));
  // The log of a project is for its admins.
  const scope = projectsWith(actor.grants, "admin");
  if (scope !== "all" && scope.length === 0) forbidden();
  const given = toSearchParams(await searchParams);
  // The form shows the link's values as given; a bad one is left out of the query and named above the log.
  const get = (key: string) => given.get(key)?.trim() || undefined;
  const { value: query, problems, params } = parseLeavingOut(given, parseAuditQuery);

  let entries: Awaited<ReturnType<typeof listAudit>>;
  try {
    entries = await listAudit({ scope, ...query });
  } catch (error) {
    console.error("[audit] loading failed:", error);
    return <DatabaseError title="The audit log could not be loaded" error={error} />;
  }

  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Audit log</h1>
        <p className="text-sm muted">
          Every change made through the dashboard: who, what, which user's memories or which account, and when.
        </p>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with the search role submits on Enter and is named as a landmark */}
      <form
        method="get"
        role="search"
        aria-label="Filter the audit log"
        className="card flex flex-wrap items-end gap-3 p-3 text-xs muted"
      >
        <label className="flex flex-col gap-1">
          Project
          <input name="project" defaultValue={get("project") ?? ""} className="input" />
        </label>
        <label className="flex flex-col gap-1">
          User
          <input name="user" defaultValue={get("user") ?? ""} className="input" />
        </label>
        <label className="flex flex-col gap-1">
          Action
          <select name="action" defaultValue={get("action") ?? ""} className="input">
            <option value="">any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          From
          <input type="date" name="from" defaultValue={get("from") ?? ""} className="input" />
        </label>
        <label className="flex flex-col gap-1">
          To
          <input type="date" name="to" defaultValue={get("to") ?? ""} className="input" />
        </label>
        <button type="submit" className="btn btn-primary ml-auto">
          Apply
        </button>
      </form>
      <BadParamsBanner problems={problems} href={auditPath(params)} />
      {!entries.length ? (
        <EmptyState title="No changes recorded">
          Changes made in the dashboard (create, edit, re-embed, delete, restore, purge, import, and changes of access)
          appear here.
        </EmptyState>
      ) : (
        // relative: absolutely placed text in the rows (sr-only) scrolls with the table instead of widening the page.
        <div className="card relative overflow-x-auto">
          <table className="w-full text-sm" aria-label="Audit log">
            <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
              <tr>
                <th scope="col" className="th">
                  When
                </th>
                <th scope="col" className="th">
                  Who
                </th>
                <th scope="col" className="th">
                  Action
                </th>
                <th scope="col" className="th">
                  Project / user
                </th>
                <th scope="col" className="th text-right">
                  Memories
                </th>
                <th scope="col" className="th">
                  Ids
                </th>
                <th scope="col" className="th">
                  <span className="sr-only">Revert</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {entries.map((e) => {
                const tenant = { projectId: e.projectId, userId: e.userId };
                const ids = e.memoryIds ?? [];
                // Access changes are filed under the account's email and the grant's project ("" for all projects).
                if (isAccountAudit(e.action))
                  return (
                    <tr key={e.id}>
                      <td className="td whitespace-nowrap text-xs muted">{formatDateTime(e.at)}</td>
                      <td className="td text-xs">{e.actor ?? "anonymous"}</td>
                      <td className="td font-medium">{e.action}</td>
                      <td className="td text-xs">
                        account <span className="font-mono">{e.userId}</span>
                        {e.projectId ? ` on ${e.projectId}` : e.action.endsWith("-account") ? "" : " on all projects"}
                      </td>
                      <td className="td text-right muted">—</td>
                      <td className="td text-xs">{accountChange(e.details)}</td>
                    </tr>
                  );
                return (
                  <tr key={e.id}>
                    <td className="td whitespace-nowrap text-xs muted">{formatDateTime(e.at)}</td>
                    <td className="td text-xs">{e.actor ?? "anonymous"}</td>
                    <td className="td font-medium">
                      {e.action}
                      {e.details?.bulkEdit !== undefined && (
                        <span className="block text-xs font-normal muted">
                          {describeBulkEdit(e.details.bulkEdit as Record<string, unknown>)}
                        </span>
                      )}
                    </td>
                    <td className="td font-mono text-xs">
                      <Link href={tenantPath(tenant)} className="link">
                        {e.projectId} / {e.userId}
                      </Link>
                    </td>
                    <td className="td text-right tabular-nums">{formatCount(e.count)}</td>
                    <td className="td text-xs">
                      {ids.slice(0, 10).map((id, i) => (
                        <span key={id}>
                          {i > 0 && ", "}
                          <Link href={memoryPath(tenant, id)} className="link">
                            {id}
                          </Link>
                        </span>
                      ))}
                      {ids.length > 10 && <span className="muted"> and {formatCount(ids.length - 10)} more</span>}
                      {ids.length === 0 && typeof e.details?.filter === "string" && (
                        <FilterReason query={e.details.filter} />
                      )}
                    </td>
                    <td className="td">
                      {e.action === "import" && typeof e.details?.import === "string" && (
                        <RevertImportButton
                          tenant={tenant}
                          importId={e.details.import}
                          count={e.count}
                          revert={revertImportAction}
                        />
                      )}
                      {revertible(e) && (
                        <RevertChangeButton
                          tenant={tenant}
                          operation={e.details.operation}
                          count={e.count}
                          revert={revertChangeAction}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A re-embed, a bulk edit, or a revert (itself revertible), whose versions carry its operation. Deletes are undone in the trash. */
function revertible(e: { action: string; details: Record<string, unknown> | null }): e is {
  action: string;
  details: { operation: string };
} {
  const operation = e.details?.operation;
  return (
    typeof operation === "string" &&
    (e.action === "re-embed" ||
      (e.action === "edit" && ("revertedOperation" in e.details! || "bulkEdit" in e.details!)))
  );
}

/** A delete by filter's filters as chips; a query that no longer parses as it was stored. */
function FilterReason({ query }: { query: string }) {
  const chips = describeFilterQuery(query);
  if (!chips) return <span className="muted">filter {query}</span>;
  if (chips.length === 0) return <span className="muted">no filter: all memories</span>;
  return <FilterChips chips={chips} label="Filters of the delete" />;
}

export default withDatabaseErrors("The audit log could not be loaded", AuditPage);
