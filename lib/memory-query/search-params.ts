import { z } from "zod";
import { invalid } from "@/db/app-error";
import type { MemoryFilters } from "@/db/filters";
import type { SearchMetric } from "@/db/queries/search";
import { type SearchParamsInput, toSearchParams } from "../next-search-params";
import { memoryIdSchema } from "../tenant-params";
import { parseMemoryFilters } from "./params";

export const SEARCH_K = { min: 1, max: 100, default: 10 } as const;

/** The search's own parameters; every other one is a list filter. */
export const SEARCH_PARAMS = ["q", "similar", "k", "metric", "threshold", "mode"] as const;

/**
 * How the memories are found: nearest by embedding, by the query's words (full-text search), or
 * both lists fused by their ranks (lib/rank-fusion.ts).
 */
export const SEARCH_MODES = ["vector", "keyword", "hybrid"] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export type SearchTarget = { kind: "text"; q: string } | { kind: "similar"; id: number };
export type SearchQuery = {
  /** What to search near: a text to embed, or a stored memory. Null when the form is empty. */
  target: SearchTarget | null;
  mode: SearchMode;
  k: number;
  metric: SearchMetric;
  /** A maximum distance (vector mode only). */
  threshold?: number;
  filters: MemoryFilters;
};

const searchParams = z.object({
  q: z.string().trim().max(1000, "The query is longer than 1,000 characters.").optional(),
  similar: z.string().optional(),
  k: z
    .string()
    .regex(/^\d{1,3}$/, `k must be a whole number from ${SEARCH_K.min} to ${SEARCH_K.max}.`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(SEARCH_K.min, `k must be from ${SEARCH_K.min} to ${SEARCH_K.max}.`)
        .max(SEARCH_K.max, `k must be from ${SEARCH_K.min} to ${SEARCH_K.max}.`),
    )
    .default(SEARCH_K.default),
  metric: z.enum(["l2", "cosine"], "metric must be l2 or cosine.").default("l2"),
  threshold: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "threshold must be a distance of 0 or more, such as 0.8.")
    .transform(Number)
    .optional(),
  mode: z.enum(SEARCH_MODES, "mode must be vector, keyword or hybrid.").default("vector"),
});

/** Parses the search page's and API's parameters (plus the list filters); throws an AppError naming the bad one. */
export function parseSearchQuery(input: SearchParamsInput): SearchQuery {
  const params = toSearchParams(input);
  const raw = Object.fromEntries(
    [...params.entries()].filter(([k, v]) => (SEARCH_PARAMS as readonly string[]).includes(k) && v !== ""),
  );
  const parsed = searchParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? "query"), issue.message);
  }
  const p = parsed.data;
  if (p.q?.includes("\u0000")) throw invalid("q", "The query contains a NUL character.");
  if (p.q && p.similar !== undefined)
    throw invalid("similar", "Give either q (a text) or similar (a memory id), not both.");

  let target: SearchTarget | null = null;
  if (p.similar !== undefined) {
    const id = memoryIdSchema.safeParse(p.similar);
    if (!id.success) throw invalid("similar", id.error.issues[0]!.message);
    target = { kind: "similar", id: id.data };
  } else if (p.q) {
    target = { kind: "text", q: p.q };
  }
  if (p.mode !== "vector" && target?.kind === "similar")
    throw invalid("mode", `${p.mode} search needs a typed query: memories similar to a memory are found by vector.`);
  if (p.mode !== "vector" && p.threshold !== undefined)
    throw invalid("threshold", "A maximum distance applies to vector search only, not to keyword or hybrid.");

  // `q` is the query here: the text filter reads its other name, `contains` (db/filters/text.ts).
  const filterParams = new URLSearchParams(params);
  for (const key of SEARCH_PARAMS) filterParams.delete(key);

  return {
    target,
    mode: p.mode,
    k: p.k,
    metric: p.metric,
    ...(p.threshold !== undefined ? { threshold: p.threshold } : {}),
    filters: parseMemoryFilters(filterParams),
  };
}
