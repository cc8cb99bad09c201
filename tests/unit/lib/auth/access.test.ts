import { describe, expect, it } from "vitest";
import type { Grant } from "@/db/queries/access";
import { type Permission, projectsWith, roleAllows, roleNeeded, roleOn } from "@/lib/auth/access";

const on = (projectId: string | null, role: Grant["role"]): Grant => ({ projectId, role });

describe("roleOn", () => {
  it("is null without a grant on the project", () => {
    expect(roleOn([], "a")).toBeNull();
    expect(roleOn([on("b", "admin")], "a")).toBeNull();
  });

  it("takes a grant on the project, and never a grant on a project whose id merely resembles it", () => {
    expect(roleOn([on("a", "editor")], "a")).toBe("editor");
    expect(roleOn([on("a", "admin")], "A")).toBeNull();
    expect(roleOn([on("a", "admin")], "a ")).toBeNull();
    expect(roleOn([on("ab", "admin")], "a")).toBeNull();
  });

  it("counts an all-projects grant on every project", () => {
    expect(roleOn([on(null, "viewer")], "a")).toBe("viewer");
    expect(roleOn([on(null, "viewer")], "anything/else β")).toBe("viewer");
  });

  it("gives the highest role of the grants that apply, in any order", () => {
    expect(roleOn([on(null, "viewer"), on("a", "admin")], "a")).toBe("admin");
    expect(roleOn([on("a", "admin"), on(null, "viewer")], "a")).toBe("admin");
    expect(roleOn([on("a", "viewer"), on(null, "editor")], "a")).toBe("editor");
    expect(roleOn([on(null, "editor"), on("a", "viewer")], "a")).toBe("editor");
    // The admin grant on another project does not lift the role here.
    expect(roleOn([on("b", "admin"), on(null, "viewer")], "a")).toBe("viewer");
  });
});

describe("roleAllows", () => {
  const table: [Grant["role"] | null, Permission, boolean][] = [
    [null, "read", false],
    [null, "write", false],
    [null, "admin", false],
    ["viewer", "read", true],
    ["viewer", "write", false],
    ["viewer", "admin", false],
    ["editor", "read", true],
    ["editor", "write", true],
    ["editor", "admin", false],
    ["admin", "read", true],
    ["admin", "write", true],
    ["admin", "admin", true],
  ];
  it.each(table)("%s may %s: %s", (role, permission, allowed) => {
    expect(roleAllows(role, permission)).toBe(allowed);
  });

  it("names the role each permission needs", () => {
    expect([roleNeeded("read"), roleNeeded("write"), roleNeeded("admin")]).toEqual(["viewer", "editor", "admin"]);
  });
});

describe("projectsWith", () => {
  it("is an empty list without grants", () => {
    expect(projectsWith([])).toEqual([]);
    expect(projectsWith([], "admin")).toEqual([]);
  });

  it("lists the granted projects once each, sorted", () => {
    expect(projectsWith([on("b", "viewer"), on("a", "admin"), on("b", "editor")])).toEqual(["a", "b"]);
  });

  it("is all with an all-projects grant that is enough", () => {
    expect(projectsWith([on("a", "admin"), on(null, "viewer")])).toBe("all");
    expect(projectsWith([on(null, "admin")], "admin")).toBe("all");
  });

  it("keeps only the grants strong enough for the permission", () => {
    const grants = [on(null, "viewer"), on("a", "editor"), on("b", "admin"), on("c", "viewer")];
    expect(projectsWith(grants, "read")).toBe("all");
    expect(projectsWith(grants, "write")).toEqual(["a", "b"]);
    expect(projectsWith(grants, "admin")).toEqual(["b"]);
    expect(projectsWith([on(null, "editor")], "admin")).toEqual([]);
  });

  it("reads by default", () => {
    expect(projectsWith([on("a", "viewer")])).toEqual(["a"]);
  });
});
