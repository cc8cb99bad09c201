/** URL search parameters as a URLSearchParams, or as the object Next.js hands a page. */
export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Search parameters as URLSearchParams, whatever form they came in: a repeated key stays repeated, in order. */
export function toSearchParams(input: SearchParamsInput): URLSearchParams {
  if (input instanceof URLSearchParams) return new URLSearchParams(input);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params;
}
