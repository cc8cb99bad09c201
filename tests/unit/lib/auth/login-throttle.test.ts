import { describe, expect, it } from "vitest";
import { clientAddress, LOGIN_LIMITS, lockedFor, recordFailure, recordSuccess } from "@/lib/auth/login-throttle";

// The counts live in the module for the whole file: each test uses accounts and addresses of its own.
let unique = 0;
const fresh = (what: string) => `${what}-${++unique}`;
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe("sign-in throttle", () => {
  it("has the limits it documents: 5 per account, 20 per address, over 15 minutes", () => {
    expect(LOGIN_LIMITS).toEqual({ account: 5, address: 20, windowMinutes: 15 });
  });

  it("locks an account after 5 failures, from whatever addresses they came", () => {
    const email = fresh("account@example.com");
    for (let i = 0; i < 4; i++) recordFailure(email, fresh("10.0.0"), T0 + i);
    expect(lockedFor(email, fresh("10.0.0"), T0 + 10)).toBeNull();
    recordFailure(email, fresh("10.0.0"), T0 + 4);
    expect(lockedFor(email, fresh("10.0.0"), T0 + 10)).toEqual({ kind: "account", minutes: 15 });
    // Other accounts are not affected.
    expect(lockedFor(fresh("other@example.com"), fresh("10.0.0"), T0 + 10)).toBeNull();
  });

  it("locks an address after 20 failures, whatever accounts they were for", () => {
    const address = fresh("192.0.2");
    for (let i = 0; i < 19; i++) recordFailure(fresh("victim@example.com"), address, T0 + i);
    expect(lockedFor(fresh("next@example.com"), address, T0 + 100)).toBeNull();
    recordFailure(fresh("victim@example.com"), address, T0 + 19);
    expect(lockedFor(fresh("next@example.com"), address, T0 + 100)).toEqual({ kind: "address", minutes: 15 });
    expect(lockedFor(fresh("next@example.com"), fresh("192.0.2"), T0 + 100)).toBeNull();
  });

  it("clears the account's count on success, but not the address's", () => {
    const email = fresh("forgetful@example.com");
    const address = fresh("198.51.100");
    for (let i = 0; i < 4; i++) recordFailure(email, address, T0 + i);
    recordSuccess(email);
    for (let i = 0; i < 4; i++) recordFailure(email, fresh("198.51.100"), T0 + 10 + i);
    expect(lockedFor(email, fresh("198.51.100"), T0 + 20)).toBeNull();
    recordFailure(email, fresh("198.51.100"), T0 + 20);
    expect(lockedFor(email, fresh("198.51.100"), T0 + 21)).toMatchObject({ kind: "account" });

    // 20 failures from one address stay counted after one of its accounts signs in.
    const busy = fresh("203.0.113");
    const accounts = Array.from({ length: 20 }, () => fresh("user@example.com"));
    for (const [i, account] of accounts.entries()) recordFailure(account, busy, T0 + i);
    recordSuccess(accounts[0]!);
    expect(lockedFor(fresh("user@example.com"), busy, T0 + 100)).toMatchObject({ kind: "address" });
  });

  it("counts only the failures of the last 15 minutes, and says how long to wait", () => {
    const email = fresh("patient@example.com");
    const address = fresh("10.1.1");
    for (let i = 0; i < 5; i++) recordFailure(email, address, T0 + i * MINUTE);
    // Locked until the first failure is 15 minutes old.
    expect(lockedFor(email, address, T0 + 4 * MINUTE)).toEqual({ kind: "account", minutes: 11 });
    expect(lockedFor(email, address, T0 + 10 * MINUTE)).toEqual({ kind: "account", minutes: 5 });
    expect(lockedFor(email, address, T0 + 15 * MINUTE - 1)).toEqual({ kind: "account", minutes: 1 });
    expect(lockedFor(email, address, T0 + 15 * MINUTE)).toBeNull();

    // One more failure then locks again: the four of the window and the new one.
    recordFailure(email, address, T0 + 15 * MINUTE);
    expect(lockedFor(email, address, T0 + 15 * MINUTE)).toEqual({ kind: "account", minutes: 1 });
    // Long after, every old failure is forgotten.
    expect(lockedFor(email, address, T0 + 60 * MINUTE)).toBeNull();
    for (let i = 0; i < 4; i++) recordFailure(email, address, T0 + 60 * MINUTE + i);
    expect(lockedFor(email, address, T0 + 60 * MINUTE + 10)).toBeNull();
  });
});

describe("clientAddress", () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it("takes the last x-forwarded-for entry: the one the nearest proxy added", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientAddress(headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 198.51.100.9" }))).toBe("198.51.100.9");
    expect(clientAddress(headers({ "x-forwarded-for": "spoofed,198.51.100.9" }))).toBe("198.51.100.9");
    expect(clientAddress(headers({ "x-forwarded-for": "2001:db8::1 ,  ::1 " }))).toBe("::1");
  });

  it("skips empty entries", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.9, , " }))).toBe("198.51.100.9");
  });

  it("falls back to x-real-ip, then to unknown", () => {
    expect(clientAddress(headers({ "x-real-ip": "192.0.2.1" }))).toBe("192.0.2.1");
    expect(clientAddress(headers({ "x-forwarded-for": " , ", "x-real-ip": "192.0.2.1" }))).toBe("192.0.2.1");
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.9", "x-real-ip": "192.0.2.1" }))).toBe(
      "198.51.100.9",
    );
    expect(clientAddress(headers({}))).toBe("unknown");
  });
});
