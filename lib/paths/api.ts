import type { Tenant } from "@/db/tenant";
import { projectPath, tenantPath } from "./pages";
import { type Query, withQuery } from "./query";
import { idSegment } from "./segments";

const API = "/api/v1";

/** Whether a request path is the JSON API's (or the health check's) rather than a page's. */
export const isApiPath = (path: string) => path.startsWith("/api/");

/** The projects the caller may read. */
export const apiProjectsPath = () => `${API}/projects`;

/** The users of a project. */
export const apiProjectUsersPath = (projectId: string) => `${API}${projectPath(projectId)}/users`;

/** Projects and users whose id contains `q`. */
export const apiTenantsPath = (q: string) => withQuery(`${API}/tenants`, { q });

/** The root of one user's routes. */
export const apiTenantPath = (tenant: Tenant) => `${API}${tenantPath(tenant)}`;

/** The user's memories, listed with `query` (filters, sort, cursor). */
export const apiMemoriesPath = (tenant: Tenant, query?: Query) => withQuery(`${apiTenantPath(tenant)}/memories`, query);

export const apiMemoryPath = (tenant: Tenant, id: number) =>
  `${apiTenantPath(tenant)}/memories/${idSegment(String(id))}`;

export const apiSearchPath = (tenant: Tenant, query?: Query) => withQuery(`${apiTenantPath(tenant)}/search`, query);
export const apiFacetsPath = (tenant: Tenant, query?: Query) => withQuery(`${apiTenantPath(tenant)}/facets`, query);
export const apiExportPath = (tenant: Tenant, query?: Query) => withQuery(`${apiTenantPath(tenant)}/export`, query);
/** Tags, components or JSON paths of the user that start with a prefix (the filter bar's autocomplete). */
export const apiSuggestionsPath = (tenant: Tenant, query: { field: string; prefix: string }) =>
  withQuery(`${apiTenantPath(tenant)}/suggestions`, query);
