import { describe, expect, it } from "vitest";
import { FILTER_INPUTS, FILTER_PARAMS, filterParamsOf, isUnfiltered, parseFilters } from "@/db/filters";

const filters = (query: string) => parseFilters(new URLSearchParams(query));

describe("the table of filter kinds", () => {
  // One non-empty value per kind, as a shared link would carry it.
  const EACH_KIND = [
    "q=invoice",
    "contains=invoice",
    "tag=bug",
    "component=billing",
    "path=meta.source",
    "path=meta.source&value=chat",
    "path=meta&exists=false",
    "from=2026-01-01",
    "to=2026-01-01",
    "updatedFrom=2026-01-01",
    "updatedTo=2026-01-01",
    "embedding=with",
    "embedding=without",
  ];

  it.each(EACH_KIND)("%s narrows the list", (query) => {
    expect(isUnfiltered(filters(query))).toBe(false);
  });

  it.each([
    "",
    "tagMode=all",
    "tagMode=any",
    "q=&tag=&from=&updatedTo=&embedding=",
    "q=%20%20",
    "sort=id&order=asc&limit=10",
  ])("%s does not narrow the list", (query) => {
    expect(isUnfiltered(filters(query))).toBe(true);
  });

  it("knows every filter parameter, and keeps only those of a query string", () => {
    for (const query of EACH_KIND) {
      for (const key of new URLSearchParams(query).keys()) expect(FILTER_PARAMS).toContain(key);
    }
    const kept = filterParamsOf(
      new URLSearchParams("tag=a&page=3&sort=id&updatedFrom=2026-01-01&cursor=x&limit=20&junk=1"),
    );
    expect(kept.toString()).toBe("tag=a&updatedFrom=2026-01-01");
  });

  it("gives the filter bar one control per kind, with the updated range beside the created one", () => {
    expect(FILTER_INPUTS.map((i) => i.control)).toEqual([
      "text",
      "values",
      "values",
      "json-path",
      "date-range",
      "date-range",
      "choice",
    ]);
    expect(FILTER_INPUTS.filter((i) => i.control === "date-range")).toEqual([
      { control: "date-range", from: "from", to: "to", label: "Created" },
      { control: "date-range", from: "updatedFrom", to: "updatedTo", label: "Updated" },
    ]);
  });

  it("reads the text filter as contains where q is the search query", () => {
    expect(filters("contains=Dark%20mode").text).toBe("Dark mode");
    expect(filters("q=first&contains=second").text).toBe("second");
  });
});
