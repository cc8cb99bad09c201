import type { Metadata } from "next";
import { connection } from "next/server";
import { ProjectsTable } from "@/components/projects/projects-table";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBox } from "@/components/ui/filter-box";
import { IndexNotice } from "@/components/ui/index-notice";
import { listProjects, type ProjectSummary } from "@/db/queries/projects";
import { projectsWith } from "@/lib/auth/access";
import { requireSignedIn } from "@/lib/auth/page-guard";
import { projectsPath } from "@/lib/paths";
import { firstParam, matchesFilter } from "@/lib/text-filter";

export const metadata: Metadata = { title: "Projects" };

async function ProjectsPage({ searchParams }: PageProps<"/">) {
  await connection(); // always read the database at request time, never at build time
  const actor = await requireSignedIn(projectsPath(await searchParams));
  const scope = projectsWith(actor.grants);
  const q = firstParam((await searchParams).q);

  let projects: ProjectSummary[];
  try {
    projects = await listProjects(scope);
  } catch (error) {
    console.error("[projects] listing failed:", error);
    return <DatabaseError title="The projects could not be loaded" error={error} />;
  }
  const shown = projects.filter((p) => matchesFilter(p.projectId, q));

  return (
    <section className="space-y-4">
      <IndexNotice />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Projects</h1>
          <p className="text-sm muted">
            {scope === "all"
              ? "Every project with memories in this database."
              : "The projects you have been given access to."}
          </p>
        </div>
        {projects.length > 0 && <FilterBox label="Filter projects" placeholder="Filter projects…  ( / )" />}
      </div>
      {projects.length === 0 && scope !== "all" ? (
        <EmptyState title="No projects for you yet">
          {scope.length === 0
            ? "Your account has no access to any project. Ask an admin to grant you a role on one."
            : `The projects you may see (${scope.join(", ")}) have no memories.`}
        </EmptyState>
      ) : projects.length === 0 ? (
        <EmptyState title="No memories yet">
          This database has no rows in <code>memory_logs</code>. Write memories from your application, or run{" "}
          <code>npm run db:seed</code> to add demo data.
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title={`No project matches “${q}”`}>
          Clear the filter to see all {projects.length} projects.
        </EmptyState>
      ) : (
        <ProjectsTable projects={shown} />
      )}
    </section>
  );
}

export default withDatabaseErrors("The projects could not be loaded", ProjectsPage);
