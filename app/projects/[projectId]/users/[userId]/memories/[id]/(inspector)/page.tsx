import { ArrowLeft, ChevronLeft, ChevronRight, History } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmbeddingPanel } from "@/components/inspector/embedding-panel";
import { MemoryWorkspace } from "@/components/inspector/memory-workspace";
import { SearchResults } from "@/components/search/search-results";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { NO_FILTERS } from "@/db/filters";
import { memoryNeighbours } from "@/db/queries/memory-list";
import { getMemory } from "@/db/queries/memory-read";
import { searchNearest } from "@/db/queries/search";
import { requireProject } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/format";
import { parseLeavingOut } from "@/lib/memory-query/lenient";
import { parseMemoryListQuery } from "@/lib/memory-query/params";
import { memoryHistoryPath, memoryPath, similarPath, tenantPath } from "@/lib/paths";
import { rawDataFields } from "@/lib/raw-data";
import { memoryIdSchema } from "@/lib/tenant-params";
import { tenantFromRoute } from "@/lib/tenant-route";

type Props = PageProps<"/projects/[projectId]/users/[userId]/memories/[id]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Memory ${(await params).id}` };
}

async function InspectorPage({ params, searchParams }: Props) {
  const route = await params;
  const tenant = tenantFromRoute(route);
  const id = memoryIdSchema.safeParse(route.id);
  if (!tenant || !id.success) notFound();
  await requireProject(tenant.projectId, "read", memoryPath(tenant, id.data, await searchParams));

  // The list the user came from (its filters and sort), for previous/next and the way back.
  // A bad parameter of that list is left out: the rest of the list still leads previous and next.
  const { value: listQuery, params: search } = parseLeavingOut(await searchParams, parseMemoryListQuery);
  const listParams = search.toString();

  const load = async () => {
    const [memory, neighbours] = await Promise.all([
      getMemory(tenant, id.data),
      memoryNeighbours(tenant, listQuery, id.data),
    ]);
    // The five nearest memories of this one, by the search's own query, with the embedding already loaded.
    const nearest = memory?.embedding
      ? {
          metric: "l2" as const,
          ...(await searchNearest(tenant, {
            vector: memory.embedding,
            metric: "l2",
            k: 5,
            filters: NO_FILTERS,
            excludeId: memory.id,
          })),
        }
      : null;
    return { memory, neighbours, nearest };
  };
  let loaded: Awaited<ReturnType<typeof load>>;
  try {
    loaded = await load();
  } catch (error) {
    console.error("[inspector] loading failed:", error);
    return <DatabaseError title="The memory could not be loaded" error={error} />;
  }
  const { memory, neighbours, nearest } = loaded;
  if (!memory) notFound();

  const { tags, component } = rawDataFields(memory.rawData);
  const listHref = tenantPath(tenant, listParams);

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <Link href={listHref} className="btn btn-sm" aria-label="Back to the list">
            <ArrowLeft className="size-4" aria-hidden /> List
          </Link>
          <h1 className="text-xl font-semibold">Memory {memory.id}</h1>
          <Link href={memoryHistoryPath(tenant, memory.id)} className="btn btn-sm">
            <History className="size-4" aria-hidden /> History
          </Link>
        </div>
        <nav aria-label="Previous and next memory" className="flex gap-2">
          {neighbours.previous ? (
            <Link className="btn btn-sm" href={memoryPath(tenant, neighbours.previous, listParams)} rel="prev">
              <ChevronLeft className="size-4" aria-hidden /> Previous
            </Link>
          ) : (
            <span className="btn btn-sm opacity-50" aria-disabled="true">
              <ChevronLeft className="size-4" aria-hidden /> Previous
            </span>
          )}
          {neighbours.next ? (
            <Link className="btn btn-sm" href={memoryPath(tenant, neighbours.next, listParams)} rel="next">
              Next <ChevronRight className="size-4" aria-hidden />
            </Link>
          ) : (
            <span className="btn btn-sm opacity-50" aria-disabled="true">
              Next <ChevronRight className="size-4" aria-hidden />
            </span>
          )}
        </nav>
      </div>
      <div className="grid gap-4 *:min-w-0 lg:grid-cols-[1fr_20rem]">
        <MemoryWorkspace
          key={memory.version}
          tenant={tenant}
          id={memory.id}
          rawData={memory.rawData}
          version={memory.version}
          listHref={listHref}
          previousHref={neighbours.previous ? memoryPath(tenant, neighbours.previous, listParams) : null}
          nextHref={neighbours.next ? memoryPath(tenant, neighbours.next, listParams) : null}
        />
        <div className="space-y-4">
          <section aria-labelledby="details-title" className="card space-y-3 p-4">
            <h2 id="details-title" className="text-sm font-semibold">
              Details
            </h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              <dt className="muted">Tags</dt>
              <dd className="flex flex-wrap gap-1">
                {tags.length ? (
                  tags.map((t, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a tag may repeat; the list is read-only and never reordered
                    <span key={i} className="chip">
                      {t}
                    </span>
                  ))
                ) : (
                  <span className="muted">none</span>
                )}
              </dd>
              <dt className="muted">Component</dt>
              <dd className="font-mono">{component ?? <span className="font-sans muted">none</span>}</dd>
              <dt className="muted">Created</dt>
              <dd>{formatDateTime(memory.createdAt)}</dd>
              <dt className="muted">Updated</dt>
              <dd>{formatDateTime(memory.updatedAt)}</dd>
              <dt className="muted">Project</dt>
              <dd className="truncate font-mono">{tenant.projectId}</dd>
              <dt className="muted">User</dt>
              <dd className="truncate font-mono">{tenant.userId}</dd>
            </dl>
          </section>
          <EmbeddingPanel embedding={memory.embedding} />
        </div>
      </div>
      {nearest && (
        <section aria-labelledby="nearest-title" className="space-y-2">
          <div className="flex items-baseline justify-between">
            <h2 id="nearest-title" className="text-sm font-semibold">
              Nearest memories
            </h2>
            <Link href={similarPath(tenant, memory.id)} className="link text-sm">
              Find similar
            </Link>
          </div>
          {nearest.items.length ? (
            <SearchResults tenant={tenant} hits={nearest.items} metric={nearest.metric} compact />
          ) : (
            <p className="text-sm muted">No other memory of this user has an embedding.</p>
          )}
        </section>
      )}
    </section>
  );
}

export default withDatabaseErrors("The memory could not be loaded", InspectorPage);
