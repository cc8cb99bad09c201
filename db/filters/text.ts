import { sql } from "drizzle-orm";
import { memoryLogs } from "../schema";
import { filterKind } from "./kind";
import { parseParam, textParam } from "./params";

const textQuery = textParam(500, "The search text");

/** Escapes LIKE's wildcards so the user's text is matched literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `q`: text contained in raw_data.content, case-insensitive and literal. Where `q` is the query
 * itself (the search page and API), the same filter is written `contains`.
 */
export const textFilter = filterKind<{ text?: string }>({
  params: ["q", "contains"],
  parse(read) {
    const [param, raw] = read.one("contains") !== undefined ? ["contains", read.one("contains")] : ["q", read.one("q")];
    const text = raw === undefined ? undefined : parseParam(param, textQuery, raw).trim();
    return text ? { text } : {};
  },
  active: (v) => Boolean(v.text),
  where: (v) => (v.text ? [sql`(${memoryLogs.rawData} ->> 'content') ilike ${likePattern(v.text)} escape '\\'`] : []),
  plan: () => ({ answeredBy: "rows" }),
  describe: (v) => (v.text ? [`text contains “${v.text}”`] : []),
  input: { control: "text", param: "q", label: "Search content", placeholder: "Text contained in content…  ( / )" },
});
