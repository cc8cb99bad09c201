import { randomBytes } from "node:crypto";
import { tenantUrl } from "./app";

export type OwnTenant = { projectId: string; userId: string; url: string };

/** A project and user no other test (or the demo data) uses; it exists once a memory is created in it. */
export function ownTenant(label: string): OwnTenant {
  const suffix = randomBytes(4).toString("hex");
  const tenant = { projectId: `e2e-${label}-${suffix}`, userId: `user-${suffix}` };
  return { ...tenant, url: tenantUrl(tenant.projectId, tenant.userId) };
}
