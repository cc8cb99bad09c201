import type { Tenant } from "@/db/tenant";
import { decodeSegment } from "./paths";
import { tenantSchema } from "./tenant-params";

/** The tenant of a page route (percent-encoded segments), or null when the ids are not valid. */
export function tenantFromRoute(params: { projectId: string; userId: string }): Tenant | null {
  const parsed = tenantSchema.safeParse({
    projectId: decodeSegment(params.projectId),
    userId: decodeSegment(params.userId),
  });
  return parsed.success ? parsed.data : null;
}
