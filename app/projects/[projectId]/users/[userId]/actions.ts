"use server";

import { z } from "zod";
import { conflict, invalid, notFound } from "@/db/app-error";
import { isUnfiltered } from "@/db/filters";
import { insertImported } from "@/db/queries/import";
import { cancelJob } from "@/db/queries/jobs";
import { countMatching } from "@/db/queries/memory-count";
import { deleteImported, deleteMatching, deleteMemories } from "@/db/queries/memory-delete";
import { deleteSavedSearch, saveSearch } from "@/db/queries/saved-searches";
import { tenantCounts } from "@/db/queries/tenant-stats";
import { purgeTrash, restoreFromTrash } from "@/db/queries/trash";
import { tenantAction } from "@/lib/actions/define-action";
import { applyBulkEdit, bulkEditSchema } from "@/lib/bulk-edit";
import { matchingDeleteReason } from "@/lib/delete-reason";
import { revertModelMigration, startModelMigration } from "@/lib/jobs/model-migrations";
import {
  createMemory,
  embedMissing,
  reembedMemories,
  restoreVersion,
  revertChange,
  updateMemory,
} from "@/lib/memory-operations";
import { parseMemoryFilters } from "@/lib/memory-query/params";
import { parseSearchQuery } from "@/lib/memory-query/search-params";
import { IMPORT_LIMITS, parseNdjsonImport, previewImport } from "@/lib/ndjson-import";
import { checkRawDataText } from "@/lib/raw-data";
import { runSearch } from "@/lib/search";
import { memoryIdListSchema, memoryIdSchema } from "@/lib/tenant-params";

// Every change the dashboard makes to memories. Each goes through tenantAction: input parsed,
// caller authorised, result typed; the queries themselves scope every statement to the tenant.

const rawDataText = z.string("raw_data is required.");
const trashIdListSchema = z
  .array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), "trashIds must be a list of trash entry ids.")
  .min(1, "Select at least one deleted memory.")
  .max(10_000, "At most 10,000 at a time.");

/** The list's URL query string, whose filters select what a delete by filter removes. */
const filterQuery = z.string().max(20_000, "The filter is too long.");

export const createMemoryAction = tenantAction(
  "write",
  z.object({ rawData: rawDataText }),
  async ({ rawData }, { tenant }) => {
    const memory = await createMemory(tenant, checkRawDataText(rawData));
    return {
      id: memory.id,
      version: memory.version,
      hasEmbedding: memory.embedding !== null,
      embedder: memory.embedder,
    };
  },
  (_, data) => ({
    action: "create",
    memoryIds: [data.id],
    count: 1,
    ...(data.embedder ? { details: { embedder: data.embedder } } : {}),
  }),
);

export const updateMemoryAction = tenantAction(
  "write",
  z.object({ id: memoryIdSchema, rawData: rawDataText, version: z.string().min(1).max(64) }),
  async ({ id, rawData, version }, { tenant, actor }) => {
    const memory = await updateMemory(tenant, { id, rawData: checkRawDataText(rawData), version }, { by: actor.email });
    return { id: memory.id, version: memory.version, unchanged: memory.unchanged };
  },
  ({ id }, data) => (data.unchanged ? null : { action: "edit", memoryIds: [id], count: 1 }),
);

/** Makes a kept version of a memory its current row again (editor role), with the edit's conflict check. */
export const restoreVersionAction = tenantAction(
  "write",
  z.object({
    id: memoryIdSchema,
    versionId: z.number().int().positive("versionId must be a kept version's id."),
    version: z.string().min(1).max(64),
  }),
  async ({ id, versionId, version }, { tenant, actor }) => {
    const memory = await restoreVersion(tenant, { id, versionId, version }, { by: actor.email });
    return { id: memory.id, version: memory.version, unchanged: memory.unchanged };
  },
  ({ id, versionId }, data) =>
    data.unchanged ? null : { action: "edit", memoryIds: [id], count: 1, details: { restoredVersion: versionId } },
);

/**
 * The audit log's "Revert" of a re-embed or an edit: every memory it changed goes back to its version
 * from just before, in one transaction; those changed since are listed and left alone.
 */
