import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ImportForm } from "@/components/import/import-form";
import { withDatabaseErrors } from "@/components/ui/database-error";
import { requireProject } from "@/lib/auth/page-guard";
import { importPath } from "@/lib/paths";
import { tenantFromRoute } from "@/lib/tenant-route";

export const metadata: Metadata = { title: "Import" };

async function ImportPage({ params }: PageProps<"/projects/[projectId]/users/[userId]/import">) {
  const tenant = tenantFromRoute(await params);
  if (!tenant) notFound();
  await requireProject(tenant.projectId, "admin", importPath(tenant));
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Import memories</h1>
        <p className="text-sm muted">
          Into <span className="font-mono">{tenant.userId}</span> of{" "}
          <span className="font-mono">{tenant.projectId}</span>, keeping their timestamps.
        </p>
      </div>
      <ImportForm tenant={tenant} />
    </section>
  );
}

export default withDatabaseErrors("The import could not be loaded", ImportPage);
