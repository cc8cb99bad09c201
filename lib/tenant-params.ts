import { z } from "zod";
import { hasLoneSurrogate } from "./unicode";

/** project_id and user_id are varchar(255): 1 to 255 characters of valid Unicode, anything but NUL. */
const tenantId = (name: string) =>
  z
    .string(`${name} is required.`)
    .min(1, `${name} must not be empty.`)
    .max(255, `${name} is longer than 255 characters.`)
    .refine((s) => !s.includes("\u0000"), `${name} contains a NUL character.`)
    .refine((s) => !hasLoneSurrogate(s), `${name} contains broken Unicode (a lone surrogate).`);

export const tenantSchema = z.object({ projectId: tenantId("projectId"), userId: tenantId("userId") });
export const projectIdSchema = tenantId("projectId");

export const MAX_MEMORY_ID = 2_147_483_647; // memory_logs.id is a serial (int4)

/** A memory id, from a number or from URL text; `abc`, `-1`, `1e99` and out-of-range ids are refused. */
export const memoryIdSchema = z.union(
  [
    z
      .number()
      .int("id must be a whole number.")
      .min(1, "id must be 1 or more.")
      .max(MAX_MEMORY_ID, `id must be at most ${MAX_MEMORY_ID}.`),
    z
      .string()
      .regex(/^[1-9]\d{0,9}$/, `id must be a whole number from 1 to ${MAX_MEMORY_ID}.`)
      .transform(Number)
      .refine((n) => n <= MAX_MEMORY_ID, `id must be a whole number from 1 to ${MAX_MEMORY_ID}.`),
  ],
  `id must be a whole number from 1 to ${MAX_MEMORY_ID}.`,
);

export const memoryIdListSchema = z
  .array(memoryIdSchema)
  .min(1, "Select at least one memory.")
  .max(1000, "At most 1,000 memories at a time.");
