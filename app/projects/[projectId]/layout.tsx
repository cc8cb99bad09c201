import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { roleAllows, roleOn } from "@/lib/auth/access";
import { currentActor } from "@/lib/auth/actor";
import { decodeSegment } from "@/lib/paths";

/**
 * Refuses a signed-in user without a role on the project before any page below starts
 * streaming, so the answer is a real 403. Each page still checks the session and the role it
 * needs itself (and sends a signed-out visitor to sign in, with the page's full address).
 */
export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string }>;
}) {
  const projectId = decodeSegment((await params).projectId);
  // A database that cannot answer is shown by the page below, which looks the actor up again.
  const actor = await currentActor().catch(() => null);
  if (actor && projectId !== null && !roleAllows(roleOn(actor.grants, projectId), "read")) forbidden();
  return children;
}
