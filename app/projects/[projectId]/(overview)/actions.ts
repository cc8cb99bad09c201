"use server";

import { z } from "zod";
import { accountAction } from "@/lib/actions/define-action";
import { assertProjectAccess } from "@/lib/auth/authorize";
import { startProjectMigration } from "@/lib/jobs/model-migrations";
import { projectIdSchema } from "@/lib/tenant-params";

const migrateProject = z.object({
  projectId: projectIdSchema,
  embedder: z.string("Choose an embedder.").trim().min(1, "Choose an embedder.").max(300),
});

/**
 * Queues a model migration of every user of the project (admins only: it re-embeds the whole
 * project). The page refreshes itself; each job's writes are audited when it ends.
 */
export const migrateProjectAction = accountAction(
  migrateProject,
  async ({ projectId, embedder }, { actor }) => {
    assertProjectAccess(actor, "admin", projectId);
    return startProjectMigration(projectId, embedder, actor.email);
  },
  "/",
);