export const revertChangeAction = tenantAction(
  "write",
  z.object({ operation: z.uuid("operation must be a change's id.") }),
  async ({ operation }, { tenant, actor }) => revertChange(tenant, operation, { by: actor.email }),
  ({ operation }, data) => ({
    action: "edit",
    memoryIds: data.reverted,
    count: data.reverted.length,
    details: { revertedOperation: operation, operation: data.operation },
  }),
);

export const reembedMemoriesAction = tenantAction(
  "write",
  z.object({ ids: memoryIdListSchema }),
  async ({ ids }, { tenant, actor }) => reembedMemories(tenant, ids, { by: actor.email }),
  (_, data) =>
    data.updated.length
      ? {
          action: "re-embed",
          memoryIds: data.updated,
          count: data.updated.length,
          details: { operation: data.operation },
        }
      : null,
);

/**
 * Adds or removes tags, or sets the component, on the selected memories or on all matching the
 * list's filters (if the count is still the one confirmed). Reverted like a re-embed, from the toast or the audit log.
 */
export const bulkEditAction = tenantAction(
  "write",
  z.object({
    target: z.union(
      [
        z.object({ ids: memoryIdListSchema }),
        z.object({ filters: filterQuery, expectedCount: z.number().int().min(0, "The count must not be negative.") }),
      ],
      "Say which memories: ids, or the list's filters with the count you confirmed.",
    ),
    edit: bulkEditSchema,
  }),
  async ({ target, edit }, { tenant, actor }) => {
    const resolved =
      "ids" in target
        ? { ids: target.ids }
        : { filters: parseMemoryFilters(new URLSearchParams(target.filters)), expectedCount: target.expectedCount };
    return applyBulkEdit(tenant, resolved, edit, { by: actor.email });
  },
  ({ target, edit }, data) =>
    data.updated
      ? {
          action: "edit",
          memoryIds: data.updatedIds,
          count: data.updated,
          details: {
            operation: data.operation,
            bulkEdit: edit,
            ...("filters" in target ? { filter: target.filters } : {}),
          },
        }
      : null,
);

// Deletes move memories to the trash; `operation` is what Undo restores.

export const deleteMemoryAction = tenantAction(
  "admin",
  z.object({ id: memoryIdSchema }),
  async ({ id }, { tenant, actor }) => {
    const { deleted, operation } = await deleteMemories(tenant, [id], { deletedBy: actor.email });
    if (deleted.length === 0) throw notFound(`Memory ${id}`);
    return { deleted: id, operation };
  },
  (_, data) => ({ action: "delete", memoryIds: [data.deleted], count: 1, details: { operation: data.operation } }),
);

export const deleteMemoriesAction = tenantAction(
  "admin",
  z.object({ ids: memoryIdListSchema }),
  async ({ ids }, { tenant, actor }) => {
    const { deleted, notFound: missing, operation } = await deleteMemories(tenant, ids, { deletedBy: actor.email });
    return { deleted: deleted.length, notFound: missing, operation };
  },
  ({ ids }, data) => {
    const missing = new Set(data.notFound);
    const deleted = ids.filter((id) => !missing.has(id));
    return data.deleted
      ? { action: "delete", memoryIds: deleted, count: data.deleted, details: { operation: data.operation } }
      : null;
  },
);

/** Step one of a delete by filter: how many memories it would remove (a read: nothing to refresh). */
export const previewDeleteMatchingAction = tenantAction(
  "read",
  z.object({ filters: filterQuery }),
  async ({ filters }, { tenant }) => {
    const parsed = parseMemoryFilters(new URLSearchParams(filters));
    return { count: await countMatching(tenant, parsed), filtered: !isUnfiltered(parsed) };
  },
);

/** Step two: deletes them, only if the count is still the one the user confirmed. */
export const deleteMatchingAction = tenantAction(
  "admin",
  z.object({ filters: filterQuery, expectedCount: z.number().int().min(0, "The count must not be negative.") }),
  async ({ filters, expectedCount }, { tenant, actor }) =>
    deleteMatching(tenant, parseMemoryFilters(new URLSearchParams(filters)), expectedCount, {
      deletedBy: actor.email,
      reason: matchingDeleteReason(filters),
    }),
  ({ filters }, data) =>
    data.deleted
      ? { action: "delete", count: data.deleted, details: { operation: data.operation, filter: filters } }
      : null,
);

