import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { connection } from "next/server";
import { GrantForm } from "@/components/access/grant-form";
import { GrantsTable } from "@/components/access/grants-table";
import { withDatabaseErrors } from "@/components/ui/database-error";
import { listGrants } from "@/db/queries/access";
import { listProjects } from "@/db/queries/projects";
import { projectsWith } from "@/lib/auth/access";
import { requireSignedIn } from "@/lib/auth/page-guard";
import { accessPath } from "@/lib/paths";
import { grantAccessAction, revokeAccessAction } from "./actions";

export const metadata: Metadata = { title: "Access" };

async function AccessPage() {
  await connection();
  const actor = await requireSignedIn(accessPath());
  const scope = projectsWith(actor.grants, "admin");
  if (scope !== "all" && scope.length === 0) forbidden();
  const [grants, projects] = await Promise.all([listGrants(scope), listProjects(scope)]);
  // Projects one may grant on: those with memories, and any administered one without memories yet.
  const projectIds = [...new Set([...projects.map((p) => p.projectId), ...(scope === "all" ? [] : scope)])].sort();
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Access</h1>
        <p className="text-sm muted">
          Who may do what {scope === "all" ? "in every project" : `in ${scope.join(", ")}`}. Viewers browse, search and
          export; editors also create, edit and re-embed; admins also delete, restore, purge, import and manage access.
        </p>
      </div>
      <GrantForm grantAccess={grantAccessAction} projectIds={projectIds} canGrantAll={scope === "all"} />
      <GrantsTable
        revokeAccess={revokeAccessAction}
        grants={grants.map((g) => ({ ...g, grantedAt: g.grantedAt.toISOString() }))}
        selfId={actor.userId}
        canManageAll={scope === "all"}
      />
    </section>
  );
}

export default withDatabaseErrors("Access could not be loaded", AccessPage);
