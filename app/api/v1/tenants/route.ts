import { invalid } from "@/db/app-error";
import { searchTenants } from "@/db/queries/tenants";
import { jsonRoute } from "@/lib/api/json-route";
import { projectsWith } from "@/lib/auth/access";
import { hasLoneSurrogate } from "@/lib/unicode";

/** `?q=` text in a project or user id: what the quick switcher offers. */
export const GET = jsonRoute(async (request, _params, actor) => {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  if (q.length > 255) throw invalid("q", "q is longer than 255 characters.");
  if (q.includes("\u0000") || hasLoneSurrogate(q))
    throw invalid("q", "q contains a character that cannot be searched for.");
  return { items: await searchTenants(q, projectsWith(actor.grants)) };
});
