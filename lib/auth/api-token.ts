import { createHash, randomBytes } from "node:crypto";

const PREFIX = "smx_";

/** A new API token: 32 random bytes, recognisable by its prefix. Only its hash is stored. */
export function newApiToken(): { token: string; hash: string; prefix: string } {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashApiToken(token), prefix: token.slice(0, PREFIX.length + 6) };
}

/** Tokens are long and random, so one SHA-256 is enough to store them safely (no salt or slow hash needed). */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The token of an `Authorization: Bearer …` header: undefined without one, null when malformed. */
export function bearerToken(headers: Headers): string | null | undefined {
  const value = headers.get("authorization");
  if (value === null) return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/i.exec(value.trim()); // the scheme is case-insensitive
  return match ? match[1]! : null;
}
