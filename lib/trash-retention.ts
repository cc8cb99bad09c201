import { z } from "zod";

export const DEFAULT_TRASH_RETENTION_DAYS = 30;

/** How long deleted memories stay restorable: TRASH_RETENTION_DAYS, default 30. */
export function trashRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TRASH_RETENTION_DAYS?.trim();
  if (!raw) return DEFAULT_TRASH_RETENTION_DAYS;
  const parsed = z.coerce.number().int().min(1).max(36_500).safeParse(raw);
  if (!parsed.success)
    throw new Error(`TRASH_RETENTION_DAYS must be a whole number of days from 1 to 36500, not "${raw}".`);
  return parsed.data;
}
