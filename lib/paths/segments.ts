/**
 * The path segment of an id (project, user, memory), URL-encoded so any id round-trips. `.` and `..` would
 * be removed as dot segments by browsers, `new URL` and Next.js (even written `%2E`), so they
 * travel as `%00.` and `%00..`: no id holds NUL, so no other id reads so.
 */
export const idSegment = (id: string) => (id === "." || id === ".." ? `%00${id}` : encodeURIComponent(id));

/** The id a percent-decoded segment names. */
export const idFromDecoded = (decoded: string) =>
  decoded === "\u0000." || decoded === "\u0000.." ? decoded.slice(1) : decoded;

/** Page route segments arrive percent-encoded; null when the encoding is broken (the page is then not found). */
export function decodeSegment(raw: string): string | null {
  try {
    return idFromDecoded(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

const ENCODED_DOTS = /^(?:%2e|\.%2e|%2e\.|%2e%2e)$/i;

/**
 * A request target with its `%2E` and `%2E%2E` segments (how scripts write the ids `.` and `..`)
 * in the form above, before anything resolves them as dot segments. Plain `.` and `..` stay.
 */
export function keepEncodedDots(target: string): string {
  const query = target.indexOf("?");
  const path = query < 0 ? target : target.slice(0, query);
  if (!/%2e/i.test(path)) return target;
  const kept = path
    .split("/")
    .map((segment) => (ENCODED_DOTS.test(segment) ? `%00${".".repeat(segment.replace(/%2e/gi, ".").length)}` : segment))
    .join("/");
  return query < 0 ? kept : kept + target.slice(query);
}
