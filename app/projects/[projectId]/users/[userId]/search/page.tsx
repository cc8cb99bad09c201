import type { Metadata } from "next";
import Link from "next/link";
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
import { listJobs } from "@/db/queries/jobs";
import { listSavedSearches, type SavedSearch } from "@/db/queries/saved-searches";
import { tenantExists } from "@/db/queries/tenants";
import { requireProject } from "@/lib/auth/page-guard";
import { defaultEmbedder, describeEmbedder, EmbedderError, InvalidEmbeddingError } from "@/lib/embedding";
import { tenantModels } from "@/lib/embedding/tenant-embedder";
import { formatCount } from "@/lib/format";
import { isActive, type JobView, jobView } from "@/lib/jobs/job-view";
import { jobLabel } from "@/lib/jobs/kinds";
import { parseLeavingOut } from "@/lib/memory-query/lenient";
import { parseSearchQuery, SEARCH_PARAMS } from "@/lib/memory-query/search-params";
import { modelsPath, searchPath } from "@/lib/paths";
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
  let modelWarning: string | null;
  let modelLabel: string;
  let running: JobView[];
  try {
    const [exists, counts, named, models, jobs] = await Promise.all([
      tenantExists(tenant),
      missingEmbeddings(tenant),
      listSavedSearches(tenant.projectId),
      tenantModels(tenant).catch(() => null),
      listJobs(tenant.projectId, { userId: tenant.userId, limit: 5 }),
    ]);
    if (!exists) return notFound();
    missing = counts;
    saved = named;
    modelWarning = models?.warning ?? null;
    modelLabel = models ? describeEmbedder(models.searchWith) : embedderLabel();
    const now = new Date();
    running = jobs.filter((j) => isActive(j.state)).map((j) => jobView(j, jobLabel(j.kind), now));
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
      {modelWarning && (
        <div
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          <p>{modelWarning}</p>
          <Link href={modelsPath(tenant)} className="link">
            See the models and migrate
          </Link>
        </div>
      )}
      {running.map((job) => (
        // A link, not a live list: refreshing this page would run the search again every second.
        <p key={job.id} role="status" className="text-sm">
          {job.label}
          {job.subject ? ` to ${job.subject}` : ""} {job.state}: {formatCount(job.done)} of{" "}
          {job.total === null ? "…" : formatCount(job.total)}.{" "}
          <Link href={modelsPath(tenant)} className="link">
            Follow its progress
          </Link>
        </p>
      ))}
      <SavedSearches
        tenant={tenant}
        items={saved.map(({ id, userId, name, params }) => ({ id, userId, name, params }))}
      />
      <SearchDemo
        tenant={tenant}
        result={result}
        error={error}
        embedderLabel={modelLabel}
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
