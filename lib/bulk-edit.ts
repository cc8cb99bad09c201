import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/db/client";
import {
  type BulkEdit,
  type BulkEditResult,
  type BulkEditTarget,
  bulkEditMemories,
} from "@/db/queries/memory-bulk-edit";
import type { Tenant } from "@/db/tenant";

/** At most this many tags in one edit, and this long each (a tag or a component is a label, not a text). */
const MAX_TAGS = 50;
const MAX_LABEL = 200;

const label = (what: string) =>
  z
    .string(`${what} must be text.`)
    .transform((s) => s.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, `${what} must not be blank.`)
        .max(MAX_LABEL, `${what} is longer than ${MAX_LABEL} characters.`)
        .refine((s) => !s.includes("\u0000"), `${what} must not contain a NUL character.`),
    );

const tagList = (what: string) =>
  z
    .array(label("A tag"), `${what} must be a list of tags.`)
    .max(MAX_TAGS, `At most ${MAX_TAGS} tags at a time.`)
    .transform((tags) => [...new Set(tags)]);

/** The edit as the dashboard and the API send it: what to add, what to remove, the component to set. */
export const bulkEditSchema = z
  .object({
    addTags: tagList("addTags").default([]),
    removeTags: tagList("removeTags").default([]),
    component: label("The component").optional(),
  })
  .refine((e) => e.addTags.length + e.removeTags.length > 0 || e.component !== undefined, {
    message: "Say what to change: tags to add or remove, or a component to set.",
  })
  .refine((e) => !e.addTags.some((t) => e.removeTags.includes(t)), {
    message: "A tag cannot be both added and removed.",
  });

export type BulkEditOutcome = BulkEditResult & { operation: string };

/** Applies the edit as one operation: the audit log names it, and reverting it puts back every memory it changed. */
export async function applyBulkEdit(
  tenant: Tenant,
  target: BulkEditTarget,
  edit: BulkEdit,
  options: { by: string | null; db?: Database },
): Promise<BulkEditOutcome> {
  const operation = randomUUID();
  const result = await bulkEditMemories(tenant, target, edit, { actor: options.by, operation }, options.db);
  return { ...result, operation };
}
