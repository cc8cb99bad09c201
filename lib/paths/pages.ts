import type { SearchMetric } from "@/db/queries/search";
import type { Tenant } from "@/db/tenant";
import { type Query, withQuery } from "./query";
import { idSegment } from "./segments";

/** The projects, the home page. */
export const projectsPath = (query?: Query) => withQuery("/", query);

/** A project's users. */
export const projectPath = (projectId: string, query?: Query) => withQuery(`/projects/${idSegment(projectId)}`, query);

const tenantBase = (tenant: Tenant) => `/projects/${idSegment(tenant.projectId)}/users/${idSegment(tenant.userId)}`;

/** A user's memory browser; `query` holds the list's filters, sort and page. */
export const tenantPath = (tenant: Tenant, query?: Query) => withQuery(tenantBase(tenant), query);

/** The inspector of one memory; `query` is the list it was opened from (for previous, next and the way back). */
export const memoryPath = (tenant: Tenant, id: number, query?: Query) =>
  withQuery(`${tenantBase(tenant)}/memories/${idSegment(String(id))}`, query);

/** A memory's history; `query` may name the two versions compared (from, to). */
export const memoryHistoryPath = (tenant: Tenant, id: number, query?: Query) =>
  withQuery(`${tenantBase(tenant)}/memories/${idSegment(String(id))}/history`, query);

export const newMemoryPath = (tenant: Tenant) => `${tenantBase(tenant)}/new`;
export const importPath = (tenant: Tenant) => `${tenantBase(tenant)}/import`;
export const trashPath = (tenant: Tenant) => `${tenantBase(tenant)}/trash`;
/** The user's embedding models, their migration and its jobs. */
export const modelsPath = (tenant: Tenant) => `${tenantBase(tenant)}/models`;

/** The similarity search; `query` holds its parameters (q or similar, k, metric, threshold) and the list filters. */
export const searchPath = (tenant: Tenant, query?: Query) => withQuery(`${tenantBase(tenant)}/search`, query);

/** Two searches side by side; `a` and `b` are each a search's parameters, as its own link holds them. */
export const compareSearchPath = (tenant: Tenant, a: URLSearchParams | string, b: URLSearchParams | string) =>
  withQuery(`${tenantBase(tenant)}/search/compare`, { a: a.toString(), b: b.toString() });

/** The search for the memories nearest to memory `id`. */
export const similarPath = (tenant: Tenant, id: number, metric?: SearchMetric) =>
  searchPath(tenant, { similar: id, metric });

/** The audit log's filters, as its form names them. */
export type AuditFilters = { project?: string; user?: string; action?: string; from?: string; to?: string };

/** The audit log, filtered. */
export const auditPath = (filters?: AuditFilters | Query) => withQuery("/audit", filters);

/** Who may do what in which project. */
export const accessPath = () => "/admin/access";

/** The signed-in user's API tokens. */
export const tokensPath = () => "/account/tokens";

const SIGN_IN = "/sign-in";

/** The sign-in page, leading to `next` (a path of this app) once signed in. */
export const signInPath = (next?: string) =>
  next === undefined ? SIGN_IN : `${SIGN_IN}?next=${encodeURIComponent(next)}`;

/** Whether `path` is the sign-in page itself (with or without a query). */
export const isSignInPath = (path: string) => path.startsWith(SIGN_IN);
