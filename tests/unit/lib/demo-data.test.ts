import { describe, expect, it } from "vitest";
import { DEMO_ANCHOR, demoMemories } from "@/lib/demo-data";

describe("demo data", () => {
  it("is the same on every call", () => {
    expect(demoMemories()).toEqual(demoMemories());
  });

  it("has no unfilled template slots and keeps timestamps in order", () => {
    for (const m of demoMemories()) {
      expect(m.rawData.content).not.toMatch(/[{}]/);
      expect(m.updatedAt.getTime()).toBeGreaterThanOrEqual(m.createdAt.getTime());
      expect(m.createdAt.getTime()).toBeLessThanOrEqual(DEMO_ANCHOR.getTime());
    }
  });
});
