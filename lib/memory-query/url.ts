type Change = string | string[] | null;

/**
 * A query string with some parameters replaced (null removes). Any change to filters or sort
 * starts again from the first page, so page and cursor are dropped unless given.
 */
export function withParams(current: URLSearchParams, changes: Record<string, Change>): string {
  const next = new URLSearchParams(current);
  const keepsPosition = "page" in changes || "cursor" in changes;
  if (!keepsPosition) {
    next.delete("page");
    next.delete("cursor");
  }
  for (const [key, value] of Object.entries(changes)) {
    next.delete(key);
    for (const v of value === null ? [] : Array.isArray(value) ? value : [value]) next.append(key, v);
  }
  const text = next.toString();
  return text ? `?${text}` : "?";
}

/** Adds the value to a repeatable parameter, or removes it when present. */
export function toggleParam(current: URLSearchParams, key: string, value: string): string {
  const values = current.getAll(key);
  return withParams(current, {
    [key]: values.includes(value) ? values.filter((v) => v !== value) : [...values, value],
  });
}
