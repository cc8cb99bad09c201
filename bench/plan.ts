import type { Database } from "@/db/connect";
import { type Cursor, decodeCursor } from "@/db/cursor";
import { type MemoryFilters, NO_FILTERS } from "@/db/filters";
import { timestampText } from "@/db/filters/sql";
import type { MemoryListQuery } from "@/db/list-query";
import { memoryFacets } from "@/db/queries/facets";
import { countMatching } from "@/db/queries/memory-count";
import { listMemories } from "@/db/queries/memory-list";
import type { Tenant } from "@/db/tenant";
import type { TenantRole } from "./layout";
import { count, type MeasureContext } from "./measure";
import { sampleContents, sampleEmbeddedIds, type TenantFacts, tenantFacts } from "./sql/probe";
import type { SpecFilter } from "./sql/spec-queries";

export { NO_FILTERS } from "@/db/filters";
export const PAGE_SIZE = 50;
/** The depth of page 200, the deepest a page number reaches (lib/memory-query/params.ts MAX_OFFSET), and of page 500. */
const NUMBER_DEPTH = 199 * PAGE_SIZE;
const CURSOR_DEPTH = 499 * PAGE_SIZE;

/** The memory list as the app asks for it by default: newest first, 50 per page. */
export const listQuery = (filters: MemoryFilters, extra: Partial<MemoryListQuery> = {}): MemoryListQuery => ({
  filters,
  sort: "created_at",
  order: "desc",
  limit: PAGE_SIZE,
  page: 1,
  ...extra,
});

export type FilterCase = {
  id: string;
  title: string;
  detail: string;
  ours: MemoryFilters;
  spec: SpecFilter;
  matches: number;
};

export type TenantPlan = {
  role: TenantRole;
  tenant: Tenant;
  facts: TenantFacts;
  filters: FilterCase[];
  numberDepth: number;
  cursorDepth: number;
  cursor: Cursor | undefined;
  queryTexts: string[];
  queryIds: number[];
};

/**
 * Picks, from the tenant's own data, the values its cases use: a mid-ranked tag and component
 * from its facets, a word of its texts, a month in the middle of its history; query texts and
 * memories in an order fixed by the seed; and the cursor of page 500 (walked with the app's own
 * cursor pages).
 */
export async function planTenant(ctx: MeasureContext, role: TenantRole, tenant: Tenant): Promise<TenantPlan> {
  const { conn } = ctx;
  const db = conn.db;
  const facts = await tenantFacts(conn, tenant);
  const facets = await memoryFacets(tenant, NO_FILTERS, { limit: 20 }, db);
  const midTag = facets.tags[Math.floor(facets.tags.length / 2)]?.value ?? "fact";
  const topTags = facets.tags.slice(0, 2).map((t) => t.value);
  const component = facets.components[Math.floor(facets.components.length / 2)]?.value ?? "billing";
  const middle = facts.oldest && facts.newest ? (Date.parse(facts.oldest) + Date.parse(facts.newest)) / 2 : Date.now();
  const from = new Date(Math.floor(middle / 1000) * 1000);
  const before = new Date(from.getTime() + 30 * 86_400_000);

  const word = await pickWord(ctx, tenant);
  const filters: Omit<FilterCase, "matches">[] = [
    {
      id: "tag",
      title: "Filter: one tag",
      detail: `tag "${midTag}"`,
      ours: { ...NO_FILTERS, tags: [midTag] },
      spec: { kind: "tag", tag: midTag },
    },
    {
      id: "tags-all",
      title: "Filter: all of two tags",
      detail: `tags "${topTags.join('" and "')}"`,
      ours: { ...NO_FILTERS, tags: topTags, tagMode: "all" },
      spec: { kind: "tags-all", tags: topTags },
    },
    {
      id: "component",
      title: "Filter: component",
      detail: `component "${component}"`,
      ours: { ...NO_FILTERS, components: [component] },
      spec: { kind: "component", component },
    },
    {
      id: "path-equals",
      title: "Filter: nested field equals",
      detail: `meta.language = "de"`,
      ours: {
        ...NO_FILTERS,
        jsonPath: { path: "meta.language", segments: ["meta", "language"], op: "equals", value: "de" },
      },
      spec: { kind: "path-equals", segments: ["meta", "language"], value: "de" },
    },
    {
      id: "path-present",
      title: "Filter: field present",
      detail: "expires_at present",
      ours: { ...NO_FILTERS, jsonPath: { path: "expires_at", segments: ["expires_at"], op: "present" } },
      spec: { kind: "path-present", segments: ["expires_at"] },
    },
    {
      id: "dates",
      title: "Filter: 30 days",
      detail: `${from.toISOString().slice(0, 10)} to ${before.toISOString().slice(0, 10)}`,
      ours: { ...NO_FILTERS, from, before },
      spec: { kind: "dates", from: timestampText(from), before: timestampText(before) },
    },
    {
      id: "no-embedding",
      title: "Filter: without embedding",
      detail: "embedding missing",
      ours: { ...NO_FILTERS, embedding: "without" },
      spec: { kind: "without-embedding" },
    },
    {
      id: "text",
      title: "Text search (contains)",
      detail: `"${word}"`,
      ours: { ...NO_FILTERS, text: word },
      spec: { kind: "text", text: word },
    },
  ];
  const withMatches: FilterCase[] = [];
  for (const f of filters) {
    const matches = await countMatching(tenant, f.ours, db);
    withMatches.push({ ...f, matches, detail: `${f.detail}: ${count(matches)} rows` });
  }

  const lastDepth = Math.max(0, Math.floor((facts.rows - 1) / PAGE_SIZE) * PAGE_SIZE);
  const numberDepth = Math.min(NUMBER_DEPTH, lastDepth);
  const cursorDepth = Math.min(CURSOR_DEPTH, lastDepth);
  const queries = ctx.runs + ctx.warmup;
  return {
    role,
    tenant,
    facts,
    filters: withMatches,
    numberDepth,
    cursorDepth,
    cursor: await cursorAt(db, tenant, cursorDepth),
    queryTexts: await sampleContents(conn, tenant, queries, ctx.seed + 1),
    queryIds: await sampleEmbeddedIds(conn, tenant, queries, ctx.seed + 2),
  };
}

/** A word of the tenant's texts, of middling frequency among a few candidates. */
async function pickWord(ctx: MeasureContext, tenant: Tenant): Promise<string> {
  const texts = await sampleContents(ctx.conn, tenant, 20, ctx.seed);
  const words = [...new Set(texts.flatMap((t) => t.toLowerCase().match(/\p{L}{6,}/gu) ?? []))].slice(0, 5);
  if (words.length === 0) return "memory";
  const counted: { word: string; n: number }[] = [];
  for (const word of words)
    counted.push({ word, n: await countMatching(tenant, { ...NO_FILTERS, text: word }, ctx.conn.db) });
  counted.sort((a, b) => a.n - b.n || a.word.localeCompare(b.word));
  return counted[Math.floor(counted.length / 2)]!.word;
}

/** The cursor after the first `depth` rows, reached the way a client does: page after page of nextCursor. */
async function cursorAt(db: Database, tenant: Tenant, depth: number): Promise<Cursor | undefined> {
  let cursor: Cursor | undefined;
  let done = 0;
  while (done < depth) {
    const limit = Math.min(200, depth - done);
    const page = await listMemories(tenant, listQuery(NO_FILTERS, { limit, ...(cursor ? { cursor } : {}) }), db);
    if (!page.nextCursor) break;
    cursor = decodeCursor(page.nextCursor, "created_at", "desc");
    done += limit;
  }
  return cursor;
}
