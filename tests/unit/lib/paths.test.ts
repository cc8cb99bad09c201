import { describe, expect, it } from "vitest";
import {
  accessPath,
  apiExportPath,
  apiFacetsPath,
  apiMemoriesPath,
  apiMemoryPath,
  apiProjectsPath,
  apiProjectUsersPath,
  apiSearchPath,
  apiTenantPath,
  apiTenantsPath,
  auditPath,
  decodeSegment,
  idFromDecoded,
  importPath,
  isApiPath,
  isSignInPath,
  keepEncodedDots,
  memoryPath,
  newMemoryPath,
  projectPath,
  projectsPath,
  searchPath,
  signInPath,
  similarPath,
  tenantPath,
  tokensPath,
  trashPath,
} from "@/lib/paths";

const IDS = [".", "..", "...", ". ", "%2E", "%00.", "%", "a/b", "a b", "alice@example.com", "?#&", "ü 🙂", "~"];

/** The path segments a browser requests for `path`, after resolving it against the app's origin. */
const segments = (path: string) => new URL(path, "http://app.example").pathname.split("/").slice(1);

describe("paths of ids", () => {
  it.each(IDS)("%j survives a browser's URL resolution, in pages and in the API", (id) => {
    const [projects, project, users, user] = segments(tenantPath({ projectId: id, userId: id }));
    expect([projects, users]).toEqual(["projects", "users"]);
    expect(decodeSegment(project!)).toBe(id);
    expect(decodeSegment(user!)).toBe(id);
    // API route params arrive percent-decoded.
    expect(idFromDecoded(decodeURIComponent(user!))).toBe(id);
  });

  it("gives every id its own path", () => {
    expect(new Set(IDS.map((id) => projectPath(id))).size).toBe(IDS.length);
  });

  it("keeps %2E segments as the ids . and .., and leaves plain dot segments and queries alone", () => {
    expect(keepEncodedDots("/api/v1/projects/p/users/%2E/memories?q=%2E")).toBe(
      "/api/v1/projects/p/users/%00./memories?q=%2E",
    );
    expect(keepEncodedDots("/projects/%2e%2E/users/.%2e")).toBe("/projects/%00../users/%00..");
    expect(keepEncodedDots("/projects/p/./users/../x")).toBe("/projects/p/./users/../x");
    expect(keepEncodedDots("/projects/%2E%2E%2E")).toBe("/projects/%2E%2E%2E");
  });
});

describe("a user's pages", () => {
  const PAGES = {
    memory: (t: { projectId: string; userId: string }) => memoryPath(t, 42),
    new: newMemoryPath,
    import: importPath,
    search: (t: { projectId: string; userId: string }) => searchPath(t),
    trash: trashPath,
  };

  for (const [name, build] of Object.entries(PAGES)) {
    it.each(IDS)(`${name}: %j stays the tenant, whatever it holds`, (id) => {
      const [projects, project, users, user, ...rest] = segments(build({ projectId: id, userId: id }));
      expect([projects, users]).toEqual(["projects", "users"]);
      expect(decodeSegment(project!)).toBe(id);
      expect(decodeSegment(user!)).toBe(id);
      expect(rest).toEqual(name === "memory" ? ["memories", "42"] : [name]);
    });
  }

  it("are the addresses users see", () => {
    const tenant = { projectId: "acme", userId: "a/b" };
    expect(tenantPath(tenant)).toBe("/projects/acme/users/a%2Fb");
    expect(memoryPath(tenant, 7)).toBe("/projects/acme/users/a%2Fb/memories/7");
    expect(newMemoryPath(tenant)).toBe("/projects/acme/users/a%2Fb/new");
    expect(importPath(tenant)).toBe("/projects/acme/users/a%2Fb/import");
    expect(searchPath(tenant)).toBe("/projects/acme/users/a%2Fb/search");
    expect(trashPath(tenant)).toBe("/projects/acme/users/a%2Fb/trash");
    expect(tenantPath({ projectId: "..", userId: "." })).toBe("/projects/%00../users/%00.");
  });
});

