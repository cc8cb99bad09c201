/**
 * A plain-JS model of what the memory list, its totals and its facets must return, written
 * without the code under test (no SQL, no Drizzle) so the data-layer tests can compare the two.
 *
 * Fixtures must stay within what this model renders unambiguously: JSON values that are strings,
 * integers, simple decimals or booleans (PostgreSQL prints numbers as written, JavaScript may not),
 * ASCII text (ILIKE folds case by locale), and tag/component names that sort the same under any
 * collation (lowercase words; no two differing only after punctuation).
 */
import type { MemoryFilters } from "@/db/filters";
import type { SortField, SortOrder } from "@/db/list-query";

export type FixtureMemory = {
  id: number;
  userId: string;
  projectId: string;
  rawData: Record<string, unknown>;
  hasEmbedding: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
};

export type FixtureTenant = { readonly projectId: string; readonly userId: string };
export type ReferenceFacet = { value: string; count: number };

const FACET_LIMIT = 20;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, key: string) => Object.hasOwn(o, key);

/** The value at a `#>` path: undefined when the path does not exist (JSON null is a value). */
export function valueAtPath(root: unknown, segments: readonly string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      const index = Number(segment);
      if (index >= current.length) return undefined;
      current = current[index];
    } else if (isObject(current)) {
      if (!own(current, segment)) return undefined;
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** A JSON value as `#>>` prints it: strings bare, JSON null as SQL NULL, the rest as JSON text. */
export function jsonAsText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** The memory's tags when raw_data.tags is an array; anything else means no tags. */
export function tagsOf(m: FixtureMemory): unknown[] {
  const tags = m.rawData.tags;
  return Array.isArray(tags) ? tags : [];
}

/** raw_data.component when it is a string; missing, JSON null or another type means none. */
export function componentOf(m: FixtureMemory): string | null {
  const c = m.rawData.component;
  return typeof c === "string" ? c : null;
}

/** Does the memory belong to the tenant and pass every filter? */
export function referenceMatches(m: FixtureMemory, tenant: FixtureTenant, filters: MemoryFilters): boolean {
  if (m.userId !== tenant.userId || m.projectId !== tenant.projectId) return false;

  if (filters.tags.length) {
    const tags = new Set(tagsOf(m).filter((t): t is string => typeof t === "string"));
    const ok =
      filters.tagMode === "all" ? filters.tags.every((t) => tags.has(t)) : filters.tags.some((t) => tags.has(t));
    if (!ok) return false;
  }

  if (filters.components.length) {
    const c = componentOf(m);
    if (c === null || !filters.components.includes(c)) return false;
  }

  const path = filters.jsonPath;
  if (path) {
    const value = valueAtPath(m.rawData, path.segments);
    if (path.op === "equals" && jsonAsText(value) !== path.value) return false;
    if (path.op === "present" && value === undefined) return false;
    if (path.op === "absent" && value !== undefined) return false;
  }

  if (filters.text !== undefined) {
    const content = m.rawData.content;
    if (typeof content !== "string" || !content.toLowerCase().includes(filters.text.toLowerCase())) return false;
  }

  if (filters.from || filters.before) {
    if (m.createdAt === null) return false;
    if (filters.from && m.createdAt.getTime() < filters.from.getTime()) return false;
    if (filters.before && m.createdAt.getTime() >= filters.before.getTime()) return false;
  }

  if (filters.updatedFrom || filters.updatedBefore) {
    if (m.updatedAt === null) return false;
    if (filters.updatedFrom && m.updatedAt.getTime() < filters.updatedFrom.getTime()) return false;
    if (filters.updatedBefore && m.updatedAt.getTime() >= filters.updatedBefore.getTime()) return false;
  }

  if (filters.embedding === "with" && !m.hasEmbedding) return false;
  if (filters.embedding === "without" && m.hasEmbedding) return false;
  return true;
}

const timeOf = (d: Date | null) => (d === null ? Number.NEGATIVE_INFINITY : d.getTime());

/** The tenant's matching memories, in list order: NULL timestamps oldest, ties by id in the same direction. */
export function referenceIds(
  memories: readonly FixtureMemory[],
  tenant: FixtureTenant,
  filters: MemoryFilters,
  sort: SortField,
  order: SortOrder,
): number[] {
  const sign = order === "asc" ? 1 : -1;
  const key = (m: FixtureMemory) => (sort === "id" ? m.id : timeOf(sort === "created_at" ? m.createdAt : m.updatedAt));
  return memories
    .filter((m) => referenceMatches(m, tenant, filters))
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka !== kb) return ka < kb ? -sign : sign;
      return (a.id - b.id) * sign;
    })
    .map((m) => m.id);
}

/** How many of the tenant's memories match (uncapped). */
export function referenceTotal(
  memories: readonly FixtureMemory[],
  tenant: FixtureTenant,
  filters: MemoryFilters,
): number {
  return memories.filter((m) => referenceMatches(m, tenant, filters)).length;
}

/** Orders counts by count descending, then value ascending (code point order), and keeps the top `limit`. */
function topCounts(counts: Map<string, number>, limit: number): ReferenceFacet[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit);
}

/**
 * The facets of the matching memories: per tag, how many memories carry it (array tags only,
 * each element as text, a JSON null element having no text; a memory listing a tag twice counts
 * once); per component string, how many memories have it.
 */
export function referenceFacets(
  memories: readonly FixtureMemory[],
  tenant: FixtureTenant,
  filters: MemoryFilters,
  limit = FACET_LIMIT,
): { tags: ReferenceFacet[]; components: ReferenceFacet[] } {
  const tags = new Map<string, number>();
  const components = new Map<string, number>();
  for (const m of memories) {
    if (!referenceMatches(m, tenant, filters)) continue;
    // Only string tags: what a tag filter can match.
    const texts = tagsOf(m).flatMap((t) => (typeof t === "string" ? [t] : []));
    for (const tag of new Set(texts)) {
      tags.set(tag, (tags.get(tag) ?? 0) + 1);
    }
    const c = componentOf(m);
    if (c !== null) components.set(c, (components.get(c) ?? 0) + 1);
  }
  return { tags: topCounts(tags, limit), components: topCounts(components, limit) };
}

/** The list's preview: raw_data.content, else raw_data.text, cut to `chars` characters. */
export function referencePreview(m: FixtureMemory, chars = 280): string | null {
  const content = m.rawData.content;
  const text = m.rawData.text;
  const whole = typeof content === "string" ? content : typeof text === "string" ? text : null;
  return whole === null ? null : [...whole].slice(0, chars).join("");
}
