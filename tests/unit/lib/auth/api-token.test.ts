import { describe, expect, it } from "vitest";
import { bearerToken, hashApiToken, newApiToken } from "@/lib/auth/api-token";

const withAuthorization = (value: string) => new Headers({ authorization: value });

describe("bearerToken", () => {
  it("is undefined without an Authorization header", () => {
    expect(bearerToken(new Headers())).toBeUndefined();
    expect(bearerToken(new Headers({ cookie: "semantix.session_token=x" }))).toBeUndefined();
  });

  it("reads the token of a Bearer header", () => {
    expect(bearerToken(withAuthorization("Bearer smx_abc-DEF_123"))).toBe("smx_abc-DEF_123");
    expect(bearerToken(withAuthorization("  Bearer smx_abc  "))).toBe("smx_abc");
    const { token } = newApiToken();
    expect(bearerToken(withAuthorization(`Bearer ${token}`))).toBe(token);
  });

  it.each([
    ["empty", ""],
    ["a scheme without token", "Bearer"],
    ["a scheme and a space", "Bearer "],
    ["Basic credentials", "Basic dXNlcjpwYXNz"],
    ["a bare token", "smx_abc"],
    ["two tokens", "Bearer smx_a smx_b"],
    ["two spaces", "Bearer  smx_abc"],
    ["a token with a quote", "Bearer smx_a'b"],
    ["a token with a dot", "Bearer a.b.c"],
    ["a token with padding", "Bearer abc="],
    ["a token with SQL", "Bearer '; drop table api_tokens; --"],
    ["a token of 201 characters", `Bearer ${"a".repeat(201)}`],
  ])("is null (malformed) for %s", (_name, value) => {
    expect(bearerToken(withAuthorization(value))).toBeNull();
  });
});

describe("newApiToken", () => {
  it("makes a different, prefixed token each time, stored only as its SHA-256", () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^smx_[A-Za-z0-9_-]{43}$/);
    expect(a.prefix).toBe(a.token.slice(0, 10));
    expect(a.hash).toBe(hashApiToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token.slice(4));
  });
});
