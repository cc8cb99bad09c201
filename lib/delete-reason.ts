import { describeFilterQuery, filterParamsOf } from "@/db/filters";

// A delete by filter keeps its filters' query in the trash reason, so the trash can show them as chips.
const MATCHING = "Deleted all memories matching ";
const MAX_QUERY = 2000;

/** The trash's record of a delete by filter: readable, and with the filters' own query after the `?`. */
export function matchingDeleteReason(query: string): string {
  const params = filterParamsOf(new URLSearchParams(query));
  const kept = params.toString();
  if (kept.length <= MAX_QUERY) return `${MATCHING}?${kept}`;
  return `${MATCHING}the filter ${decodeURIComponent(kept).slice(0, 500)}…`;
}

/** A reason as the screen shows it: words, then the filters as chips. */
export type ReasonView = { text: string; chips: string[] };

/** Reads a trash reason: a delete by filter's filters as chips; any other or older reason as it is. */
export function readDeleteReason(reason: string): ReasonView {
  if (reason.startsWith(`${MATCHING}?`)) {
    const chips = describeFilterQuery(reason.slice(MATCHING.length + 1));
    if (chips?.length) return { text: "Deleted all memories matching", chips };
    if (chips) return { text: "Deleted all memories (no filter)", chips: [] };
  }
  return { text: reason, chips: [] };
}
