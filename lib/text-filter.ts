/** Case-insensitive "contains" for the short lists (projects, users) filtered by the `?q=` box. */
export function matchesFilter(value: string, filter: string | undefined): boolean {
  const needle = filter?.trim().toLowerCase();
  return !needle || value.toLowerCase().includes(needle);
}

/** A search param as one string (Next gives string[] when a parameter is repeated). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
