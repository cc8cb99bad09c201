import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Database } from "@/db/connect";
import { countMatching } from "@/db/queries/memory-count";
import { listMemories } from "@/db/queries/memory-list";
import type { Tenant } from "@/db/tenant";
import { parseMemoryListQuery } from "@/lib/memory-query/params";
import { openMigrated, rawQuery, testDatabases } from "../support/databases";

const MAIN: Tenant = { projectId: "alpha", userId: "u1" };
const OTHER: Tenant = { projectId: "alpha", userId: "u2" };

// Each memory by name, so an expectation reads as the names that match; raw_data as JSON text,
// so numbers past a double's precision arrive as written.
const MEMORIES: Record<string, string> = {
  low: '{"importance": 0.25, "expires_at": "2020-03-01T12:00:00Z"}',
  mid: '{"importance": 0.8, "expires_at": "2026-01-01"}',
  high: '{"importance": 0.9, "expires_at": "2026-01-01T23:30:00+02:00"}', // 21:30 UTC that day
  huge: '{"importance": 12345678901234567890, "expires_at": "2999-12-31T00:00:00"}', // no zone: UTC
  exact: '{"importance": 1.0000000000000000001, "expires_at": "2026-01-02T00:00:00Z"}',
  text: '{"importance": "0.95", "expires_at": "soon"}', // strings: neither a number nor a date
  impossible: '{"importance": true, "expires_at": "2026-02-30"}', // a day February does not have
  hour25: '{"importance": null, "expires_at": "2026-01-01T25:00:00Z"}',
  leap: '{"importance": [1], "expires_at": "2024-02-29"}',
  nested: '{"importance": {"value": 1}, "expires_at": 20260101}', // a number is no date
  none: '{"content": "nothing to compare"}',
};

describe.each(testDatabases)("comparisons on JSON paths ($name)", (database) => {
  let conn: Connection;
  let db: Database;
  const names = new Map<number, string>();

  beforeAll(async () => {
    ({ conn, db } = await openMigrated(database));
    const insert = async (tenant: Tenant, rawData: string) => {
      const [row] = await rawQuery<{ id: number }>(
        conn,
        `insert into memory_logs (user_id, project_id, raw_data, created_at, updated_at)
         values ($1, $2, $3::jsonb, '2026-01-01', '2026-01-01') returning id`,
        [tenant.userId, tenant.projectId, rawData],
      );
      return row!.id;
    };
    for (const [name, rawData] of Object.entries(MEMORIES)) names.set(await insert(MAIN, rawData), name);
    // Another user's memory matches nearly every comparison: it must never show.
    await insert(OTHER, MEMORIES.mid!);
  });
  afterAll(() => conn?.close());

  const matching = async (query: string) => {
    const parsed = parseMemoryListQuery(new URLSearchParams(query));
    const page = await listMemories(MAIN, parsed, db);
    const count = await countMatching(MAIN, parsed.filters, db);
    const found = page.items.map((m) => names.get(m.id)!).sort();
    expect(count).toBe(found.length);
    return found;
  };

  it.each([
    ["importance > 0.8", "path=importance&op=gt&value=0.8", ["exact", "high", "huge"]],
    ["importance >= 0.8", "path=importance&op=gte&value=0.8", ["exact", "high", "huge", "mid"]],
    ["importance < 0.8", "path=importance&op=lt&value=0.8", ["low"]],
    ["importance <= 0.25", "path=importance&op=lte&value=0.25", ["low"]],
    ["exactly, past a double's precision", "path=importance&op=gt&value=1", ["exact", "huge"]],
    ["a big number as written", "path=importance&op=gte&value=12345678901234567890", ["huge"]],
    ["an exponent", "path=importance&op=gt&value=1e3", ["huge"]],
    ["a negative number", "path=importance&op=gt&value=-1", ["exact", "high", "huge", "low", "mid"]],
  ])("numbers: %s", async (_, query, expected) => {
    expect(await matching(query)).toEqual(expected);
  });

  it.each([
    ["before a date-time", "path=expires_at&op=lt&value=2026-01-01T00:00:00Z", ["leap", "low"]],
    ["before a date (its start)", "path=expires_at&op=lt&value=2026-01-01", ["leap", "low"]],
    ["up to a date (its whole day)", "path=expires_at&op=lte&value=2026-01-01", ["high", "leap", "low", "mid"]],
    ["after a date (the next day on)", "path=expires_at&op=gt&value=2026-01-01", ["exact", "huge"]],
    ["from a date", "path=expires_at&op=gte&value=2026-01-01", ["exact", "high", "huge", "mid"]],
    ["a zone in the value", "path=expires_at&op=gt&value=2026-01-01T23:00:00%2B02:00", ["exact", "high", "huge"]],
    ["already expired", "path=expires_at&op=lt&value=now", ["exact", "high", "leap", "low", "mid"]],
    ["not yet expired", "path=expires_at&op=gte&value=now", ["huge"]],
  ])("dates: %s", async (_, query, expected) => {
    expect(await matching(query)).toEqual(expected);
  });

  it("keeps equality as text, and presence", async () => {
    expect(await matching("path=expires_at&value=2026-01-01")).toEqual(["mid"]);
    expect(await matching("path=importance&op=eq&value=0.95")).toEqual(["text"]);
    expect(await matching("path=importance&exists=false")).toEqual(["none"]);
  });

  it("compares with the other filters", async () => {
    expect(await matching("path=importance&op=gt&value=0.5&from=2027-01-01")).toEqual([]);
    expect(await matching("path=importance&op=gt&value=0.5&q=nothing")).toEqual([]);
  });

  it.each([
    ["a word", "path=importance&op=gt&value=high", "value"],
    ["a number JSON does not write", "path=importance&op=gt&value=.5", "value"],
    ["a date February lacks", "path=expires_at&op=lt&value=2026-02-30", "value"],
    ["an exponent numeric cannot hold", "path=importance&op=gt&value=1e999999", "value"],
    ["an unknown operator", "path=importance&op=between&value=1", "op"],
    ["an operator without a value", "path=importance&op=gt", "value"],
    ["an operator without a path", "op=gt&value=1", "path"],
  ])("refuses %s, naming the parameter", (_, query, parameter) => {
    expect(() => parseMemoryListQuery(new URLSearchParams(query))).toThrow(
      expect.objectContaining({ code: "invalid", field: parameter }),
    );
  });

  it("binds the value, never splicing it into SQL", async () => {
    expect(await matching("path=importance&op=gt&value=0.8&tag=x')%20or%20true--")).toEqual([]);
  });
});
