import type { MemoryVersion } from "@/db/queries/memory-history";
import { diffRawData } from "./raw-data-diff";

/** What made a version out of the one before it. */
export type ChangeKind =
  | "earliest kept"
  | "content edit"
  | "tags changed"
  | "re-embedded"
  | "restored"
  | "timestamps only";

/** A version as the timeline and the API show it: what made it, who, when, and how far its vector moved. */
export type HistoryEntry = {
  version: number;
  /** The kept version's id (what a restore names); null for the current row. */
  versionId: number | null;
  current: boolean;
  rawData: string;
  createdAt: string;
  updatedAt: string;
  kind: ChangeKind;
  /** Who made this version (null: outside the dashboard; undefined: not known here, as before the history began). */
  madeBy: string | null | undefined;
  /** When the version before it was replaced; null for the earliest kept. */
  madeAt: string | null;
  /** When and by whom this version was replaced or deleted; null for the current row. */
  replacedAt: string | null;
  actor: string | null;
  /** The current memory is in the trash (or purged): this, the newest kept version, was deleted. */
  deleted: boolean;
  /** The embedder and model of this version's vector, when the app made it. */
  embedder: string | null;
  hasEmbedding: boolean;
  embedding: { changed: boolean; l2: number | null; cosine: number | null };
};

/** The kind of change from `before` to `after` (consecutive versions). */
export function changeKind(before: MemoryVersion, after: MemoryVersion): ChangeKind {
  if (before.change === "delete") return "restored";
  const paths = diffRawData(before.rawData, after.rawData);
  if (paths.length === 0) return after.embeddingChanged ? "re-embedded" : "timestamps only";
  return paths.every((p) => p.path === "tags" || p.path.startsWith("tags[")) ? "tags changed" : "content edit";
}

/**
 * Versions (newest first, as memoryHistory answers them) as timeline entries. `createdWith` is
 * the embedder the dashboard named when it created the memory: it made the oldest version's
 * vector when that version is the row as inserted (never updated; nothing older was purged).
 */
export function historyEntries(versions: MemoryVersion[], createdWith: string | null = null): HistoryEntry[] {
  // A vector's embedder is named where it was written and holds until the vector changes again.
  const embedders: (string | null)[] = [];
  for (let i = versions.length - 1; i >= 0; i--) {
    const before = versions[i + 1];
    const v = versions[i]!;
    embedders[i] = !before
      ? v.updatedAt === v.createdAt
        ? createdWith
        : null
      : v.embeddingChanged
        ? before.replacedByEmbedder
        : embedders[i + 1]!;
  }
  return versions.map((v, i) => {
    const before = versions[i + 1];
    return {
      version: v.version,
      versionId: v.versionId,
      current: v.versionId === null,
      rawData: v.rawData,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      kind: before ? changeKind(before, v) : "earliest kept",
      // A restore from the trash is an insert, which keeps no version: the app marks the deleted one.
      madeBy: !before
        ? undefined
        : before.change !== "delete"
          ? before.actor
          : before.restoredAt
            ? before.restoredBy
            : undefined,
      madeAt: !before ? null : before.change === "delete" ? before.restoredAt : before.replacedAt,
      replacedAt: v.replacedAt,
      actor: v.actor,
      deleted: i === 0 && v.change === "delete",
      embedder: v.hasEmbedding ? embedders[i]! : null,
      hasEmbedding: v.hasEmbedding,
      embedding: { changed: v.embeddingChanged, l2: v.drift?.l2 ?? null, cosine: v.drift?.cosine ?? null },
    };
  });
}
