type QueryValue = string | number | readonly (string | number)[] | null | undefined;

/**
 * A query string: the parameters Next.js hands a page, URLSearchParams, named values (null and
 * undefined left out, arrays repeated in order), or text already encoded (a leading `?` is optional).
 */
export type Query = URLSearchParams | string | Readonly<Record<string, QueryValue>>;

/** `path` with `query` after a `?`, or `path` alone when the query is empty. */
export function withQuery(path: string, query?: Query): string {
  const text = queryText(query);
  return text ? `${path}?${text}` : path;
}

function queryText(query: Query | undefined): string {
  if (query === undefined) return "";
  if (typeof query === "string") return query.startsWith("?") ? query.slice(1) : query;
  if (query instanceof URLSearchParams) return query.toString();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  return params.toString();
}
