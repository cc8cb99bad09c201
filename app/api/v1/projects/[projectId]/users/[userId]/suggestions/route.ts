import { notFound } from "@/db/app-error";
import { suggestions } from "@/db/queries/suggestions";
import { tenantExists } from "@/db/queries/tenants";
import { jsonRoute, tenantFromParams } from "@/lib/api/json-route";
import { parseSuggestionQuery } from "@/lib/memory-query/suggestions";

export const GET = jsonRoute<{ projectId: string; userId: string }>(async (request, params) => {
  const tenant = tenantFromParams(params);
  const { field, prefix } = parseSuggestionQuery(new URL(request.url).searchParams);
  if (!(await tenantExists(tenant))) throw notFound(`User ${tenant.userId} of project ${tenant.projectId}`);
  return suggestions(tenant, field, prefix);
});
