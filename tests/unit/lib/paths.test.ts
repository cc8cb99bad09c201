import { describe, expect, it } from "vitest";
import { decodeSegment, idFromDecoded, keepEncodedDots, projectPath, tenantPath } from "@/lib/paths";

const IDS = [".", "..", "...", ". ", "%2E", "%00.", "a/b", "alice@example.com", "?#&", "ü 🙂", "~"];

describe("paths of ids", () => {
  it.each(IDS)("%j survives a browser's URL resolution, in pages and in the API", (id) => {
    const url = new URL(tenantPath({ projectId: id, userId: id }), "http://app.example");
    const [, projects, project, users, user] = url.pathname.split("/");
    expect([projects, users]).toEqual(["projects", "users"]);
    expect(decodeSegment(project!)).toBe(id);
    expect(decodeSegment(user!)).toBe(id);
    // API route params arrive percent-decoded.
    expect(idFromDecoded(decodeURIComponent(user!))).toBe(id);
  });

  it("gives every id its own path", () => {
    expect(new Set(IDS.map(projectPath)).size).toBe(IDS.length);
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
