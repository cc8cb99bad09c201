import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { projectExists } from "@/db/queries/tenants";
import { notFoundUnlessExists } from "@/lib/auth/page-guard";
import { decodeSegment } from "@/lib/paths";
import { projectIdSchema } from "@/lib/tenant-params";

/** An unknown project answers 404 here, before loading.tsx streams the skeleton with a 200. */
export default async function ProjectOverviewLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string }>;
}) {
  const projectId = projectIdSchema.safeParse(decodeSegment((await params).projectId));
  if (!projectId.success) notFound();
  await notFoundUnlessExists(projectId.data, () => projectExists(projectId.data));
  return children;
}
