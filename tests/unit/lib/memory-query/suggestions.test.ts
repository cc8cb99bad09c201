import { describe, expect, it } from "vitest";
import { parseSuggestionQuery } from "@/lib/memory-query/suggestions";

const parse = (query: string) => parseSuggestionQuery(new URLSearchParams(query));

describe("suggestion parameters", () => {
  it("reads the field and the prefix, which may be empty", () => {
    expect(parse("field=tag&prefix=bu")).toEqual({ field: "tag", prefix: "bu" });
    expect(parse("field=component")).toEqual({ field: "component", prefix: "" });
    expect(parse("field=path&prefix=meta.")).toEqual({ field: "path", prefix: "meta." });
  });

  it.each([
    ["prefix=bu", "field"],
    ["field=tags&prefix=bu", "field"],
    [`field=tag&prefix=${"x".repeat(256)}`, "prefix"],
    ["field=tag&prefix=a%00b", "prefix"],
  ])("refuses %s, naming %s", (query, field) => {
    expect(() => parse(query)).toThrow(expect.objectContaining({ code: "invalid", field }));
  });
});
