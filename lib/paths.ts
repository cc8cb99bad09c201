import type { Tenant } from "@/db/tenant";

/** Links to the dashboard's pages; ids are URL-encoded so any project_id or user_id round-trips. */
export const projectPath = (projectId: string) => `/projects/${encodeURIComponent(projectId)}`;
export const tenantPath = (tenant: Tenant) => `${projectPath(tenant.projectId)}/users/${encodeURIComponent(tenant.userId)}`;
export const memoryPath = (tenant: Tenant, id: number) => `${tenantPath(tenant)}/memories/${id}`;

/** Page route segments arrive percent-encoded; null when the encoding is broken (the page is then not found). */
export function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
