import { notFound } from "@/db/app-error";
import { listProjectUsers } from "@/db/queries/users";
import { jsonRoute, projectFromParams } from "@/lib/api/json-route";

export const GET = jsonRoute<{ projectId: string }>(async (_request, params) => {
  const projectId = projectFromParams(params);
  const items = await listProjectUsers(projectId);
  if (items.length === 0) throw notFound(`Project ${projectId}`);
  return { items };
});
