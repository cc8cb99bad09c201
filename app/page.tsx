import { connection } from "next/server";
import { ProjectsTable } from "@/components/projects/projects-table";
import { ErrorPanel } from "@/components/ui/error-panel";
import { describeDatabaseError } from "@/db/errors";
import { listProjects, type ProjectSummary } from "@/db/queries/projects";

export default async function ProjectsPage() {
  await connection(); // always read the database at request time, never at build time

  let projects: ProjectSummary[];
  try {
    projects = await listProjects();
  } catch (error) {
    console.error("[projects] listing failed:", error);
    return (
      <ErrorPanel title="The projects could not be loaded">
        <p>{describeDatabaseError(error)}</p>
      </ErrorPanel>
    );
  }

  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Projects</h1>
        <p className="text-sm text-zinc-600">Every project with memories in this database.</p>
      </div>
      {projects.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 bg-white p-8 text-center text-sm text-zinc-600">
          <p className="font-medium text-zinc-900">No memories yet</p>
          <p className="mt-1">
            This database has no rows in <code>memory_logs</code>. Write memories from your application, or run{" "}
            <code>npm run db:seed</code> to add demo data.
          </p>
        </div>
      ) : (
        <ProjectsTable projects={projects} />
      )}
    </section>
  );
}
