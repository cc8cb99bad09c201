import Link from "next/link";
import { projectsPath } from "@/lib/paths";

export default function NotFound() {
  return (
    <div className="space-y-2 py-12 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-sm text-zinc-600">There is nothing at this address.</p>
      <Link href={projectsPath()} className="text-sm font-medium text-blue-700 hover:underline">
        Back to projects
      </Link>
    </div>
  );
}
