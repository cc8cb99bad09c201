import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { memoryExists } from "@/db/queries/memory-read";
import { notFoundUnlessExists } from "@/lib/auth/page-guard";
import { memoryIdSchema } from "@/lib/tenant-params";
import { tenantFromRoute } from "@/lib/tenant-route";

/**
 * An unknown memory answers 404 here, before loading.tsx streams the skeleton with a 200; the
 * not-found page says when the id sits in the trash.
 */
export default async function InspectorLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string; userId: string; id: string }>;
}) {
  const route = await params;
  const tenant = tenantFromRoute(route);
  const id = memoryIdSchema.safeParse(route.id);
  if (!tenant || !id.success) notFound();
  await notFoundUnlessExists(tenant.projectId, () => memoryExists(tenant, id.data));
  return children;
}
