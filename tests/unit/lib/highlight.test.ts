import { describe, expect, it } from "vitest";
import { highlightParts } from "@/lib/highlight";

const marked = (text: string, query: string) =>
  highlightParts(text, query)
    .filter((p) => p.marked)
    .map((p) => p.text);

describe("highlightParts", () => {
  it("marks whole words only, never letters inside another word", () => {
    expect(marked("concatenate the cat, then scatter", "cat")).toEqual(["cat"]);
    expect(marked("Catalog of cats", "cat")).toEqual([]);
    expect(marked("reset the password reset", "set")).toEqual([]);
  });

  it("matches case-insensitively and keeps the text's own case", () => {
    expect(marked("SSO login and sso audit", "sso")).toEqual(["SSO", "sso"]);
  });

  it("marks every word of the query, next to punctuation and at the ends", () => {
    expect(marked("audit logs: demo-meeting (audit)", "demo meeting audit")).toEqual([
      "audit",
      "demo",
      "meeting",
      "audit",
    ]);
  });

  it("treats letters of any script and digits as word characters", () => {
    expect(marked("café cafés 2fa 2fax", "café 2fa")).toEqual(["café", "2fa"]);
  });

  it("gives the text back whole, in order", () => {
    const text = "Password reset email is late, reset it";
    expect(
      highlightParts(text, "reset late")
        .map((p) => p.text)
        .join(""),
    ).toBe(text);
  });

  it("marks nothing for an empty query or one-letter words, and escapes regex characters", () => {
    expect(highlightParts("a b c", "")).toEqual([{ text: "a b c", marked: false }]);
    expect(marked("a b c", "a b")).toEqual([]);
    expect(marked("price (usd) and usd", "(usd)")).toEqual(["usd", "usd"]);
  });
});
