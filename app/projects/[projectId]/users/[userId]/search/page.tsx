import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FilterBar } from "@/components/memory-table/filter-bar";
import { EmbedMissing } from "@/components/search/embed-missing";
import { SavedSearches } from "@/components/search/saved-searches";
import { SearchDemo } from "@/components/search/search-demo";
import { BadParamsBanner } from "@/components/ui/bad-params-banner";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { AppError } from "@/db/app-error";
import { describeDatabaseError } from "@/db/errors";
import { isUnfiltered, SEARCH_FILTER_INPUTS } from "@/db/filters";
import { missingEmbeddings } from "@/db/queries/embeddings";
import { listSavedSearches, type SavedSearch } from "@/db/queries/saved-searches";
import { tenantExists } from "@/db/queries/tenants";
import { requireProject } from "@/lib/auth/page-guard";
import { defaultEmbedder, describeEmbedder, EmbedderError, InvalidEmbeddingError } from "@/lib/embedding";
import { parseLeavingOut } from "@/lib/memory-query/lenient";
import { parseSearchQuery, SEARCH_PARAMS } from "@/lib/memory-query/search-params";
import { searchPath } from "@/lib/paths";
import { runSearch, type SearchResponse } from "@/lib/search";
import { tenantFromRoute } from "@/lib/tenant-route";

type Props = PageProps<"/projects/[projectId]/users/[userId]/search">;

export const metadata: Metadata = { title: "Search" };

async function SearchPage({ params, searchParams }: Props) {
  const tenant = tenantFromRoute(await params);
  if (!tenant) notFound();
  await requireProject(tenant.projectId, "read", searchPath(tenant, await searchParams));
  // A bad parameter is left out and named above the search, which runs with the rest of the link.
  const parsed = parseLeavingOut(await searchParams, parseSearchQuery);
  const search = parsed.params;

  let missing: Awaited<ReturnType<typeof missingEmbeddings>>;
  let saved: SavedSearch[];
  try {
    const [exists, counts, named] = await Promise.all([
      tenantExists(tenant),
      missingEmbeddings(tenant),
      listSavedSearches(tenant.projectId),
    ]);
    if (!exists) return notFound();
    missing = counts;
    saved = named;
  } catch (error) {
    console.error("[search] loading failed:", error);
    return <DatabaseError title="The search could not be loaded" error={error} />;
  }

  let result: SearchResponse | null = null;
  let error: string | null = null;
  let filtered = false;
  try {
    const query = parsed.value;
    filtered = !isUnfiltered(query.filters);
    if (query.target)
      result = await runSearch(tenant, { ...query, target: query.target }, { explain: true, distribution: true });
  } catch (e) {
    if (e instanceof AppError || e instanceof EmbedderError || e instanceof InvalidEmbeddingError) error = e.message;
    else {
      console.error("[search] failed:", e);
      error = describeDatabaseError(e);
    }
  }

  return (
    <section className="mx-auto max-w-6xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold">
          Search the memories of <span className="font-mono">{tenant.userId}</span>
        </h1>
        <p className="text-sm muted">Nearest memories by embedding, within this user only.</p>
      </div>
      <BadParamsBanner problems={parsed.problems} href={searchPath(tenant, search.toString())} />
      <EmbedMissing tenant={tenant} missing={missing.missing} embeddable={missing.embeddable} />
      <SavedSearches
        tenant={tenant}
        items={saved.map(({ id, userId, name, params }) => ({ id, userId, name, params }))}
      />
      <SearchDemo
        tenant={tenant}
        result={result}
        error={error}
        embedderLabel={embedderLabel()}
        filters={<FilterBar inputs={SEARCH_FILTER_INPUTS} filtered={filtered} keep={SEARCH_PARAMS} tenant={tenant} />}
      />
    </section>
  );
}

function embedderLabel(): string {
  try {
    return describeEmbedder(defaultEmbedder());
  } catch (error) {
    return `a misconfigured embedder (${error instanceof Error ? error.message : "unknown error"})`;
  }
}

export default withDatabaseErrors("The search could not be loaded", SearchPage);
