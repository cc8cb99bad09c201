import type { z } from "zod";
import type { Database } from "@/db/client";
import type { Job } from "@/db/schema";
import type { Tenant } from "@/db/tenant";

/** Where a job stands: saved after every step, so a new run starts from it. */
export type JobProgress = { done: number; total: number | null; cursor: unknown };

export type JobContext = { job: Job; tenant: Tenant; db: Database };

/**
 * One kind of long work. A step does a short piece from where the job stopped and says where it
 * stands now; it must be safe to run again after a crash between its writes and the saved progress.
 */
export interface JobKind<P> {
  readonly kind: string;
  /** For people: "Model migration". */
  readonly label: string;
  readonly params: z.ZodType<P>;
  step(context: JobContext, params: P, progress: JobProgress): Promise<JobProgress & { finished: boolean }>;
  /** Runs once when the last step is done (an audit entry, say). */
  finished?(context: JobContext, params: P, progress: JobProgress): Promise<void>;
}
