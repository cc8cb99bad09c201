import type { Grant } from "@/db/queries/access";
import type { Role } from "@/db/schema";

/** What an action needs: read (viewer), write (editor), admin (delete, restore, purge, import, access). */
export type Permission = "read" | "write" | "admin";

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };
const NEEDS: Record<Permission, Role> = { read: "viewer", write: "editor", admin: "admin" };

/** The highest role the grants give on the project (an all-projects grant counts everywhere). */
export function roleOn(grants: readonly Grant[], projectId: string): Role | null {
  let best: Role | null = null;
  for (const g of grants) {
    if (g.projectId !== null && g.projectId !== projectId) continue;
    if (!best || RANK[g.role] > RANK[best]) best = g.role;
  }
  return best;
}

export function roleAllows(role: Role | null, permission: Permission): boolean {
  return role !== null && RANK[role] >= RANK[NEEDS[permission]];
}

export const roleNeeded = (permission: Permission): Role => NEEDS[permission];

/** The projects the grants let one see with at least `permission`: "all", or a list. */
export function projectsWith(grants: readonly Grant[], permission: Permission = "read"): "all" | string[] {
  const enough = grants.filter((g) => roleAllows(g.role, permission));
  if (enough.some((g) => g.projectId === null)) return "all";
  return [...new Set(enough.map((g) => g.projectId!))].sort();
}
