import type { Tenant } from "@/db/tenant";
import { decodeSegment } from "./paths";
import { memoryIdSchema, tenantSchema } from "./tenant-params";

/** The tenant of a page route (percent-encoded segments), or null when the ids are not valid. */
export function tenantFromRoute(params: { projectId: string; userId: string }): Tenant | null {
  const parsed = tenantSchema.safeParse({
    projectId: decodeSegment(params.projectId),
    userId: decodeSegment(params.userId),
  });
  return parsed.success ? parsed.data : null;
}

const MEMORY_PAGE = /^\/projects\/([^/]+)\/users\/([^/]+)\/memories\/([^/]+)\/?$/;

/** The tenant and id of an inspector address (`/projects/…/users/…/memories/{id}`), or null for any other path. */
export function memoryRouteOf(pathname: string): { tenant: Tenant; id: number } | null {
  const match = MEMORY_PAGE.exec(pathname);
  if (!match) return null;
  const tenant = tenantFromRoute({ projectId: match[1]!, userId: match[2]! });
  const id = memoryIdSchema.safeParse(match[3]);
  return tenant && id.success ? { tenant, id: id.data } : null;
}
