import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompareForm } from "@/components/search/compare-form";
import { type CompareColumn, CompareResults } from "@/components/search/compare-results";
import { BadParamsBanner } from "@/components/ui/bad-params-banner";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { AppError } from "@/db/app-error";
import { describeDatabaseError } from "@/db/errors";
import { tenantExists } from "@/db/queries/tenants";
import type { Tenant } from "@/db/tenant";
import { requireProject } from "@/lib/auth/page-guard";
import { EmbedderError, InvalidEmbeddingError } from "@/lib/embedding";
import { type LenientParse, parseLeavingOut } from "@/lib/memory-query/lenient";
import { parseSearchQuery, type SearchQuery } from "@/lib/memory-query/search-params";
import { compareSearchPath, searchPath } from "@/lib/paths";
import { runSearch } from "@/lib/search";
import { COMPARE_SIDES, comparisonSides } from "@/lib/search-compare";
import { tenantFromRoute } from "@/lib/tenant-route";

type Props = PageProps<"/projects/[projectId]/users/[userId]/search/compare">;

export const metadata: Metadata = { title: "Compare searches" };

async function ComparePage({ params, searchParams }: Props) {
  const tenant = tenantFromRoute(await params);
  if (!tenant) notFound();
  const query = await searchParams;
  const sides = comparisonSides(query);
  await requireProject(tenant.projectId, "read", compareSearchPath(tenant, sides.a, sides.b));
  // Each side is read as the search page reads its link: a bad parameter is left out and named.
  const parsed = { a: parseLeavingOut(sides.a, parseSearchQuery), b: parseLeavingOut(sides.b, parseSearchQuery) };

  try {
    if (!(await tenantExists(tenant))) return notFound();
  } catch (error) {
    console.error("[compare] loading failed:", error);
    return <DatabaseError title="The comparison could not be loaded" error={error} />;
  }
  // One after the other: the embedded database has one connection, and the two share the embedder.
  const columns: CompareColumn[] = [];
  for (const side of COMPARE_SIDES) columns.push(await runSide(tenant, side, parsed[side]));
  const problems = COMPARE_SIDES.flatMap((side) =>
    parsed[side].problems.map((p) => ({ param: `${p.param} of search ${side.toUpperCase()}`, message: p.message })),
  );

  return (
    <section className="mx-auto max-w-7xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold">
            Compare two searches of <span className="font-mono">{tenant.userId}</span>
          </h1>
          <p className="text-sm muted">
            Two queries, or one query under two modes or metrics, side by side: results both share are marked, with how
            far they moved. The address holds both.
          </p>
        </div>
        <Link href={searchPath(tenant, parsed.a.params)} className="link text-sm">
          Back to the search
        </Link>
      </div>
      <BadParamsBanner problems={problems} href={compareSearchPath(tenant, parsed.a.params, parsed.b.params)} />
      {/* Keyed by both searches: a new link (back, forward) starts the fields again from it. */}
      <CompareForm
        key={`${parsed.a.params}\u0000${parsed.b.params}`}
        tenant={tenant}
        a={parsed.a.params.toString()}
        b={parsed.b.params.toString()}
      />
      <CompareResults tenant={tenant} columns={columns} />
    </section>
  );
}

async function runSide(
  tenant: Tenant,
  side: (typeof COMPARE_SIDES)[number],
  parsed: LenientParse<SearchQuery>,
): Promise<CompareColumn> {
  const query = parsed.value;
  const base = { side, query, link: searchPath(tenant, parsed.params) };
  if (!query.target) return { ...base, result: null, error: null };
  try {
    return { ...base, result: await runSearch(tenant, { ...query, target: query.target }), error: null };
  } catch (e) {
    if (e instanceof AppError || e instanceof EmbedderError || e instanceof InvalidEmbeddingError)
      return { ...base, result: null, error: e.message };
    console.error("[compare] search failed:", e);
    return { ...base, result: null, error: describeDatabaseError(e) };
  }
}

export default withDatabaseErrors("The comparison could not be loaded", ComparePage);
