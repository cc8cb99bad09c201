"use client";

import { useParams } from "next/navigation";
import { IntentLink } from "@/components/ui/intent-link";
import { decodeSegment, projectPath, projectsPath, tenantPath } from "@/lib/paths";

// Long ids end in an ellipsis (the full id is the link's title); the memory id and the separators never shrink.
const segment = "min-w-[4ch] truncate";
const idLink = "block truncate py-0.5 font-mono text-zinc-800 hover:underline dark:text-zinc-200";

/** Project → user → memory, from the current route's parameters. */
export function Breadcrumb() {
  const params = useParams<{ projectId?: string; userId?: string; id?: string }>();
  // Route params are URL-encoded on the client; links re-encode them.
  const projectId = params.projectId ? decodeSegment(params.projectId) : null;
  const userId = params.userId ? decodeSegment(params.userId) : null;
  if (!projectId) return null;
  return (
    <nav aria-label="Breadcrumb" className="min-w-0 flex-1 text-sm">
      <ol className="flex min-w-0 items-center gap-1.5 whitespace-nowrap text-zinc-600 dark:text-zinc-400">
        <li className="hidden shrink-0 sm:block">
          <IntentLink href={projectsPath()} className="block py-0.5 hover:underline">
            Projects
          </IntentLink>
        </li>
        <li aria-hidden className="hidden shrink-0 sm:block">
          /
        </li>
        {/* The project gives way first: the user matters more on the pages below it. */}
        <li className={`${segment} ${userId ? "shrink-[2]" : ""}`}>
          <IntentLink
            href={projectPath(projectId)}
            className={idLink}
            title={projectId}
            aria-current={userId ? undefined : "page"}
          >
            {projectId}
          </IntentLink>
        </li>
        {userId && (
          <>
            <li aria-hidden className="shrink-0">
              /
            </li>
            <li className={segment}>
              <IntentLink
                href={tenantPath({ projectId, userId })}
                className={idLink}
                title={userId}
                aria-current={params.id ? undefined : "page"}
              >
                {userId}
              </IntentLink>
            </li>
          </>
        )}
        {params.id && (
          <>
            <li aria-hidden className="shrink-0">
              /
            </li>
            <li className="shrink-0 font-mono text-zinc-800 dark:text-zinc-200" aria-current="page">
              #{params.id}
            </li>
          </>
        )}
      </ol>
    </nav>
  );
}
