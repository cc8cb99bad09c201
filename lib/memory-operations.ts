import "server-only";
import { randomUUID } from "node:crypto";
import { conflict, notFound } from "@/db/app-error";
import type { Database } from "@/db/client";
import { memoriesToEmbed, memoryTexts, missingEmbeddings, setEmbeddings } from "@/db/queries/embeddings";
import { keptVersion } from "@/db/queries/memory-history";
import { getMemory, type MemoryDetail } from "@/db/queries/memory-read";
import { type RevertResult, revertOperation } from "@/db/queries/memory-revert";
import { insertMemory, updateMemoryRawData } from "@/db/queries/memory-write";
import { trashedAt } from "@/db/queries/trash";
import type { RawData } from "@/db/schema";
import type { Tenant } from "@/db/tenant";
import type { WriteContext } from "@/db/write-context";
import { assertEmbedding, describeEmbedder, type Embedder, InvalidEmbeddingError } from "./embedding";
import { tenantModels } from "./embedding/tenant-embedder";
import { memoryText } from "./raw-data";

/** by: who the app writes for (kept with the versions a write replaces). */
type Options = { embedder?: Embedder; db?: Database; by?: string | null };

/** The history's record of an app write: who, and which embedder made the vectors it writes. */
function writeContext(
  options: Options,
  embedder?: Embedder | string | null,
  operation?: string,
): WriteContext | undefined {
  if (options.by === undefined) return undefined;
  const name = typeof embedder === "string" ? embedder : embedder ? describeEmbedder(embedder) : undefined;
  return {
    actor: options.by,
    ...(name ? { embedder: name } : {}),
    ...(operation ? { operation } : {}),
  };
}

/** The tenant's model (the one its vectors come from), so a write does not mix a second one in. */
async function tenantEmbedder(tenant: Tenant, db?: Database): Promise<Embedder> {
  return (await tenantModels(tenant, db)).searchWith;
}

/** Embeds texts and checks that the provider answered one valid vector per text. */
async function embedVectors(embedder: Embedder, texts: string[]): Promise<number[][]> {
  if (texts.length === 0) return [];
  const vectors = await embedder.embed(texts);
  const source = `The ${embedder.provider} embedder (${embedder.model})`;
  if (vectors.length !== texts.length)
    throw new InvalidEmbeddingError(`${source} returned ${vectors.length} vectors for ${texts.length} texts`);
  for (const v of vectors) assertEmbedding(v, source);
  return vectors;
}

async function embedOne(embedder: Embedder, text: string): Promise<number[]> {
  return (await embedVectors(embedder, [text]))[0]!;
}

/** Creates a memory, embedded with the configured embedder when it has text. */
export async function createMemory(
  tenant: Tenant,
  rawData: RawData,
  options: Options = {},
): Promise<MemoryDetail & { embedder: string | null }> {
  const text = memoryText(rawData);
  const embedder = options.embedder ?? (await tenantEmbedder(tenant, options.db));
  const embedding = text ? await embedOne(embedder, text) : null;
  const memory = await insertMemory(tenant, { rawData, embedding, embedder: describeEmbedder(embedder) }, options.db);
  // An insert keeps no version: the audit entry names the vector's embedder for the history.
  return { ...memory, embedder: embedding ? describeEmbedder(embedder) : null };
}

export type ReembedResult = {
  updated: number[];
  /** Missing, another tenant's, or deleted meanwhile. */
  notFound: number[];
  withoutText: number[];
  /** Edited while their embedding was being computed: left as they are. */
  changed: number[];
  /** The versions this re-embed replaced carry it, so the audit log can revert the whole re-embed. */
  operation: string;
};

/** Recomputes the embeddings of these memories of the tenant from their text. */
export async function reembedMemories(tenant: Tenant, ids: number[], options: Options = {}): Promise<ReembedResult> {
  const embedder = options.embedder ?? (await tenantEmbedder(tenant, options.db));
  const operation = randomUUID();
  const unique = [...new Set(ids)];
  const rows = await memoryTexts(tenant, unique, options.db);
  const withText = rows.flatMap((r) => {
    const text = memoryText(r.rawData);
    return text ? [{ ...r, text }] : [];
  });
  const vectors = await embedVectors(
    embedder,
    withText.map((r) => r.text),
  );
  const updated = await setEmbeddings(
    tenant,
    withText.map((r, i) => ({ id: r.id, version: r.version, embedding: vectors[i]! })),
    options.db,
    writeContext(options, embedder, operation),
  );

  const found = new Set(rows.map((r) => r.id));
  const embeddable = new Set(withText.map((r) => r.id));
  const done = new Set(updated);
  const gone = new Set(
    await stillPresent(
      tenant,
      [...embeddable].filter((id) => !done.has(id)),
      options.db,
    ),
  );
  return {
    updated,
    notFound: unique.filter((id) => !found.has(id) || (embeddable.has(id) && !done.has(id) && !gone.has(id))),
    withoutText: rows.filter((r) => !embeddable.has(r.id)).map((r) => r.id),
    changed: [...gone],
    operation,
  };
}

/**
 * Re-embeds these rows (read with their version) with `embedder`, under `operation`: a model
 * migration's batch. A row edited since it was read is skipped. Answers the ids written.
 */
