import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SavedSearchLinks } from "@/components/search/saved-search-links";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBox } from "@/components/ui/filter-box";
import { UsersTable } from "@/components/users/users-table";
import { projectHistory } from "@/db/queries/memory-history";
import { listSavedSearches, type SavedSearch } from "@/db/queries/saved-searches";
import { listProjectUsers, type UserSummary } from "@/db/queries/users";
import { requireProject } from "@/lib/auth/page-guard";
import { formatCount, formatDateTimeShort } from "@/lib/format";
import { memoryHistoryOn } from "@/lib/history-setting";
import { decodeSegment, projectPath } from "@/lib/paths";
import { historyRetentionDays } from "@/lib/retention";
import { projectIdSchema } from "@/lib/tenant-params";
import { firstParam, matchesFilter } from "@/lib/text-filter";

export async function generateMetadata({ params }: PageProps<"/projects/[projectId]">): Promise<Metadata> {
  return { title: decodeSegment((await params).projectId) ?? "Not found" };
}

async function ProjectPage({ params, searchParams }: PageProps<"/projects/[projectId]">) {
  const parsed = projectIdSchema.safeParse(decodeSegment((await params).projectId));
  if (!parsed.success) notFound();
  await requireProject(parsed.data, "read", projectPath(parsed.data, await searchParams));
  const projectId = parsed.data;
  const q = firstParam((await searchParams).q);

  let users: UserSummary[];
  let history: { versions: number; oldest: Date | null; on: boolean };
  let saved: SavedSearch[];
  try {
    const [list, kept, on, named] = await Promise.all([
      listProjectUsers(projectId),
      projectHistory(projectId),
      memoryHistoryOn(),
      listSavedSearches(projectId),
    ]);
    users = list;
    saved = named;
    history = { ...kept, on };
  } catch (error) {
    console.error("[users] listing failed:", error);
    return <DatabaseError title="The users could not be loaded" error={error} />;
  }
  if (users.length === 0) notFound();
  const shown = users.filter((u) => matchesFilter(u.userId, q));
  const memories = users.reduce((s, u) => s + u.memories, 0);

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">
            Users of <span className="font-mono">{projectId}</span>
          </h1>
          <p className="text-sm muted">
            {formatCount(users.length)} users, {formatCount(memories)} memories.
          </p>
          <p className="text-sm muted">
            History: {formatCount(history.versions)} earlier {history.versions === 1 ? "version" : "versions"} of
            memories kept
            {history.oldest && `, the oldest replaced ${formatDateTimeShort(history.oldest)}`}; kept for{" "}
            {historyRetentionDays()} days{history.on ? "." : ". Keeping new versions is switched off (MEMORY_HISTORY)."}
          </p>
        </div>
        <FilterBox label="Filter users" placeholder="Filter users…  ( / )" />
      </div>
      {shown.length === 0 ? (
        <EmptyState title={`No user matches “${q}”`}>Clear the filter to see all {users.length} users.</EmptyState>
      ) : (
        <UsersTable projectId={projectId} users={shown} />
      )}
      {saved.length > 0 && (
        <section aria-labelledby="saved-searches" className="card p-3">
          <h2 id="saved-searches" className="mb-1 text-sm font-semibold">
            Saved searches
          </h2>
          <SavedSearchLinks projectId={projectId} items={saved} />
        </section>
      )}
    </section>
  );
}

export default withDatabaseErrors("The users could not be loaded", ProjectPage);