/**
 * Puts back what one delete removed (the toast's Undo), or chosen trash entries (the trash page).
 * When a concurrent undo, restore or purge already took them, says so instead of reporting success.
 */
export const restoreAction = tenantAction(
  "admin",
  z.object({
    operation: z.uuid("operation must be a delete operation's id.").optional(),
    trashIds: trashIdListSchema.optional(),
  }),
  async ({ operation, trashIds }, { tenant, actor }) => {
    const selection = operation ? { operation } : trashIds ? { trashIds } : null;
    if (!selection) throw invalid("trashIds", "Choose what to restore.");
    const result = await restoreFromTrash(tenant, selection, undefined, actor.email);
    if (result.restored.length === 0 && result.taken.length === 0) {
      throw conflict(operation ? "Already restored: nothing of this delete is left in the trash." : NO_LONGER_IN_TRASH);
    }
    return result;
  },
  ({ operation }, data) =>
    data.restored.length
      ? {
          action: "restore",
          memoryIds: data.restored,
          count: data.restored.length,
          details: { operation, taken: data.taken },
        }
      : null,
);

const NO_LONGER_IN_TRASH = "No longer in the trash: already restored or purged meanwhile.";

/**
 * Deletes trash entries for good (admins only): the chosen ones, or all of them when the trash
 * still holds the count the user typed.
 */
export const purgeTrashAction = tenantAction(
  "admin",
  z.object({
    trashIds: trashIdListSchema.optional(),
    all: z.literal(true).optional(),
    expectedCount: z.number().int().min(0, "The count must not be negative.").optional(),
  }),
  async ({ trashIds, all, expectedCount }, { tenant }) => {
    if (!all && !trashIds) throw invalid("trashIds", "Choose what to purge.");
    if (all && expectedCount === undefined)
      throw invalid("expectedCount", "Say how many deleted memories the trash holds, as confirmed.");
    const purged = await purgeTrash(
      tenant,
      all ? { all: true, expectedCount: expectedCount! } : { trashIds: trashIds! },
    );
    const missing = all ? 0 : new Set(trashIds).size - purged;
    if (purged === 0 && missing > 0) throw conflict(NO_LONGER_IN_TRASH);
    return { purged, missing };
  },
  (_, data) => (data.purged ? { action: "purge", count: data.purged } : null),
);

/** One batch of "embed all missing": call again while `remaining` is above zero. */
export const embedMissingAction = tenantAction(
  "write",
  z.object({ batchSize: z.number().int().min(1).max(200).default(50) }),
  async ({ batchSize }, { tenant, actor }) => embedMissing(tenant, batchSize, { by: actor.email }),
  (_, data) => (data.embedded ? { action: "re-embed", count: data.embedded, details: { missing: true } } : null),
);

/** Similarity search for the search page (as you type) and the inspector, over the same function as the API. */
export const searchAction = tenantAction("read", z.object({ query: filterQuery }), async ({ query }, { tenant }) => {
  const parsed = parseSearchQuery(new URLSearchParams(query));
  if (!parsed.target) throw invalid("q", "Type something to search for.");
  return runSearch(tenant, { ...parsed, target: parsed.target }, { explain: true });
});

/** Names the search page's current search for the project (editors), after checking it reads cleanly. */
export const saveSearchAction = tenantAction(
  "write",
  z.object({
    name: z
      .string("name is required.")
      .trim()
      .min(1, "Give the search a name.")
      .max(120, "The name is longer than 120 characters.")
      .refine((s) => !s.includes("\u0000"), "The name contains a NUL character."),
    query: filterQuery,
  }),
  async ({ name, query }, { tenant, actor }) => {
    const params = new URLSearchParams(query);
    if (!parseSearchQuery(params).target)
      throw invalid("q", "Type a query (or find similar) before saving the search.");
    const saved = await saveSearch(tenant, { name, params: params.toString() }, actor.email);
    return { id: saved.id, name: saved.name };
  },
);

