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
    "id=12",
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
      "values",
    ]);
    expect(FILTER_INPUTS.filter((i) => i.control === "date-range")).toEqual([
      { control: "date-range", from: "from", to: "to", label: "Created" },
      { control: "date-range", from: "updatedFrom", to: "updatedTo", label: "Updated" },
    ]);
  });

  it("reads memory ids: repeated, distinct, whole numbers, at most 1,000", () => {
    expect(filters("id=12&id=5&id=12").ids).toEqual([12, 5]);
    expect(filters("").ids).toBeUndefined();
    for (const bad of ["id=abc", "id=0", "id=-3", "id=1.5", "id=2147483648"])
      expect(() => filters(bad), bad).toThrow(/id must|An id/);
    const many = Array.from({ length: 1001 }, (_, i) => `id=${i + 1}`).join("&");
    expect(() => filters(many)).toThrow("At most 1000 ids.");
  });

  it("reads the text filter as contains where q is the search query", () => {
    expect(filters("contains=Dark%20mode").text).toBe("Dark mode");
    expect(filters("q=first&contains=second").text).toBe("second");
  });
});

describe("comparisons on a JSON path", () => {
  const refused = (query: string) => {
    try {
      filters(query);
    } catch (error) {
      return { field: (error as { field?: string }).field, message: (error as Error).message };
    }
    throw new Error(`${query} was accepted`);
  };

  it("reads a number, kept as written", () => {
    expect(filters("path=importance&op=gt&value=0.8").jsonPath).toEqual({
      path: "importance",
      segments: ["importance"],
      op: "gt",
      value: "0.8",
      compared: { type: "number", number: "0.8" },
    });
    expect(filters("path=n&op=lte&value=12345678901234567890").jsonPath).toMatchObject({
      compared: { type: "number", number: "12345678901234567890" },
    });
    expect(filters("path=n&op=gte&value=-2.5E%2B3").jsonPath).toMatchObject({ compared: { number: "-2.5E+3" } });
  });

  it("reads a date, a date-time and now", () => {
    expect(filters("path=expires_at&op=lt&value=2026-01-01").jsonPath).toMatchObject({
      compared: { type: "date", at: new Date("2026-01-01T00:00:00Z"), dateOnly: true },
    });
    expect(filters("path=expires_at&op=gt&value=2026-01-01T10:00:00%2B02:00").jsonPath).toMatchObject({
      compared: { type: "date", at: new Date("2026-01-01T08:00:00Z"), dateOnly: false },
    });
    expect(filters("path=expires_at&op=lt&value=now").jsonPath).toMatchObject({
      compared: { type: "date", at: "now" },
    });
  });

  it("keeps op=eq and no op as equality of text", () => {
    expect(filters("path=a&op=eq&value=0.8").jsonPath).toMatchObject({ op: "equals", value: "0.8" });
    expect(filters("path=a&value=soon").jsonPath).toMatchObject({ op: "equals", value: "soon" });
  });

  it.each([
    ["path=a&op=gt&value=high", "value", /JSON number .* ISO date .* or now; "high"/],
    ["path=a&op=gt&value=%2B1", "value", /"\+1" is none/],
    ["path=a&op=gt&value=.5", "value", /".5" is none/],
    ["path=a&op=gt&value=NaN", "value", /"NaN" is none/],
    ["path=a&op=gt&value=Infinity", "value", /none/],
    ["path=a&op=gt&value=0x10", "value", /none/],
    ["path=a&op=gt&value=1e1001", "value", /none/],
    ["path=a&op=lt&value=2026-02-30", "value", /none/],
    ["path=a&op=lt&value=2026-01-01T25:00", "value", /none/],
    ["path=a&op=lt&value=NOW", "value", /none/],
    ["path=a&op=gt", "value", /op=gt needs a value/],
    ["path=a&op=between&value=1", "op", /op must be eq, lt, lte, gt or gte/],
    ["path=a&op=gt&exists=true", "value", /needs a value/],
    ["op=gt&value=1", "path", /needs a JSON path/],
  ])("refuses %s, naming %s", (query, field, message) => {
    const error = refused(query);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it("narrows the list, and its parameter is a filter parameter", () => {
    expect(isUnfiltered(filters("path=a&op=gt&value=1"))).toBe(false);
    expect(FILTER_PARAMS).toContain("op");
  });
});
