import { notFound } from "@/db/app-error";
import { memoryFacets } from "@/db/queries/facets";
import { tenantExists } from "@/db/queries/tenants";
import { jsonRoute, tenantFromParams } from "@/lib/api/json-route";
import { parseMemoryFilters } from "@/lib/memory-query/params";

export const GET = jsonRoute<{ projectId: string; userId: string }>(async (request, params) => {
  const tenant = tenantFromParams(params);
  const filters = parseMemoryFilters(new URL(request.url).searchParams);
  if (!(await tenantExists(tenant))) throw notFound(`User ${tenant.userId} of project ${tenant.projectId}`);
  return memoryFacets(tenant, filters);
});
