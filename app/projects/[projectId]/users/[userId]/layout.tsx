import type { ReactNode } from "react";
import { PermissionsProvider } from "@/components/auth/permissions";
import { roleAllows, roleOn } from "@/lib/auth/access";
import { currentActor } from "@/lib/auth/actor";
import { decodeSegment } from "@/lib/paths";

/** Tells the tenant's client controls which changes the user's role allows. */
export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string }>;
}) {
  const projectId = decodeSegment((await params).projectId) ?? "";
  // A database that cannot answer is shown by the page below, which looks the actor up again.
  const actor = await currentActor().catch(() => null);
  const role = actor ? roleOn(actor.grants, projectId) : null;
  return (
    <PermissionsProvider value={{ write: roleAllows(role, "write"), admin: roleAllows(role, "admin") }}>
      {children}
    </PermissionsProvider>
  );
}
