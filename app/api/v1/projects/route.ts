import { listProjects } from "@/db/queries/projects";
import { jsonRoute } from "@/lib/api/json-route";

export const GET = jsonRoute(async () => ({ items: await listProjects() }));
