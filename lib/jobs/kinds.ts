import "server-only";
import type { JobKind } from "./kind";
import { modelMigration } from "./model-migration";

/** Every kind of job the runner knows, by the name stored in jobs.kind. */
const KINDS: Record<string, JobKind<never>> = {
  [modelMigration.kind]: modelMigration as JobKind<never>,
};

export function jobKind(kind: string): JobKind<never> | null {
  return KINDS[kind] ?? null;
}

export const jobLabel = (kind: string) => KINDS[kind]?.label ?? kind;