describe("queries", () => {
  const tenant = { projectId: "p", userId: "u" };

  it("are added as given: encoded text, URLSearchParams, Next.js's search params or named values", () => {
    expect(tenantPath(tenant, "tag=a%20b&sort=id")).toBe("/projects/p/users/u?tag=a%20b&sort=id");
    expect(tenantPath(tenant, "?page=2")).toBe("/projects/p/users/u?page=2");
    expect(memoryPath(tenant, 3, new URLSearchParams([["tag", "a&b"]]))).toBe(
      "/projects/p/users/u/memories/3?tag=a%26b",
    );
    expect(searchPath(tenant, { q: "100% ü", tag: ["x", "y"], k: undefined })).toBe(
      "/projects/p/users/u/search?q=100%25+%C3%BC&tag=x&tag=y",
    );
    expect(projectPath("a b", { filter: "" })).toBe("/projects/a%20b?filter=");
  });

  it("leave no ? when empty", () => {
    expect(tenantPath(tenant, "")).toBe("/projects/p/users/u");
    expect(tenantPath(tenant, new URLSearchParams())).toBe("/projects/p/users/u");
    expect(auditPath({ project: undefined })).toBe("/audit");
    expect(projectsPath({})).toBe("/");
  });

  it("find memories similar to one, by a metric", () => {
    expect(similarPath(tenant, 5)).toBe("/projects/p/users/u/search?similar=5");
    expect(similarPath(tenant, 5, "cosine")).toBe("/projects/p/users/u/search?similar=5&metric=cosine");
  });

  it("filter the audit log, whatever the ids hold", () => {
    const url = new URL(auditPath({ project: "a/b ?&", user: "..", action: "update", from: "2026-05-01" }), "http://x");
    expect(url.pathname).toBe("/audit");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      project: "a/b ?&",
      user: "..",
      action: "update",
      from: "2026-05-01",
    });
  });
});

describe("the account pages", () => {
  it("are fixed addresses", () => {
    expect(projectsPath()).toBe("/");
    expect(accessPath()).toBe("/admin/access");
    expect(tokensPath()).toBe("/account/tokens");
  });

  it.each(["/", "/projects/a%2Fb/users/%00..?tag=a%20b&page=2", "/audit?user=ü 🙂"])(
    "signing in leads back to %j",
    (next) => {
      const url = new URL(signInPath(next), "http://app.example");
      expect(url.pathname).toBe("/sign-in");
      expect(url.searchParams.get("next")).toBe(next);
    },
  );

  it("sign in with next written as the address bar shows it", () => {
    expect(signInPath()).toBe("/sign-in");
    expect(signInPath("/")).toBe("/sign-in?next=%2F");
    expect(isSignInPath(signInPath("/x"))).toBe(true);
    expect(isSignInPath("/audit")).toBe(false);
  });
});

describe("the API", () => {
  it.each(IDS)("%j stays the tenant in every route", (id) => {
    const tenant = { projectId: id, userId: id };
    for (const [path, rest] of [
      [apiTenantPath(tenant), []],
      [apiMemoriesPath(tenant), ["memories"]],
      [apiMemoryPath(tenant, 9), ["memories", "9"]],
      [apiSearchPath(tenant), ["search"]],
      [apiFacetsPath(tenant), ["facets"]],
      [apiExportPath(tenant), ["export"]],
    ] as const) {
      const [api, v1, projects, project, users, user, ...tail] = segments(path);
      expect([api, v1, projects, users]).toEqual(["api", "v1", "projects", "users"]);
      // API route params arrive percent-decoded.
      expect(idFromDecoded(decodeURIComponent(project!))).toBe(id);
      expect(idFromDecoded(decodeURIComponent(user!))).toBe(id);
      expect(tail).toEqual(rest);
    }
    const [, , , project, users] = segments(apiProjectUsersPath(id));
    expect(idFromDecoded(decodeURIComponent(project!))).toBe(id);
    expect(users).toBe("users");
  });

  it("takes queries and names the API's own routes", () => {
    const tenant = { projectId: "p", userId: "u" };
    expect(apiProjectsPath()).toBe("/api/v1/projects");
    expect(apiMemoriesPath(tenant, { limit: 20, cursor: "a+b" })).toBe(
      "/api/v1/projects/p/users/u/memories?limit=20&cursor=a%2Bb",
    );
    expect(apiExportPath(tenant, "format=csv")).toBe("/api/v1/projects/p/users/u/export?format=csv");
    expect(new URL(apiTenantsPath("a b&c"), "http://x").searchParams.get("q")).toBe("a b&c");
    expect(isApiPath(apiTenantPath(tenant))).toBe(true);
    expect(isApiPath("/api/health")).toBe(true);
    expect(isApiPath(tenantPath(tenant))).toBe(false);
  });
});
