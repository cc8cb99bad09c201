import { describe, expect, it } from "vitest";
import { AppError } from "@/db/app-error";
import { encodeCursor } from "@/db/cursor";
import { parseDateParam } from "@/db/filters/dates";
import { parseJsonPath } from "@/db/filters/json-path";
import { MAX_OFFSET } from "@/db/list-query";
import { parseMemoryFilters, parseMemoryListQuery } from "@/lib/memory-query/params";

const parse = (query: string) => parseMemoryListQuery(new URLSearchParams(query));
function refused(query: string): AppError {
  try {
    parse(query);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`"${query}" was accepted`);
}

describe("memory list URL parameters", () => {
  it("default to the newest 50 memories, unfiltered", () => {
    expect(parse("")).toEqual({
      filters: { tags: [], tagMode: "any", components: [] },
      sort: "created_at",
      order: "desc",
      limit: 50,
      page: 1,
    });
  });

  it("read every filter, with repeated tags and components", () => {
    const q = parse(
      "tag=a&tag=b&tag=a&tagMode=all&component=auth&component=billing&path=meta.source&value=chat&q=%20Dark%20mode%20&from=2026-01-01&to=2026-01-31&embedding=without&sort=updated_at&order=asc&limit=200&page=3",
    );
    expect(q).toEqual({
      filters: {
        tags: ["a", "b"],
        tagMode: "all",
        components: ["auth", "billing"],
        jsonPath: { path: "meta.source", segments: ["meta", "source"], op: "equals", value: "chat" },
        text: "Dark mode",
        from: new Date("2026-01-01T00:00:00Z"),
        before: new Date("2026-02-01T00:00:00Z"), // the whole of the 31st
        embedding: "without",
      },
      sort: "updated_at",
      order: "asc",
      limit: 200,
      page: 3,
    });
  });

  it("treat a path without value as present, and exists=false as absent", () => {
    expect(parse("path=entities[0].type").filters.jsonPath).toEqual({
      path: "entities[0].type",
      segments: ["entities", "0", "type"],
      op: "present",
    });
    expect(parse("path=meta&exists=false").filters.jsonPath).toMatchObject({ op: "absent" });
  });

  it("ignore empty form fields", () => {
    expect(parse("q=&tag=&component=&from=&limit=").filters).toEqual({ tags: [], tagMode: "any", components: [] });
  });

  it("take date-times as exact bounds, in UTC when no zone is given", () => {
    const q = parse("from=2026-03-01T10:00&to=2026-03-01T12:30:00%2B02:00");
    expect(q.filters.from).toEqual(new Date("2026-03-01T10:00:00Z"));
    expect(q.filters.before).toEqual(new Date(new Date("2026-03-01T10:30:00Z").getTime() + 1));
  });

  it("accept a cursor made for the same sort", () => {
    const cursor = encodeCursor({ sort: "created_at", order: "desc", key: "2026-01-01 10:00:00.123456", id: 42 });
    expect(parse(`cursor=${cursor}`).cursor).toEqual({
      sort: "created_at",
      order: "desc",
      key: "2026-01-01 10:00:00.123456",
      id: 42,
    });
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=-1", "limit"],
    ["limit=1000000000", "limit"],
    ["limit=9", "limit"],
    ["limit=201", "limit"],
    ["limit=ten", "limit"],
    ["limit=1e2", "limit"],
    ["page=0", "page"],
    ["page=abc", "page"],
    [`page=${MAX_OFFSET / 50 + 1}`, "page"],
    ["cursor=garbage!!", "cursor"],
    ["cursor=WzEsMiwzLDRd", "cursor"],
    [`cursor=${encodeCursor({ sort: "id", order: "desc", key: "5", id: 5 })}`, "cursor"],
    [`cursor=${encodeCursor({ sort: "created_at", order: "desc", key: "'; drop table x", id: 5 })}`, "cursor"],
    [
      `page=2&cursor=${encodeCursor({ sort: "created_at", order: "desc", key: "2026-01-01 10:00:00", id: 5 })}`,
      "cursor",
    ],
    ["sort=name", "sort"],
    ["order=sideways", "order"],
    ["tagMode=some", "tagMode"],
    ["embedding=maybe", "embedding"],
    ["from=2026-02-30", "from"],
    ["to=2026-13-01", "to"],
    ["from=2026-01-01T25:00", "from"],
    ["from=yesterday", "from"],
    ["from=0000-01-01", "from"],
    ["to=0001-01-01T00:30%2B01:00", "to"],
    ["from=2026-05-02&to=2026-05-01", "from"],
    ["updatedFrom=2026-02-30", "updatedFrom"],
    ["updatedTo=soon", "updatedTo"],
    ["updatedFrom=2026-05-02&updatedTo=2026-05-01", "updatedFrom"],
    ["updatedFrom=2026-05-02T10:00:00Z&updatedTo=2026-05-02T09:59:59Z", "updatedFrom"],
    ["path=meta source", "path"],
    ["path=meta..source", "path"],
    ["path=.meta", "path"],
    ["path=meta.'x'", "path"],
    ["path=a[x]", "path"],
    ["value=chat", "path"],
    ["exists=true", "path"],
    ["path=meta&value=x&exists=true", "exists"],
    [`q=${"x".repeat(501)}`, "q"],
    [`tag=${"x".repeat(256)}`, "tag"],
    [`${Array.from({ length: 21 }, (_, i) => `tag=t${i}`).join("&")}`, "tag"],
    ["tag=a%00b", "tag"],
  ])("refuse %s, naming %s", (query, field) => {
    const error = refused(query);
    expect(error.code).toBe("invalid");
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it("read the updated_at range like the created_at one, each bound on its own column", () => {
    expect(parse("updatedFrom=2026-03-01&updatedTo=2026-03-31").filters).toEqual({
      tags: [],
      tagMode: "any",
      components: [],
      updatedFrom: new Date("2026-03-01T00:00:00Z"),
      updatedBefore: new Date("2026-04-01T00:00:00Z"), // the whole of the 31st
    });
    expect(parse("updatedTo=2026-03-01T10:00:00Z&from=2026-01-01").filters).toEqual({
      tags: [],
      tagMode: "any",
      components: [],
      from: new Date("2026-01-01T00:00:00Z"),
      updatedBefore: new Date("2026-03-01T10:00:00.001Z"),
    });
  });

  it("keep quotes, wildcards and SQL in values as plain data", () => {
    const nasty = "'; drop table memory_logs; --";
    const q = parse(
      new URLSearchParams({ tag: nasty, q: "100% _done_ \\o/", path: "meta.source", value: nasty }).toString(),
    );
    expect(q.filters.tags).toEqual([nasty]);
    expect(q.filters.text).toBe("100% _done_ \\o/");
    expect(q.filters.jsonPath).toMatchObject({ value: nasty });
  });

  it("parseMemoryFilters ignores paging and sorting", () => {
    expect(parseMemoryFilters(new URLSearchParams("tag=a&page=999999&limit=0&sort=bad&cursor=zzz"))).toEqual({
      tags: ["a"],
      tagMode: "any",
      components: [],
    });
  });
});

describe("JSON paths", () => {
  it.each([
    ["meta.source", ["meta", "source"]],
    ["entities[0].type", ["entities", "0", "type"]],
    ["matrix[1][02]", ["matrix", "1", "2"]],
    ["a-b_c.9", ["a-b_c", "9"]],
  ])("read %s", (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each([
    "",
    " ",
    "a b",
    "a..b",
    "a.",
    "[0]",
    "a[]",
    "a[-1]",
    "a.$x",
    'a."b"',
    "a;b",
    "x".repeat(201),
    Array(17).fill("a").join("."),
  ])("refuse %j", (path) => {
    expect(() => parseJsonPath(path)).toThrow(AppError);
  });
});

describe("date parameters", () => {
  it.each(["2026-02-29", "2025-04-31", "2026-00-10", "2026-01-01T24:00", "2026-01-01T10:60", "26-01-01", "2026-1-1"])(
    "refuse %s",
    (raw) => {
      expect(parseDateParam(raw)).toBeNull();
    },
  );
  it.each(["2024-02-29", "2026-12-31", "2026-01-01T23:59:59.999Z", "2026-06-01T08:00:00-05:00"])("accept %s", (raw) => {
    expect(parseDateParam(raw)).not.toBeNull();
  });
});
