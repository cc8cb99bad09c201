// Stands in for next/headers in Vitest (see tests/support/setup.ts): server actions and pages
// read the request's headers through it, so a test chooses who is asking with actAs().

let current = new Headers();

/** Makes the following server-action calls come with these request headers (a session cookie, or none). */
export function actAs(headers: Headers | null): void {
  current = headers ?? new Headers();
}

const cookieJar = () => {
  const parse = () =>
    (current.get("cookie") ?? "")
      .split(";")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => ({ name: p.slice(0, p.indexOf("=")), value: p.slice(p.indexOf("=") + 1) }));
  return {
    get: (name: string) => parse().find((c) => c.name === name),
    getAll: () => parse(),
    has: (name: string) => parse().some((c) => c.name === name),
    set: () => undefined,
    delete: () => undefined,
  };
};

export const nextHeadersMock = {
  headers: async () => current,
  cookies: async () => cookieJar(),
};
