/** A bulk edit in words, for its toast and its audit entry: `+bug +build −old component=api`. */
export function describeBulkEdit(edit: { addTags?: unknown; removeTags?: unknown; component?: unknown }): string {
  const tags = (list: unknown) => (Array.isArray(list) ? list.filter((t): t is string => typeof t === "string") : []);
  return [
    ...tags(edit.addTags).map((t) => `+${t}`),
    ...tags(edit.removeTags).map((t) => `−${t}`),
    ...(typeof edit.component === "string" ? [`component=${edit.component}`] : []),
  ].join(" ");
}
