import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TrashTable } from "@/components/trash/trash-table";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { EmptyState } from "@/components/ui/empty-state";
import { tenantHasAudit } from "@/db/queries/audit";
import { tenantExists } from "@/db/queries/tenants";
import { listTrash } from "@/db/queries/trash";
import { requireProject } from "@/lib/auth/page-guard";
import { readDeleteReason } from "@/lib/delete-reason";
import { formatCount } from "@/lib/format";
import { tenantPath, trashPath } from "@/lib/paths";
import { trashRetentionDays } from "@/lib/retention";
import { tenantFromRoute } from "@/lib/tenant-route";

export const metadata: Metadata = { title: "Trash" };

async function TrashPage({ params }: PageProps<"/projects/[projectId]/users/[userId]/trash">) {
  const tenant = tenantFromRoute(await params);
  if (!tenant) notFound();
  await requireProject(tenant.projectId, "admin", trashPath(tenant));

  let loaded: { trash: Awaited<ReturnType<typeof listTrash>>; exists: boolean };
  try {
    const [trash, exists] = await Promise.all([listTrash(tenant), tenantExists(tenant)]);
    // Emptied by a purge: the page stays, with its empty state.
    loaded = { trash, exists: exists || trash.total > 0 || (await tenantHasAudit(tenant)) };
  } catch (error) {
    console.error("[trash] loading failed:", error);
    return <DatabaseError title="The trash could not be loaded" error={error} />;
  }
  const { trash, exists } = loaded;
  // A user whose memories were all deleted still has a trash, and after a purge its empty state.
  if (!exists) notFound();

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">
            Trash of <span className="font-mono">{tenant.userId}</span>
          </h1>
          <p className="text-sm muted">
            {formatCount(trash.total)} deleted {trash.total === 1 ? "memory" : "memories"}. Restoring puts back the same
            id and every column as it was. Deleted memories are purged for good after {trashRetentionDays()} days.
          </p>
        </div>
        <Link href={tenantPath(tenant)} className="btn">
          Back to the memories
        </Link>
      </div>
      {trash.total === 0 ? (
        <EmptyState title="The trash is empty">
          Memories you delete land here, and can be restored from here.
        </EmptyState>
      ) : (
        <TrashTable
          tenant={tenant}
          total={trash.total}
          entries={trash.items.map((e) => ({ ...e, why: readDeleteReason(e.reason) }))}
        />
      )}
      {trash.total > trash.items.length && (
        <p className="text-sm muted">Showing the {formatCount(trash.items.length)} most recently deleted.</p>
      )}
    </section>
  );
}

export default withDatabaseErrors("The trash could not be loaded", TrashPage);
