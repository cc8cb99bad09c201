import { listProjects } from "@/db/queries/projects";
import { jsonRoute } from "@/lib/api/json-route";
import { projectsWith } from "@/lib/auth/access";

/** The projects the caller was granted, with their sizes. */
export const GET = jsonRoute(async (_request, _params, actor) => ({
  items: await listProjects(projectsWith(actor.grants)),
}));
