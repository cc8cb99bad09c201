import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { connection } from "next/server";
import { AccountsTable } from "@/components/access/accounts-table";
import { GrantForm } from "@/components/access/grant-form";
import { GrantsTable } from "@/components/access/grants-table";
import { withDatabaseErrors } from "@/components/ui/database-error";
import { listGrants } from "@/db/queries/access";
import { listAccounts } from "@/db/queries/accounts";
import { listProjects } from "@/db/queries/projects";
import { projectsWith } from "@/lib/auth/access";
import { requireSignedIn } from "@/lib/auth/page-guard";
import { accessPath } from "@/lib/paths";
import {
  changeRoleAction,
  deleteAccountAction,
  grantAccessAction,
  revokeAccessAction,
  setAccountDisabledAction,
} from "./actions";

export const metadata: Metadata = { title: "Access" };

async function AccessPage() {
  await connection();
  const actor = await requireSignedIn(accessPath());
  const scope = projectsWith(actor.grants, "admin");
  if (scope !== "all" && scope.length === 0) forbidden();
  // Accounts are shared by every project: only admins of all projects see and manage them.
  const [grants, projects, accounts] = await Promise.all([
    listGrants(scope),
    listProjects(scope),
    scope === "all" ? listAccounts() : Promise.resolve([]),
  ]);
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
        changeRole={changeRoleAction}
        grants={grants.map((g) => ({ ...g, grantedAt: g.grantedAt.toISOString() }))}
        selfId={actor.userId}
        canManageAll={scope === "all"}
      />
      {scope === "all" && (
        <AccountsTable
          accounts={accounts.map((a) => ({
            id: a.id,
            email: a.email,
            disabledAt: a.disabledAt?.toISOString() ?? null,
            disabledBy: a.disabledBy,
            createdAt: a.createdAt.toISOString(),
          }))}
          selfId={actor.userId}
          setDisabled={setAccountDisabledAction}
          deleteAccount={deleteAccountAction}
        />
      )}
    </section>
  );
}

export default withDatabaseErrors("Access could not be loaded", AccessPage);
