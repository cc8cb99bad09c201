import { z } from "zod";
import { parseParam, textParam } from "@/db/filters/params";
import { SUGGESTION_FIELDS, type SuggestionField } from "@/db/queries/suggestions";

const fieldParam = z.enum(SUGGESTION_FIELDS, `field must be one of ${SUGGESTION_FIELDS.join(", ")}.`);
const prefixParam = textParam(255, "The prefix");

/** `field=tag|component|path` and `prefix` (may be empty: the most used values) of a suggestions request. */
export function parseSuggestionQuery(params: URLSearchParams): { field: SuggestionField; prefix: string } {
  return {
    field: parseParam("field", fieldParam, params.get("field") ?? undefined),
    prefix: parseParam("prefix", prefixParam, params.get("prefix") ?? ""),
  };
}
