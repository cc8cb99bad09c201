import { notFound } from "@/db/app-error";
import { listMemories } from "@/db/queries/memory-list";
import { tenantExists } from "@/db/queries/tenants";
import { jsonRoute, tenantFromParams } from "@/lib/api/json-route";
import { parseMemoryListQuery } from "@/lib/memory-query/params";

export const GET = jsonRoute<{ projectId: string; userId: string }>(async (request, params) => {
  const tenant = tenantFromParams(params);
  const query = parseMemoryListQuery(new URL(request.url).searchParams);
  const page = await listMemories(tenant, query);
  // A user exists through its memories: only an empty page needs to ask.
  if (page.items.length === 0 && !(await tenantExists(tenant)))
    throw notFound(`User ${tenant.userId} of project ${tenant.projectId}`);
  return page;
});
