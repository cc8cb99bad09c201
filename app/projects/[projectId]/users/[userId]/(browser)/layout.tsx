import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { tenantExists } from "@/db/queries/tenants";
import { notFoundUnlessExists } from "@/lib/auth/page-guard";
import { tenantFromRoute } from "@/lib/tenant-route";

/** An unknown user answers 404 here, before loading.tsx streams the skeleton with a 200. */
export default async function MemoryBrowserLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string; userId: string }>;
}) {
  const tenant = tenantFromRoute(await params);
  if (!tenant) notFound();
  await notFoundUnlessExists(tenant.projectId, () => tenantExists(tenant));
  return children;
}
