"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { decodeSegment, projectPath, projectsPath, tenantPath } from "@/lib/paths";

/** Project → user → memory, from the current route's parameters. */
export function Breadcrumb() {
  const params = useParams<{ projectId?: string; userId?: string; id?: string }>();
  // Route params are URL-encoded on the client; links re-encode them.
  const projectId = params.projectId ? decodeSegment(params.projectId) : null;
  const userId = params.userId ? decodeSegment(params.userId) : null;
  if (!projectId) return null;
  return (
    <nav aria-label="Breadcrumb" className="min-w-0 text-sm">
      <ol className="flex min-w-0 items-center gap-1.5 text-zinc-500">
        <li className="hidden sm:block">
          <Link href={projectsPath()} className="hover:underline">
            Projects
          </Link>
        </li>
        <li aria-hidden className="hidden sm:block">
          /
        </li>
        <li className="min-w-0 truncate">
          <Link
            href={projectPath(projectId)}
            className="font-mono text-zinc-800 hover:underline dark:text-zinc-200"
            aria-current={userId ? undefined : "page"}
          >
            {projectId}
          </Link>
        </li>
        {userId && (
          <>
            <li aria-hidden>/</li>
            <li className="min-w-0 truncate">
              <Link
                href={tenantPath({ projectId, userId })}
                className="font-mono text-zinc-800 hover:underline dark:text-zinc-200"
                aria-current={params.id ? undefined : "page"}
              >
                {userId}
              </Link>
            </li>
          </>
        )}
        {params.id && (
          <>
            <li aria-hidden>/</li>
            <li className="font-mono text-zinc-800 dark:text-zinc-200" aria-current="page">
              #{params.id}
            </li>
          </>
        )}
      </ol>
    </nav>
  );
}
