import "server-only";
import { headers } from "next/headers";
import { trashedAt } from "@/db/queries/trash";
import type { Tenant } from "@/db/tenant";
import { roleAllows, roleOn } from "./auth/access";
import { currentActor } from "./auth/actor";
import { REQUEST_PATH_HEADER } from "./request-path";
import { memoryRouteOf } from "./tenant-route";

export type TrashedMemory = { tenant: Tenant; id: number; deletedAt: Date; canOpenTrash: boolean };

/**
 * When the address that was not found is an inspector's whose memory sits in the trash: that
 * memory, for a reader of its project. Null otherwise, and when the database cannot answer.
 */
export async function trashedMemoryOfRequest(): Promise<TrashedMemory | null> {
  const route = memoryRouteOf((await headers()).get(REQUEST_PATH_HEADER) ?? "");
  if (!route) return null;
  const actor = await currentActor().catch(() => null);
  const role = actor ? roleOn(actor.grants, route.tenant.projectId) : null;
  if (!roleAllows(role, "read")) return null;
  const deletedAt = await trashedAt(route.tenant, route.id).catch(() => null);
  return deletedAt ? { ...route, deletedAt, canOpenTrash: roleAllows(role, "admin") } : null;
}
