import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { memoryHistoryPath, projectsPath, tenantPath, trashPath } from "@/lib/paths";
import { trashedMemoryOfRequest } from "@/lib/trashed-memory";

export default async function NotFound() {
  const trashed = await trashedMemoryOfRequest();
  if (trashed) {
    return (
      <div className="space-y-2 py-12 text-center">
        <h1 className="text-xl font-semibold">Memory {trashed.id} is in the trash</h1>
        <p className="text-sm muted">This memory was moved to the trash on {formatDateTime(trashed.deletedAt)}.</p>
        {trashed.canOpenTrash ? (
          <Link href={trashPath(trashed.tenant)} className="link text-sm">
            Open the trash of {trashed.tenant.userId}
          </Link>
        ) : (
          <p className="text-sm muted">An admin of the project can restore it from the trash.</p>
        )}
        <p>
          <Link href={memoryHistoryPath(trashed.tenant, trashed.id)} className="link text-sm">
            See its history
          </Link>
        </p>
        <p>
          <Link href={tenantPath(trashed.tenant)} className="link text-sm">
            Back to the memories of {trashed.tenant.userId}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-2 py-12 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-sm muted">There is nothing at this address.</p>
      <Link href={projectsPath()} className="text-sm font-medium text-blue-700 hover:underline">
        Back to projects
      </Link>
    </div>
  );
}
