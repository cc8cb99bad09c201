import { inArray } from "drizzle-orm";
import { z } from "zod";
import { memoryLogs } from "../schema";
import { filterKind } from "./kind";
import { parseParam } from "./params";

/** At most this many ids in one link: a selection handed from a chart or a search (its 100 nearest). */
export const MAX_ID_VALUES = 1_000;
const MAX_ID = 2_147_483_647; // memory_logs.id is a SERIAL (int4)

const idList = z
  .array(
    z
      .string()
      .regex(/^\d{1,10}$/, "An id must be a whole number of 1 or more.")
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_ID, `An id must be from 1 to ${MAX_ID}.`),
  )
  .max(MAX_ID_VALUES, `At most ${MAX_ID_VALUES} ids.`);

/** `id` (repeatable): the memory is one of these, within the tenant. Few: gathered by id, then sorted. */
export const idsFilter = filterKind<{ ids?: number[] }>({
  params: ["id"],
  parse(read) {
    const ids = [...new Set(parseParam("id", idList, read.all("id")))];
    return ids.length ? { ids } : {};
  },
  active: (v) => (v.ids?.length ?? 0) > 0,
  where: (v) => (v.ids?.length ? [inArray(memoryLogs.id, v.ids)] : []),
  plan: () => ({ answeredBy: "ids" }),
  describe: (v) =>
    v.ids?.length ? [v.ids.length <= 5 ? `id: ${v.ids.join(" or ")}` : `one of ${v.ids.length} chosen memories`] : [],
  input: { control: "values", param: "id", label: "Memory ids", add: "Add id", noun: "id" },
});
