import { describe, expect, it } from "vitest";
import { describeFilterQuery } from "@/db/filters";
import { matchingDeleteReason, readDeleteReason } from "@/lib/delete-reason";

describe("filters in words", () => {
  it.each([
    ["tag=bug", ["tag: bug"]],
    ["tag=bug&tag=build", ["tag: bug or build"]],
    ["tag=bug&tag=build&tagMode=all", ["tag: bug", "tag: build"]],
    ["component=chat&component=api", ["component: chat or api"]],
    ["q=foo", ["text contains “foo”"]],
    ["contains=foo", ["text contains “foo”"]],
    ["path=meta.source&value=chat", ["meta.source = “chat”"]],
    ["path=meta.source", ["meta.source present"]],
    ["path=meta&exists=false", ["meta absent"]],
    ["path=importance&op=gt&value=0.8", ["importance > 0.8"]],
    ["path=expires_at&op=lt&value=now", ["expires_at < “now”"]],
    ["from=2026-01-01", ["created from 2026-01-01"]],
    ["to=2026-01-31", ["created until 2026-01-31"]],
    ["from=2026-01-01&to=2026-01-31", ["created 2026-01-01 to 2026-01-31"]],
    ["updatedTo=2026-01-31T14:30:00Z", ["updated until 2026-01-31T14:30:00Z"]],
    ["updatedFrom=2026-01-31T14:30:00.250Z", ["updated from 2026-01-31T14:30:00.250Z"]],
    ["embedding=without", ["without embedding"]],
    // In the filter bar's order, whatever the query's; paging and sort are no filter.
    ["embedding=with&tag=bug&q=foo&page=3&sort=id", ["text contains “foo”", "tag: bug", "with embedding"]],
    ["", []],
    ["tagMode=all&limit=10", []],
  ])("%s reads as %j", (query, chips) => {
    expect(describeFilterQuery(query)).toEqual(chips);
  });

  it("answers null for filters that do not parse, so the caller shows the text", () => {
    expect(describeFilterQuery("from=yesterday")).toBeNull();
    expect(describeFilterQuery("path=not a path")).toBeNull();
  });
});

describe("the trash's reasons", () => {
  it("keeps a delete by filter's filters, and reads them back as chips", () => {
    const reason = matchingDeleteReason("tag=c%2B%2B&tag=a%26b&q=50%25&page=2&sort=id");
    expect(reason).toBe("Deleted all memories matching ?tag=c%2B%2B&tag=a%26b&q=50%25");
    expect(readDeleteReason(reason)).toEqual({
      text: "Deleted all memories matching",
      chips: ["text contains “50%”", "tag: c++ or a&b"],
    });
  });

  it("says when there was no filter", () => {
    expect(readDeleteReason(matchingDeleteReason("page=2"))).toEqual({
      text: "Deleted all memories (no filter)",
      chips: [],
    });
  });

  it.each([
    "Deleted memory 12",
    "Deleted 3 selected memories",
    // Written before chips: shown as it is.
    "Deleted all memories matching the filter tag=bug",
    "Deleted all memories matching ?from=yesterday",
  ])("shows %s as it is", (reason) => {
    expect(readDeleteReason(reason)).toEqual({ text: reason, chips: [] });
  });

  it("keeps a filter too long for the trash as words only", () => {
    const reason = matchingDeleteReason(`q=${"x".repeat(3000)}`);
    expect(reason.startsWith("Deleted all memories matching the filter q=xxx")).toBe(true);
    expect(reason.length).toBeLessThan(600);
    expect(readDeleteReason(reason).chips).toEqual([]);
  });
});
