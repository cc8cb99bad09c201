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
  for (const [kind, value] of [["account", email], ["address", address]] as const) {
    const list = recent(keyOf(kind, value), now);
    if (list.length >= LIMITS[kind]) return { kind, minutes: Math.max(1, Math.ceil((list[0]! + WINDOW_MS - now) / 60_000)) };
  }
  return null;
}

export function recordFailure(email: string, address: string, now = Date.now()): void {
  for (const [kind, value] of [["account", email], ["address", address]] as const) {
    const key = keyOf(kind, value);
    failures.set(key, [...recent(key, now), now]);
  }
}

/** A successful sign-in clears the account's count (not the address's: other accounts may be attacked from it). */
export function recordSuccess(email: string): void {
  failures.delete(keyOf("account", email));
}

export const LOGIN_LIMITS = { ...LIMITS, windowMinutes: WINDOW_MS / 60_000 };

/**
 * The client's address: the last `x-forwarded-for` entry, which the Next.js server (or the
 * closest proxy) appends itself; earlier entries are the client's word and not trusted.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last || headers.get("x-real-ip") || "unknown";
}
