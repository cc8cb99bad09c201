import { z } from "zod";

export const DEFAULT_TRASH_RETENTION_DAYS = 30;
export const DEFAULT_HISTORY_RETENTION_DAYS = 90;

/** A whole number of days from the environment variable `name`, or `fallback` when it is unset. */
function days(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const parsed = z.coerce.number().int().min(1).max(36_500).safeParse(raw);
  if (!parsed.success) throw new Error(`${name} must be a whole number of days from 1 to 36500, not "${raw}".`);
  return parsed.data;
}

/** How long deleted memories stay restorable: TRASH_RETENTION_DAYS, default 30. */
export const trashRetentionDays = (env: NodeJS.ProcessEnv = process.env) =>
  days("TRASH_RETENTION_DAYS", DEFAULT_TRASH_RETENTION_DAYS, env);

/** How long replaced versions of memories are kept: HISTORY_RETENTION_DAYS, default 90. */
export const historyRetentionDays = (env: NodeJS.ProcessEnv = process.env) =>
  days("HISTORY_RETENTION_DAYS", DEFAULT_HISTORY_RETENTION_DAYS, env);
