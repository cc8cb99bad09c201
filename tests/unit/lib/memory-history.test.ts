import { describe, expect, it } from "vitest";
import type { MemoryVersion } from "@/db/queries/memory-history";
import { historyEntries } from "@/lib/memory-history";

/** A kept version (or the current row when `change` is null), oldest first as `version` counts. */
const v = (version: number, rawData: string, more: Partial<MemoryVersion> = {}): MemoryVersion => ({
  version,
  versionId: version,
  rawData,
  createdAt: "2026-01-01 00:00:00.000000",
  updatedAt: `2026-01-0${version} 00:00:00.000000`,
  replacedAt: `2026-01-0${version + 1}T00:00:00.000000Z`,
  change: "update",
  actor: null,
  operation: null,
  replacedByEmbedder: null,
  restoredAt: null,
  restoredBy: null,
  hasEmbedding: true,
  drift: version === 1 ? null : { l2: 0, cosine: 0 },
  embeddingChanged: false,
  ...more,
});

describe("the timeline of a memory", () => {
  it("names each change, who made it and which embedder made each vector", () => {
    const entries = historyEntries([
      v(6, '{"content": "b", "tags": ["x", "y"]}', { versionId: null, change: null, replacedAt: null }),
      v(5, '{"content": "b", "tags": ["x", "y"]}', {
        change: "delete",
        actor: "admin@x",
        restoredAt: "2026-01-09T12:00:00.000000Z",
        restoredBy: "boss@x",
      }),
      v(4, '{"content": "b", "tags": ["x"]}', { actor: null }),
      v(3, '{"content": "b", "tags": ["x"]}', {
        actor: "ed@x",
        embeddingChanged: true,
        drift: { l2: 0.5, cosine: 0.1 },
      }),
      v(2, '{"content": "b", "tags": ["x"]}', {
        actor: "ed@x",
        replacedByEmbedder: "openai · text-embedding-3-small",
        embeddingChanged: true,
      }),
      v(1, '{"content": "a", "tags": ["x"]}', { actor: "ed@x", replacedByEmbedder: "local · hashing-ngram-v1" }),
    ]);
    expect(entries.map((e) => [e.version, e.kind, e.madeBy, e.embedder])).toEqual([
      // A restore puts the deleted row back as it was; the deleted version says who restored it.
      [6, "restored", "boss@x", "openai · text-embedding-3-small"],
      [5, "tags changed", null, "openai · text-embedding-3-small"],
      [4, "timestamps only", "ed@x", "openai · text-embedding-3-small"],
      [3, "re-embedded", "ed@x", "openai · text-embedding-3-small"],
      [2, "content edit", "ed@x", "local · hashing-ngram-v1"],
      [1, "earliest kept", undefined, null],
    ]);
    expect(entries[0]!.madeAt).toBe("2026-01-09T12:00:00.000000Z");
    expect(entries[1]!.madeAt).toBe("2026-01-05T00:00:00.000000Z");
    expect(entries[0]!.current).toBe(true);
    expect(entries[0]!.deleted).toBe(false);
    expect(entries[3]!.embedding).toEqual({ changed: true, l2: 0.5, cosine: 0.1 });
  });

  it("does not guess who restored a memory put back without the app", () => {
    const [restored] = historyEntries([
      v(2, '{"content": "a"}', { versionId: null, change: null, replacedAt: null }),
      v(1, '{"content": "a"}', { change: "delete", actor: "admin@x" }),
    ]);
    expect(restored).toMatchObject({ kind: "restored", madeBy: undefined, madeAt: null });
  });

  it("names the embedder of the first vector only for the row as it was inserted", () => {
    const asInserted = { createdAt: "2026-01-01 00:00:00.000000", updatedAt: "2026-01-01 00:00:00.000000" };
    const [only] = historyEntries(
      [v(1, '{"content": "a"}', { versionId: null, change: null, ...asInserted })],
      "local · m",
    );
    expect(only!.embedder).toBe("local · m");
    // An oldest kept version that had been updated (older ones purged): its vector's maker is not known.
    const [, oldest] = historyEntries(
      [
        v(2, '{"content": "a"}', { versionId: null, change: null }),
        v(1, '{"content": "a"}', { updatedAt: "2026-01-03 00:00:00.000000" }),
      ],
      "local · m",
    );
    expect(oldest!.embedder).toBeNull();
  });

  it("marks a memory whose newest version was deleted", () => {
    const [newest] = historyEntries([v(2, '{"content": "a"}', { change: "delete" }), v(1, '{"content": "z"}')]);
    expect(newest).toMatchObject({ current: false, deleted: true, kind: "content edit" });
  });
});
