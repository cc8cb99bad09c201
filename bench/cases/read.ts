import { memoryFacets } from "@/db/queries/facets";
import { listMemories } from "@/db/queries/memory-list";
import { listProjects } from "@/db/queries/projects";
import { listProjectUsers } from "@/db/queries/users";
import { type CaseResult, count, type MeasureContext, measure, runSpec, TARGETS } from "../measure";
import { listQuery, NO_FILTERS, PAGE_SIZE, type TenantPlan } from "../plan";
import { specQueries } from "../sql/spec-queries";
import { measureSearchByMemory, measureSearchByText } from "./search";

/** The read cases: the overviews, and for one tenant its lists, filters, facets and searches. */

export async function measureOverview(ctx: MeasureContext, projectId: string): Promise<CaseResult[]> {
  const note = "not in the specification: the obvious GROUP BY on its indexes";
  return [
    await measure(ctx, {
      id: "projects",
      group: "overview",
      title: "Projects overview",
      tenant: null,
      detail: "all projects with users, memories, latest",
      target: TARGETS.list,
      ours: (db) => listProjects("all", db),
      spec: (s) => runSpec(s, specQueries.projects()),
      specNote: note,
    }),
    await measure(ctx, {
      id: "users",
      group: "overview",
      title: "Users overview",
      tenant: null,
      detail: `users of project "${projectId}"`,
      target: TARGETS.list,
      ours: (db) => listProjectUsers(projectId, db),
      spec: (s) => runSpec(s, specQueries.projectUsers(projectId)),
      specNote: note,
    }),
  ];
}

/** Lists, filters, facets and both searches for one tenant. */
export async function measureTenant(ctx: MeasureContext, plan: TenantPlan): Promise<CaseResult[]> {
  const { tenant, role } = plan;
  const results: CaseResult[] = [];
  const base = { tenant: role, target: TARGETS.list } as const;

  results.push(
    await measure(ctx, {
      ...base,
      id: "list-1",
      group: "list",
      title: "List, page 1",
      detail: `${count(plan.facts.rows)} memories, ${PAGE_SIZE} per page, newest first, with the capped total`,
      ours: (db) => listMemories(tenant, listQuery(NO_FILTERS), db),
      spec: (s) => runSpec(s, specQueries.list(tenant, { limit: PAGE_SIZE, offset: 0 })),
    }),
  );
  if (plan.numberDepth > 0) {
    const page = plan.numberDepth / PAGE_SIZE + 1;
    results.push(
      await measure(ctx, {
        ...base,
        id: "list-number",
        group: "list",
        title: `List, page ${page} by number`,
        detail: `OFFSET ${count(plan.numberDepth)} (page numbers stop at 10,000 rows)`,
        ours: (db) => listMemories(tenant, listQuery(NO_FILTERS, { page }), db),
        spec: (s) => runSpec(s, specQueries.list(tenant, { limit: PAGE_SIZE, offset: plan.numberDepth })),
      }),
    );
  }
  if (plan.cursor) {
    const page = plan.cursorDepth / PAGE_SIZE + 1;
    const cursor = plan.cursor;
    results.push(
      await measure(ctx, {
        ...base,
        id: "list-cursor",
        group: "list",
        title: `List, page ${page} by cursor`,
        detail: `${count(plan.cursorDepth)} rows deep; the specification's way: OFFSET ${count(plan.cursorDepth)}`,
        ours: (db) => listMemories(tenant, listQuery(NO_FILTERS, { cursor }), db),
        spec: (s) => runSpec(s, specQueries.list(tenant, { limit: PAGE_SIZE, offset: plan.cursorDepth })),
      }),
    );
  }
  for (const f of plan.filters) {
    results.push(
      await measure(ctx, {
        ...base,
        id: f.id,
        group: "filter",
        title: f.title,
        detail: `${f.detail}; page 1 with the capped total`,
        ours: (db) => listMemories(tenant, listQuery(f.ours), db),
        spec: (s) => runSpec(s, specQueries.list(tenant, { limit: PAGE_SIZE, offset: 0, filter: f.spec })),
      }),
    );
  }
  results.push(
    await measure(ctx, {
      ...base,
      id: "facets",
      group: "facets",
      title: "Facets (top tags and components)",
      detail: `over ${count(plan.facts.rows)} memories`,
      target: TARGETS.facets,
      ours: (db) => memoryFacets(tenant, NO_FILTERS, { limit: 20 }, db),
      spec: async (s) => {
        for (const q of specQueries.facets(tenant, 20)) await runSpec(s, q);
      },
    }),
  );
  // The browser shows facets beside every filtered list: under the broadest filter no index answers.
  const text = plan.filters.find((f) => f.id === "text");
  if (text) {
    results.push(
      await measure(ctx, {
        ...base,
        id: "facets-filtered",
        group: "facets",
        title: "Facets under text search",
        detail: `${text.detail}; top tags and components of the matches`,
        target: TARGETS.facets,
        ours: (db) => memoryFacets(tenant, text.ours, { limit: 20 }, db),
        spec: async (s) => {
          for (const q of specQueries.facets(tenant, 20, text.spec)) await runSpec(s, q);
        },
      }),
    );
  }
  results.push(await measureSearchByText(ctx, plan));
  results.push(await measureSearchByMemory(ctx, plan));
  return results;
}
