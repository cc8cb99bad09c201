import { describe, expect, it } from "vitest";
import type { ExportRow } from "@/db/queries/export";
import { csvLine, ndjsonLine } from "@/lib/export-format";

const row = (overrides: Partial<ExportRow> = {}): ExportRow => ({
  id: 7,
  userId: "ann",
  projectId: "p",
  rawDataJson: '{"n": 12345678901234567890}',
  embeddingJson: null,
  createdAt: "2026-03-04T05:06:07.891234",
  updatedAt: "2026-03-05T00:00:00.000000",
  ...overrides,
});

describe("CSV timestamps", () => {
  it("carry their zone: ISO 8601 in UTC with Z", () => {
    expect(csvLine(row(), false)).toBe(
      '7,ann,p,2026-03-04T05:06:07.891234Z,2026-03-05T00:00:00.000000Z,"{""n"": 12345678901234567890}"\r\n',
    );
  });

  it("leave a missing timestamp empty and infinity as it is", () => {
    expect(csvLine(row({ createdAt: null, updatedAt: "infinity" }), false)).toBe(
      '7,ann,p,,infinity,"{""n"": 12345678901234567890}"\r\n',
    );
  });

  it("leave NDJSON as stored", () => {
    expect(ndjsonLine(row())).toContain('"created_at":"2026-03-04T05:06:07.891234"');
  });
});
