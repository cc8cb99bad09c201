import { describe, expect, it } from "vitest";
import { parseAuditQuery } from "@/lib/audit-query";
import { parseLeavingOut } from "@/lib/memory-query/lenient";
import { parseMemoryListQuery } from "@/lib/memory-query/params";
import { parseSearchQuery } from "@/lib/memory-query/search-params";
import { memoryRouteOf } from "@/lib/tenant-route";

const list = (query: string) => parseLeavingOut(new URLSearchParams(query), parseMemoryListQuery);

describe("parsing a link leaving out its bad parameters", () => {
  it("keeps a clean link as it is", () => {
    const parsed = list("tag=bug&limit=20");
    expect(parsed.problems).toEqual([]);
    expect(parsed.params.toString()).toBe("tag=bug&limit=20");
    expect(parsed.value.limit).toBe(20);
  });

  it("leaves out each bad parameter, names it, and reads the rest", () => {
    const parsed = list("tag=bug&limit=abc&sort=nope&from=2026-02-30");
    expect(parsed.problems.map((p) => p.param).sort()).toEqual(["from", "limit", "sort"]);
    expect(parsed.problems.find((p) => p.param === "limit")!.message).toMatch(/^limit must be/);
    expect(parsed.params.toString()).toBe("tag=bug");
    expect(parsed.value.filters.tags).toEqual(["bug"]);
    expect(parsed.value.limit).toBe(50);
  });

  it("a refusal naming a parameter the link lacks leaves out that filter's parameters", () => {
    const parsed = list("value=x&component=api");
    expect(parsed.problems).toEqual([{ param: "path", message: expect.stringContaining("needs a JSON path") }]);
    expect(parsed.params.toString()).toBe("component=api");
  });

  it("a page and a cursor together drop the cursor; a broken cursor is left out", () => {
    expect(list("page=2&cursor=abc").params.toString()).toBe("page=2");
    expect(list("cursor=!!").problems.map((p) => p.param)).toEqual(["cursor"]);
  });

  it("works for the search and the audit log too", () => {
    const search = parseLeavingOut(new URLSearchParams("q=hello&k=abc&metric=cosine"), parseSearchQuery);
    expect(search.problems.map((p) => p.param)).toEqual(["k"]);
    expect(search.value).toMatchObject({ target: { kind: "text", q: "hello" }, k: 10, metric: "cosine" });
    const hybrid = parseLeavingOut(new URLSearchParams("q=hello&mode=hybrid&threshold=0.5"), parseSearchQuery);
    expect(hybrid.problems).toEqual([{ param: "threshold", message: expect.stringMatching(/vector search only/) }]);
    expect(hybrid.value).toMatchObject({ target: { kind: "text", q: "hello" }, mode: "hybrid" });
    const similar = parseLeavingOut(new URLSearchParams("similar=4&mode=keyword"), parseSearchQuery);
    expect(similar.problems).toEqual([{ param: "mode", message: expect.stringMatching(/needs a typed query/) }]);
    expect(similar.value).toMatchObject({ target: { kind: "similar", id: 4 }, mode: "vector" });
    expect(parseLeavingOut(new URLSearchParams("q=x&mode=fuzzy"), parseSearchQuery).problems).toEqual([
      { param: "mode", message: "mode must be vector, keyword or hybrid." },
    ]);
    const audit = parseLeavingOut(new URLSearchParams("project=p&action=bogus&to=2026-13-01"), parseAuditQuery);
    expect(audit.problems.map((p) => p.param)).toEqual(["action", "to"]);
    expect(audit.value).toEqual({
      projectId: "p",
      userId: undefined,
      action: undefined,
      from: undefined,
      before: undefined,
    });
    expect(audit.params.toString()).toBe("project=p");
  });
});

describe("the inspector address of a not-found page", () => {
  it("reads the tenant and id, and nothing else", () => {
    expect(memoryRouteOf("/projects/acme/users/alice%40example.com/memories/12")).toEqual({
      tenant: { projectId: "acme", userId: "alice@example.com" },
      id: 12,
    });
    expect(memoryRouteOf("/projects/acme/users/bob/memories/abc")).toBeNull();
    expect(memoryRouteOf("/projects/acme/users/bob")).toBeNull();
    expect(memoryRouteOf("/projects/acme/users/bob/memories/1/x")).toBeNull();
  });
});
