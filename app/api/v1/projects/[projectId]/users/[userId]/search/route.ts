import { invalid, notFound } from "@/db/app-error";
import { tenantExists } from "@/db/queries/tenants";
import { jsonRoute, tenantFromParams } from "@/lib/api/json-route";
import { parseSearchQuery } from "@/lib/memory-query/search-params";
import { runSearch } from "@/lib/search";

export const GET = jsonRoute<{ projectId: string; userId: string }>(async (request, params) => {
  const tenant = tenantFromParams(params);
  const query = parseSearchQuery(new URL(request.url).searchParams);
  if (!query.target) throw invalid("q", "Give q (a text to search for) or similar (the id of a memory).");
  if (!(await tenantExists(tenant))) throw notFound(`User ${tenant.userId} of project ${tenant.projectId}`);
  return runSearch(tenant, { ...query, target: query.target });
});
