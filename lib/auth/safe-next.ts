import { isSignInPath, projectsPath } from "../paths";

/** Where to go after signing in: a path of this app only, never another site (open redirect). */
export function safeNextPath(next: unknown): string {
  if (
    typeof next !== "string" ||
    !next.startsWith("/") ||
    next.startsWith("//") ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
    /[\\\u0000-\u001f]/.test(next) ||
    next.length > 2000
  )
    return projectsPath();
  if (isSignInPath(next)) return projectsPath();
  return next;
}
