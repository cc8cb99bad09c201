import { describe, expect, it } from "vitest";
import { toggleParam, withParams } from "@/lib/memory-query/url";
import { toSearchParams } from "@/lib/next-search-params";

describe("list URLs", () => {
  const current = new URLSearchParams("tag=a&sort=id&page=3&cursor=abc");

  it("reset the position when a filter or the sort changes", () => {
    expect(withParams(current, { sort: "created_at" })).toBe("?tag=a&sort=created_at");
    expect(withParams(current, { tag: null })).toBe("?sort=id");
  });

  it("keep the rest when the page changes", () => {
    expect(withParams(current, { page: "4", cursor: null })).toBe("?tag=a&sort=id&page=4");
  });

  it("toggle a repeatable value", () => {
    expect(toggleParam(current, "tag", "b")).toBe("?sort=id&tag=a&tag=b");
    expect(toggleParam(current, "tag", "a")).toBe("?sort=id");
  });

  it("read Next's searchParams objects", () => {
    expect(toSearchParams({ tag: ["a", "b"], q: "x", none: undefined }).toString()).toBe("tag=a&tag=b&q=x");
  });
});
