import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobList } from "@/components/jobs/job-list";
import { UserMigrationForm } from "@/components/jobs/migration-form";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { listJobs } from "@/db/queries/jobs";
import { countByEmbedder } from "@/db/queries/memory-embedders";
import { tenantCounts } from "@/db/queries/tenant-stats";
import { tenantExists } from "@/db/queries/tenants";
import type { Tenant } from "@/db/tenant";
import { roleAllows, roleOn } from "@/lib/auth/access";
import { requireProject } from "@/lib/auth/page-guard";
import { describeEmbedder } from "@/lib/embedding";
import { availableEmbedders } from "@/lib/embedding/available";
import { tenantModels } from "@/lib/embedding/tenant-embedder";
import { formatCount } from "@/lib/format";
import { jobView } from "@/lib/jobs/job-view";
import { jobLabel } from "@/lib/jobs/kinds";
import { modelsPath, searchPath, tenantPath } from "@/lib/paths";
import { tenantFromRoute } from "@/lib/tenant-route";

export const metadata: Metadata = { title: "Embedding models" };

async function ModelsPage({ params }: PageProps<"/projects/[projectId]/users/[userId]/models">) {
  const tenant = tenantFromRoute(await params);
  if (!tenant) notFound();
  const actor = await requireProject(tenant.projectId, "read", modelsPath(tenant));
  const canWrite = roleAllows(roleOn(actor.grants, tenant.projectId), "write");

  let loaded: Awaited<ReturnType<typeof load>>;
  try {
    loaded = await load(tenant);
  } catch (error) {
    console.error("[models] loading failed:", error);
    return <DatabaseError title="The embedding models could not be loaded" error={error} />;
  }
  const { exists, byModel, counts, models, jobs } = loaded;
  if (!exists) notFound();
  const known = byModel.reduce((sum, m) => sum + m.memories, 0);
  const unknown = Math.max(counts.embedded - known, 0);
  const now = new Date();
  const current = describeEmbedder(models.searchWith);

  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">
            Embedding models of <span className="font-mono">{tenant.userId}</span>
          </h1>
          <p className="text-sm muted">
            Which embedder wrote each vector. Searches embed the query with <span className="font-mono">{current}</span>
            .
          </p>
        </div>
        <div className="flex gap-2">
          <Link href={searchPath(tenant)} className="btn">
            Search
          </Link>
          <Link href={tenantPath(tenant)} className="btn">
            Back to the memories
          </Link>
        </div>
      </div>
      {models.warning && (
        <p
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          {models.warning}
        </p>
      )}
      <table className="w-full text-sm" aria-label="Vectors by model">
        <thead>
          <tr className="text-left muted">
            <th className="py-1 font-normal">Model</th>
            <th className="py-1 text-right font-normal">Vectors</th>
          </tr>
        </thead>
        <tbody>
          {byModel.map((m) => (
            <tr key={m.embedder} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-1 font-mono">{m.embedder}</td>
              <td className="py-1 text-right tabular-nums">{formatCount(m.memories)}</td>
            </tr>
          ))}
          {unknown > 0 && (
            <tr className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-1">
                Not recorded{" "}
                <span className="muted">(written outside the dashboard, imported, or before models were recorded)</span>
              </td>
              <td className="py-1 text-right tabular-nums">{formatCount(unknown)}</td>
            </tr>
          )}
          {counts.embedded === 0 && (
            <tr>
              <td colSpan={2} className="py-2 muted">
                No memory of this user has an embedding yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {canWrite && counts.embedded > 0 && (
        <div className="space-y-2">
          <h2 className="font-medium">Migrate to another model</h2>
          <p className="text-sm muted">
            Re-embeds every memory whose vector another model wrote, 50 at a time, as a background job. The previous
            vectors are kept in each memory&apos;s history, so the whole migration can be reverted.
          </p>
          <UserMigrationForm tenant={tenant} embedders={availableEmbedders().map(describeEmbedder)} current={current} />
        </div>
      )}
      <div className="space-y-2">
        <h2 className="font-medium">Jobs</h2>
        <JobList tenant={tenant} jobs={jobs.map((job) => jobView(job, jobLabel(job.kind), now))} />
      </div>
    </section>
  );
}

async function load(tenant: Tenant) {
  const [exists, byModel, counts, models, jobs] = await Promise.all([
    tenantExists(tenant),
    countByEmbedder(tenant),
    tenantCounts(tenant),
    tenantModels(tenant),
    listJobs(tenant.projectId, { userId: tenant.userId, limit: 20 }),
  ]);
  return { exists, byModel, counts, models, jobs };
}

export default withDatabaseErrors("The embedding models could not be loaded", ModelsPage);
