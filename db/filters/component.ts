import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { memoryLogs } from "../schema";
import { filterKind } from "./kind";
import { MAX_LIST_VALUES, parseParam, textParam } from "./params";

const componentList = z
  .array(textParam(255, "A component").min(1, "A component must not be empty."))
  .max(MAX_LIST_VALUES, `At most ${MAX_LIST_VALUES} components.`);

/** `component` (repeatable): raw_data.component is one of them. */
export const componentFilter = filterKind<{ components: string[] }>({
  params: ["component"],
  parse: (read) => ({ components: [...new Set(parseParam("component", componentList, read.all("component")))] }),
  active: (v) => v.components.length > 0,
  where: (v) => (v.components.length ? [inArray(sql`(${memoryLogs.rawData} ->> 'component')`, v.components)] : []),
  plan: (v) => ({ answeredBy: "kept-facets", facet: "c", values: v.components, mode: "any", indexed: "always" }),
  describe: (v) => (v.components.length ? [`component: ${v.components.join(" or ")}`] : []),
  input: {
    control: "values",
    param: "component",
    label: "Component",
    add: "Add component",
    noun: "component",
    suggest: "component",
  },
});
