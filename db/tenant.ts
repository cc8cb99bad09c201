/** One end user of one project: every statement on memory_logs is scoped to exactly one. */
export type Tenant = { readonly projectId: string; readonly userId: string };
