import Link from "next/link";
import { projectsPath } from "@/lib/paths";

export default function Forbidden() {
  return (
    <div className="space-y-2 py-12 text-center">
      <h1 className="text-xl font-semibold">No access</h1>
      <p className="text-sm muted">
        Your account does not have the role this page needs. An admin of the project can grant it.
      </p>
      <Link href={projectsPath()} className="text-sm font-medium text-blue-700 hover:underline">
        Back to your projects
      </Link>
    </div>
  );
}
