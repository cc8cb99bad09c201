import { sql } from "drizzle-orm";
import { z } from "zod";
import { memoryLogs } from "../schema";
import { filterKind } from "./kind";
import { MAX_LIST_VALUES, parseParam, textParam } from "./params";
import { textArray } from "./sql";

const tagList = z
  .array(textParam(255, "A tag").min(1, "A tag must not be empty."))
  .max(MAX_LIST_VALUES, `At most ${MAX_LIST_VALUES} tags.`);
const tagMode = z.enum(["any", "all"], "tagMode must be any or all.");

/** `tag` (repeatable) and `tagMode=any|all`: raw_data.tags holds any (or all) of the tags. */
export const tagsFilter = filterKind<{ tags: string[]; tagMode: "any" | "all" }>({
  params: ["tag", "tagMode"],
  parse: (read) => ({
    tags: [...new Set(parseParam("tag", tagList, read.all("tag")))],
    tagMode: parseParam("tagMode", tagMode.default("any"), read.one("tagMode")),
  }),
  active: (v) => v.tags.length > 0,
  where(v, tenant, options) {
    const tags = sql`(${memoryLogs.rawData} -> 'tags')`;
    const any = v.tagMode !== "all";
    // ?| and ?& also match a plain string or an object key: only a tags array counts.
    const conditions = [
      sql`jsonb_typeof(${tags}) = 'array'`,
      any ? sql`${tags} ?| ${textArray(v.tags)}` : sql`${tags} ?& ${textArray(v.tags)}`,
    ];
    // The same condition as keys of idx_memory_logs_tenant_tags (a superset: the line above decides).
    if (options.tagIndex !== false) {
      const keys = textArray(v.tags.map((tag) => `${tenant.userId}\u001f${tenant.projectId}\u001f${tag}`));
      const tenantTags = sql`memory_tenant_tags(${memoryLogs.userId}, ${memoryLogs.projectId}, ${memoryLogs.rawData})`;
      conditions.push(any ? sql`${tenantTags} && ${keys}` : sql`${tenantTags} @> ${keys}`);
    }
    return conditions;
  },
  plan: (v) => ({ answeredBy: "kept-facets", facet: "t", values: v.tags, mode: v.tagMode, indexed: "when-rare" }),
  // Chips combine with AND: all-of is a chip per tag, any-of one chip.
  describe: (v) =>
    v.tagMode === "all" ? v.tags.map((t) => `tag: ${t}`) : v.tags.length ? [`tag: ${v.tags.join(" or ")}`] : [],
  input: {
    control: "values",
    param: "tag",
    label: "Tags",
    add: "Add tag",
    noun: "tag",
    suggest: "tag",
    mode: {
      param: "tagMode",
      label: "Tag match",
      options: [
        { value: "any", label: "any of" },
        { value: "all", label: "all of" },
      ],
    },
  },
});