export async function reembedRows(
  tenant: Tenant,
  rows: { id: number; rawData: RawData; version: string }[],
  embedder: Embedder,
  options: Options & { operation: string },
): Promise<number[]> {
  const withText = rows.flatMap((r) => {
    const text = memoryText(r.rawData);
    return text ? [{ ...r, text }] : [];
  });
  const vectors = await embedVectors(
    embedder,
    withText.map((r) => r.text),
  );
  return setEmbeddings(
    tenant,
    withText.map((r, i) => ({ id: r.id, version: r.version, embedding: vectors[i]! })),
    options.db,
    writeContext({ ...options, by: options.by ?? null }, embedder, options.operation),
  );
}

/** Of these ids, the ones that still exist (so a skipped write means "changed", not "deleted"). */
async function stillPresent(tenant: Tenant, ids: number[], db?: Database): Promise<number[]> {
  return (await memoryTexts(tenant, ids, db)).map((r) => r.id);
}

/**
 * Replaces raw_data if the memory is still at `version`. When the text to embed changed, the
 * embedding is recomputed (or removed when there is no text left), so search never uses a
 * vector of text that is gone; an edit that keeps the text keeps the embedding.
 */
export async function updateMemory(
  tenant: Tenant,
  input: { id: number; rawData: RawData; version: string },
  options: Options = {},
): Promise<MemoryDetail & { unchanged: boolean }> {
  const current = await getMemory(tenant, input.id, options.db);
  if (!current) throw notFound(`Memory ${input.id}`);
  const text = memoryText(input.rawData);
  const embedder = options.embedder ?? (await tenantEmbedder(tenant, options.db));
  const embedding = text === memoryText(current.rawData) ? undefined : text ? await embedOne(embedder, text) : null;
  return updateMemoryRawData(
    tenant,
    { ...input, embedding },
    options.db,
    writeContext(options, embedding ? embedder : undefined),
  );
}

export type EmbedMissingResult = { embedded: number; changed: number; remaining: number };

/**
 * Embeds the next batch of the tenant's memories that have text but no embedding. Each call is
 * one short step, so a client can loop with progress, stop, and resume later where it stopped.
 */
export async function embedMissing(
  tenant: Tenant,
  batchSize: number,
  options: Options = {},
): Promise<EmbedMissingResult> {
  const rows = await memoriesToEmbed(tenant, batchSize, options.db);
  const embedder = options.embedder ?? (await tenantEmbedder(tenant, options.db));
  const vectors = await embedVectors(
    embedder,
    rows.map((r) => memoryText(r.rawData)!),
  );
  const written = await setEmbeddings(
    tenant,
    rows.map((r, i) => ({ id: r.id, version: r.version, embedding: vectors[i]! })),
    options.db,
    writeContext(options, embedder),
  );
  const { embeddable } = await missingEmbeddings(tenant, options.db);
  return { embedded: written.length, changed: rows.length - written.length, remaining: embeddable };
}

/**
 * Makes a kept version the current row again, raw_data and vector exactly as kept, through the
 * edit's own conflict check (`version` is the updated_at the user saw); the row it replaces is
 * kept in turn. A memory in the trash or purged cannot take a version back.
 */
export async function restoreVersion(
  tenant: Tenant,
  input: { id: number; versionId: number; version: string },
  options: Options = {},
): Promise<MemoryDetail & { unchanged: boolean }> {
  const kept = await keptVersion(tenant, input.id, input.versionId, options.db);
  if (!kept) throw notFound(`Version ${input.versionId} of memory ${input.id}`);
  if (!(await getMemory(tenant, input.id, options.db))) {
    if (await trashedAt(tenant, input.id, options.db))
      throw conflict(`Memory ${input.id} is in the trash. Restore it from the trash first, then restore a version.`);
    throw conflict(
      `Memory ${input.id} was purged: its versions can be read, but there is no memory to restore them to.`,
    );
  }
  return updateMemoryRawData(
    tenant,
    { id: input.id, rawData: kept.rawData, version: input.version, embedding: kept.embedding },
    options.db,
    // The kept vector's own embedder, so the restored vector is known again.
    writeContext(options, kept.vectorEmbedder),
  );
}

const ids = (list: number[]) =>
  list.length > 20 ? `${list.slice(0, 20).join(", ")} and ${list.length - 20} more` : list.join(", ");

/**
 * Reverts one operation of the audit log (a re-embed, an edit): what it changed goes back to its
 * version from just before. Says why when nothing can be: no versions kept of it, or every memory
 * changed since. The revert is an operation of its own, so it can be reverted in turn.
 */
export async function revertChange(
  tenant: Tenant,
  operation: string,
  options: Options & { by: string | null },
): Promise<RevertResult & { operation: string }> {
  const own = randomUUID();
  const result = await revertOperation(tenant, operation, { actor: options.by, operation: own }, options.db);
  if (result.touched === 0)
    throw notFound("Kept versions of that change (history was off then, or they are past HISTORY_RETENTION_DAYS)");
  if (result.reverted.length === 0)
    throw conflict(
      `Nothing was reverted: every memory this change touched has changed since (${ids(result.changedSince)}).`,
    );
  return { reverted: result.reverted, changedSince: result.changedSince, operation: own };
}
