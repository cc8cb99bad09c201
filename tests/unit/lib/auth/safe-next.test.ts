import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next";

const APP = "https://app.example";

describe("safeNextPath", () => {
  it.each([
    ["/"],
    ["/projects/acme"],
    ["/projects/beta%2F%CE%B2/users/alice%40example.com?tag=a&page=2#top"],
    ["/audit?project=acme"],
  ])("keeps the app's own path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    ["a protocol-relative URL", "//evil.com"],
    ["a protocol-relative URL with a path", "//evil.com/projects"],
    ["three slashes", "///evil.com"],
    ["a backslash after the slash", "/\\evil.com"],
    ["a backslash later on", "/projects\\..\\\\evil.com"],
    ["a leading backslash", "\\\\evil.com"],
    ["an absolute URL", "https://evil.com"],
    ["an absolute URL without slashes", "https:evil.com"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a relative path", "projects/acme"],
    ["a path after a space", " /projects"],
    ["a tab between the slashes", "/\t/evil.com"],
    ["a newline between the slashes", "/\n/evil.com"],
    ["a carriage return", "/\r/evil.com"],
    ["a NUL", "/projects\u0000"],
    ["an escape character", "/\u001b/evil.com"],
    ["the empty string", ""],
    ["a path of 2001 characters", `/${"a".repeat(2000)}`],
    ["the sign-in page (a loop)", "/sign-in"],
    ["the sign-in page with its own next", "/sign-in?next=//evil.com"],
  ])("answers / for %s", (_name, next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it.each([[undefined], [null], [42], [["/projects"]], [{ toString: () => "/projects" }]])(
    "answers / for %j, which is not a string",
    (next) => {
      expect(safeNextPath(next)).toBe("/");
    },
  );

  it("never leaves the app's origin, whatever it is given", () => {
    const attempts = [
      "//evil.com",
      "/\\evil.com",
      "/\t/evil.com",
      "/%2F/evil.com",
      "/%5Cevil.com",
      "/.//evil.com",
      "/..//evil.com",
      "/@evil.com",
      "/\u3000/evil.com",
      "/\u007f/evil.com",
      "https://evil.com",
      "\u0000//evil.com",
    ];
    for (const next of attempts) {
      const target = new URL(safeNextPath(next), APP);
      expect(target.origin, JSON.stringify(next)).toBe(APP);
    }
  });
});