/** Removes a saved search of the project (editors). */
export const deleteSavedSearchAction = tenantAction(
  "write",
  z.object({ id: z.number().int().positive("id must be a saved search's id.") }),
  async ({ id }, { tenant }) => {
    await deleteSavedSearch(tenant.projectId, id);
    return { id };
  },
);

const ndjsonFile = z
  .string()
  .max(IMPORT_LIMITS.maxBytes, `The file is larger than ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB.`);

/**
 * Step one of an import: checks every line of the file and says what it would import (counts, a
 * few rows, each bad line) and into whom, without writing anything.
 */
export const previewImportAction = tenantAction(
  "admin",
  z.object({ ndjson: ndjsonFile }),
  async ({ ndjson }, { tenant }) => ({
    ...previewImport(parseNdjsonImport(ndjson)),
    target: { ...tenant, memories: (await tenantCounts(tenant)).memories },
  }),
  undefined,
  { readOnly: true },
);

/**
 * Step two: imports the file into this user. Every line is checked again; with any problem nothing
 * is imported and the report names each bad line; otherwise all go in one transaction.
 */
export const importMemoriesAction = tenantAction(
  "admin", // an import writes many memories at once
  z.object({ ndjson: ndjsonFile }),
  async ({ ndjson }, { tenant, actor }) => {
    const parsed = parseNdjsonImport(ndjson);
    if (parsed.problemCount > 0)
      return {
        imported: 0,
        ids: [] as number[],
        importId: null,
        problems: parsed.problems,
        problemCount: parsed.problemCount,
      };
    if (parsed.rows.length === 0) throw invalid("ndjson", "The file has no memories.");
    const { importId, ids } = await insertImported(tenant, parsed.rows, { importedBy: actor.email });
    return { imported: ids.length, ids, importId, problems: [], problemCount: 0 };
  },
  (_, data) =>
    data.imported
      ? { action: "import", memoryIds: data.ids, count: data.imported, details: { import: data.importId } }
      : null,
);

/**
 * Undoes an import (the toast's Undo, the audit log's "Revert import"): what it created and still
 * exists goes to the trash as one delete, which the trash restores like any other.
 */
export const revertImportAction = tenantAction(
  "admin",
  z.object({ importId: z.uuid("importId must be an import's id.") }),
  async ({ importId }, { tenant, actor }) => {
    const { deleted, imported, operation } = await deleteImported(tenant, importId, { deletedBy: actor.email });
    return { deleted: deleted.length, ids: deleted, imported, operation };
  },
  ({ importId }, data) => ({
    action: "delete",
    memoryIds: data.ids,
    count: data.deleted,
    details: { operation: data.operation, revertedImport: importId },
  }),
);

const jobIdSchema = z.number("jobId is required.").int().min(1).max(Number.MAX_SAFE_INTEGER);

/** Queues the re-embedding of this user's memories with another configured embedder, as a job. */
export const startModelMigrationAction = tenantAction(
  "write",
  z.object({ embedder: z.string("Choose an embedder.").trim().min(1, "Choose an embedder.").max(300) }),
  async ({ embedder }, { tenant, actor }) => {
    const job = await startModelMigration(tenant, embedder, actor.email);
    return { jobId: job.id };
  },
);

/** Cancels a queued job at once, a running one after its current step. */
export const cancelJobAction = tenantAction(
  "write",
  z.object({ jobId: jobIdSchema }),
  async ({ jobId }, { tenant }) => {
    const job = await cancelJob(tenant, jobId);
    if (!job) throw conflict(`Job ${jobId} of ${tenant.userId} is not queued or running.`);
    return { jobId, state: job.state };
  },
);

/** Puts back the vectors a finished (or cancelled) model migration replaced. */
export const revertModelMigrationAction = tenantAction(
  "write",
  z.object({ jobId: jobIdSchema }),
  async ({ jobId }, { tenant, actor }) => revertModelMigration(tenant, jobId, actor.email),
  ({ jobId }, data) => ({
    action: "edit",
    memoryIds: data.reverted,
    count: data.reverted.length,
    details: { revertedJob: jobId, operation: data.operation },
  }),
);
