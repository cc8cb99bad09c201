import { Cpu, Plus, Search, Trash2 } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExportMenu } from "@/components/memory-table/export-menu";
import { FacetsPanel } from "@/components/memory-table/facets-panel";
import { FilterBar } from "@/components/memory-table/filter-bar";
import { MemoryTable } from "@/components/memory-table/memory-table";
import { Pagination } from "@/components/memory-table/pagination";
import { BadParamsBanner } from "@/components/ui/bad-params-banner";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";
import { FILTER_INPUTS, isUnfiltered } from "@/db/filters";
import { type Facets, memoryFacets } from "@/db/queries/facets";
import { listMemories, type MemoryPage } from "@/db/queries/memory-list";
import { tenantExists } from "@/db/queries/tenants";
import { roleAllows, roleOn } from "@/lib/auth/access";
import { requireProject } from "@/lib/auth/page-guard";
import { formatCount } from "@/lib/format";
import { parseLeavingOut } from "@/lib/memory-query/lenient";
import { parseMemoryListQuery } from "@/lib/memory-query/params";
import { modelsPath, newMemoryPath, searchPath, tenantPath, trashPath } from "@/lib/paths";
import { tenantFromRoute } from "@/lib/tenant-route";

type Props = PageProps<"/projects/[projectId]/users/[userId]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tenant = tenantFromRoute(await params);
  return { title: tenant ? `${tenant.userId} · ${tenant.projectId}` : "Not found" };
}

async function MemoryBrowserPage({ params, searchParams }: Props) {
  const tenant = tenantFromRoute(await params);
  if (!tenant) notFound();
  const actor = await requireProject(tenant.projectId, "read", tenantPath(tenant, await searchParams));
  const role = roleOn(actor.grants, tenant.projectId);
  // A bad parameter is left out and named above the page, which shows the rest of the link.
  const { value: query, problems, params: search } = parseLeavingOut(await searchParams, parseMemoryListQuery);

  let data: { exists: boolean; page: MemoryPage; facets: Facets };
  try {
    const [page, facets] = await Promise.all([listMemories(tenant, query), memoryFacets(tenant, query.filters)]);
    // A user exists through its memories: only an empty page needs to ask.
    data = { exists: page.items.length > 0 || (await tenantExists(tenant)), page, facets };
  } catch (error) {
    console.error("[memories] listing failed:", error);
    return <DatabaseError title="The memories could not be loaded" error={error} />;
  }
  if (!data.exists) notFound();
  const { page, facets } = data;
  const filtered = !isUnfiltered(query.filters);

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold break-words">
            Memories of <span className="font-mono">{tenant.userId}</span>
          </h1>
          <p className="text-sm muted">
            {page.total.exact ? formatCount(page.total.value) : `At least ${formatCount(page.total.value)}`}{" "}
            {filtered ? "matching" : ""} {page.total.value === 1 ? "memory" : "memories"} in{" "}
            <span className="font-mono">{tenant.projectId}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <ExportMenu tenant={tenant} params={search} filtered={filtered} canImport={roleAllows(role, "admin")} />
          {roleAllows(role, "admin") && (
            <IntentLink href={trashPath(tenant)} className="btn">
              <Trash2 className="size-4" aria-hidden /> Trash
            </IntentLink>
          )}
          <IntentLink href={searchPath(tenant)} className="btn">
            <Search className="size-4" aria-hidden /> Search by meaning
          </IntentLink>
          <IntentLink href={modelsPath(tenant)} className="btn">
            <Cpu className="size-4" aria-hidden /> Models
          </IntentLink>
          {roleAllows(role, "write") && (
            <IntentLink href={newMemoryPath(tenant)} className="btn btn-primary">
              <Plus className="size-4" aria-hidden /> New memory
            </IntentLink>
          )}
        </div>
      </div>
      <BadParamsBanner problems={problems} href={tenantPath(tenant, search.toString())} />
      <FilterBar inputs={FILTER_INPUTS} filtered={filtered} tenant={tenant} />
      <div className="grid gap-4 *:min-w-0 lg:grid-cols-[1fr_12rem]">
        <div className="min-w-0 space-y-3">
          {page.items.length === 0 ? (
            <EmptyState title={filtered ? "No memory matches these filters" : "No memories on this page"}>
              {filtered ? (
                <IntentLink href={tenantPath(tenant)} className="link">
                  Clear the filters
                </IntentLink>
              ) : (
                <IntentLink href={tenantPath(tenant)} className="link">
                  Back to the first page
                </IntentLink>
              )}
            </EmptyState>
          ) : (
            <MemoryTable
              key={search.toString()}
              tenant={tenant}
              items={page.items}
              total={page.total}
              sort={query.sort}
              order={query.order}
              queryString={search.toString()}
            />
          )}
          <Pagination
            query={query}
            total={page.total}
            nextCursor={page.nextCursor}
            shown={page.items.length}
            params={search}
          />
        </div>
        <FacetsPanel facets={facets} params={search} />
      </div>
    </section>
  );
}

export default withDatabaseErrors("The memories could not be loaded", MemoryBrowserPage);
