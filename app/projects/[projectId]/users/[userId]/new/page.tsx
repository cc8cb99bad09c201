import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NewMemoryForm } from "@/components/memory-form/new-memory-form";
import { withDatabaseErrors } from "@/components/ui/database-error";
import { requireProject } from "@/lib/auth/page-guard";
import { newMemoryPath } from "@/lib/paths";
import { tenantFromRoute } from "@/lib/tenant-route";

export const metadata: Metadata = { title: "New memory" };

async function NewMemoryPage({ params }: PageProps<"/projects/[projectId]/users/[userId]/new">) {
  const tenant = tenantFromRoute(await params);
  if (!tenant) notFound();
  await requireProject(tenant.projectId, "write", newMemoryPath(tenant));
  return (
    <section className="mx-auto max-w-4xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold">New memory</h1>
        <p className="text-sm muted">
          For <span className="font-mono">{tenant.userId}</span> in{" "}
          <span className="font-mono">{tenant.projectId}</span>. Any JSON object; its <code>content</code> is embedded
          with the configured embedder.
        </p>
      </div>
      <NewMemoryForm tenant={tenant} />
    </section>
  );
}

export default withDatabaseErrors("The new memory form could not be loaded", NewMemoryPage);
