import { z } from "zod";
import { invalid } from "@/db/app-error";
import type { MemoryFilters } from "@/db/filters";
import type { SearchMetric } from "@/db/queries/search";
import { type SearchParamsInput, toSearchParams } from "../next-search-params";
import { memoryIdSchema } from "../tenant-params";
import { parseMemoryFilters } from "./params";

export const SEARCH_K = { min: 1, max: 100, default: 10 } as const;

/** The search's own parameters; every other one is a list filter. */
export const SEARCH_PARAMS = ["q", "similar", "k", "metric", "threshold"] as const;

export type SearchTarget = { kind: "text"; q: string } | { kind: "similar"; id: number };
export type SearchQuery = {
  /** What to search near: a text to embed, or a stored memory. Null when the form is empty. */
  target: SearchTarget | null;
  k: number;
  metric: SearchMetric;
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

  // `q` is the query here: the text filter reads its other name, `contains` (db/filters/text.ts).
  const filterParams = new URLSearchParams(params);
  for (const key of SEARCH_PARAMS) filterParams.delete(key);

  return {
    target,
    k: p.k,
    metric: p.metric,
    ...(p.threshold !== undefined ? { threshold: p.threshold } : {}),
    filters: parseMemoryFilters(filterParams),
  };
}
