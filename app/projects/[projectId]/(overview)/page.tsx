import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProjectMigrationForm } from "@/components/jobs/migration-form";
import { ProjectJobs } from "@/components/jobs/project-jobs";
import { SavedSearchLinks } from "@/components/search/saved-search-links";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBox } from "@/components/ui/filter-box";
import { UsersTable } from "@/components/users/users-table";
import { listJobs } from "@/db/queries/jobs";
import { projectHistory } from "@/db/queries/memory-history";
import { listSavedSearches, type SavedSearch } from "@/db/queries/saved-searches";
import { listProjectUsers, type UserSummary } from "@/db/queries/users";
import { roleAllows, roleOn } from "@/lib/auth/access";
import { requireProject } from "@/lib/auth/page-guard";
import { defaultEmbedder, describeEmbedder } from "@/lib/embedding";
import { availableEmbedders } from "@/lib/embedding/available";
import { formatCount, formatDateTimeShort } from "@/lib/format";
import { memoryHistoryOn } from "@/lib/history-setting";
import { type JobView, jobView } from "@/lib/jobs/job-view";
import { jobLabel } from "@/lib/jobs/kinds";
import { decodeSegment, projectPath } from "@/lib/paths";
import { historyRetentionDays } from "@/lib/retention";
import { projectIdSchema } from "@/lib/tenant-params";
import { firstParam, matchesFilter } from "@/lib/text-filter";
import { migrateProjectAction } from "./actions";

export async function generateMetadata({ params }: PageProps<"/projects/[projectId]">): Promise<Metadata> {
  return { title: decodeSegment((await params).projectId) ?? "Not found" };
}

async function ProjectPage({ params, searchParams }: PageProps<"/projects/[projectId]">) {
  const parsed = projectIdSchema.safeParse(decodeSegment((await params).projectId));
  if (!parsed.success) notFound();
  const actor = await requireProject(parsed.data, "read", projectPath(parsed.data, await searchParams));
  const projectId = parsed.data;
  const q = firstParam((await searchParams).q);

  let users: UserSummary[];
  let history: { versions: number; oldest: Date | null; on: boolean };
  let saved: SavedSearch[];
  let jobs: JobView[];
  try {
    const [list, kept, on, named, recent] = await Promise.all([
      listProjectUsers(projectId),
      projectHistory(projectId),
      memoryHistoryOn(),
      listSavedSearches(projectId),
      listJobs(projectId, { limit: 10 }),
    ]);
    users = list;
    saved = named;
    const now = new Date();
    jobs = recent.map((job) => jobView(job, jobLabel(job.kind), now));
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
      <section aria-labelledby="jobs" className="card space-y-3 p-3">
        <h2 id="jobs" className="text-sm font-semibold">
          Jobs
        </h2>
        <ProjectJobs projectId={projectId} jobs={jobs} />
        {roleAllows(roleOn(actor.grants, projectId), "admin") && (
          <ProjectMigrationForm
            projectId={projectId}
            migrate={migrateProjectAction}
            embedders={availableEmbedders().map(describeEmbedder)}
            current={embedderLabel()}
          />
        )}
      </section>
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

function embedderLabel(): string {
  try {
    return describeEmbedder(defaultEmbedder());
  } catch {
    return "";
  }
}

export default withDatabaseErrors("The users could not be loaded", ProjectPage);
