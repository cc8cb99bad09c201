import "server-only";

/**
 * Failed sign-ins counted per account and per client address over a sliding window; past the
 * limit, sign-in is refused (even with the right password) until the window has passed. Kept
 * in memory: one app process, and a restart forgetting them is acceptable.
 */
const WINDOW_MS = 15 * 60_000;
const LIMITS = { account: 5, address: 20 } as const;

type Kind = keyof typeof LIMITS;
const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

const keyOf = (kind: Kind, value: string) => `${kind}:${value}`;

/** Minutes to wait when the account or the address is locked out, else null. */
export function lockedFor(email: string, address: string, now = Date.now()): { kind: Kind; minutes: number } | null {
  for (const [kind, value] of [
    ["account", email],
    ["address", address],
  ] as const) {
    const list = recent(keyOf(kind, value), now);
    if (list.length >= LIMITS[kind])
      return { kind, minutes: Math.max(1, Math.ceil((list[0]! + WINDOW_MS - now) / 60_000)) };
  }
  return null;
}

/**
 * Counts an attempt before the password is checked, so parallel attempts cannot all pass the
 * limit; a successful one is taken back with recordSuccess.
 */
export function recordAttempt(email: string, address: string, now = Date.now()): void {
  if (failures.size > 50_000) sweep(now);
  for (const [kind, value] of [
    ["account", email],
    ["address", address],
  ] as const) {
    const key = keyOf(kind, value);
    failures.set(key, [...recent(key, now), now]);
  }
}

/** A failed attempt stays counted. */
export const recordFailure = recordAttempt;

/** A successful sign-in clears the account's count and takes back its own attempt from the address's. */
export function recordSuccess(email: string, address?: string, attemptAt?: number): void {
  failures.delete(keyOf("account", email));
  if (address === undefined || attemptAt === undefined) return;
  const key = keyOf("address", address);
  const list = failures.get(key);
  const at = list?.lastIndexOf(attemptAt) ?? -1;
  if (list && at >= 0) list.splice(at, 1);
}

/** Drops keys whose failures have all expired, so many distinct emails or addresses cannot grow memory for ever. */
function sweep(now: number): void {
  for (const key of [...failures.keys()]) recent(key, now);
}

export const LOGIN_LIMITS = { ...LIMITS, windowMinutes: WINDOW_MS / 60_000 };

/**
 * The client's address: the last `x-forwarded-for` entry. Behind a proxy that appends it, that
 * is the client; Next.js itself only fills the header in when the request has none, so a client
 * talking to the app directly can choose it, and the per-account limit is what holds then.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  return last || headers.get("x-real-ip") || "unknown";
}
