import { describe, expect, it } from "vitest";
import { parseJsonPath } from "@/db/filters/json-path";
import { childPath } from "@/lib/json-path-format";

describe("paths copied from the JSON tree", () => {
  it("use the filter's syntax, so a copied path can be pasted into the JSON path filter", () => {
    const path = childPath(childPath(childPath("", "entities"), 0), "type");
    expect(path).toBe("entities[0].type");
    expect(parseJsonPath(path)).toEqual(["entities", "0", "type"]);
  });
  it("quote keys the filter cannot express", () => {
    expect(childPath("meta", "a b")).toBe('meta["a b"]');
  });
});
