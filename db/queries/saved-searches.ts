import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { conflict, notFound } from "../app-error";
import { type Database, getDb } from "../client";
import { savedSearches } from "../schema";
import type { Tenant } from "../tenant";

export type SavedSearch = {
  id: number;
  userId: string;
  name: string;
  /** The search page's query string. */
  params: string;
  createdBy: string | null;
  createdAt: Date;
};

const fields = {
  id: savedSearches.id,
  userId: savedSearches.userId,
  name: savedSearches.name,
  params: savedSearches.params,
  createdBy: savedSearches.createdBy,
  createdAt: savedSearches.createdAt,
};

/** The project's saved searches, by name. */
export async function listSavedSearches(projectId: string, db?: Database): Promise<SavedSearch[]> {
  const conn = db ?? (await getDb());
  return conn
    .select(fields)
    .from(savedSearches)
    .where(eq(savedSearches.projectId, projectId))
    .orderBy(asc(savedSearches.name));
}

/** Names a search of the tenant; a name the project already uses is refused, not overwritten. */
export async function saveSearch(
  tenant: Tenant,
  search: { name: string; params: string },
  by: string,
  db?: Database,
): Promise<SavedSearch> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .insert(savedSearches)
    .values({
      projectId: tenant.projectId,
      userId: tenant.userId,
      name: search.name,
      params: search.params,
      createdBy: by,
    })
    .onConflictDoNothing({ target: [savedSearches.projectId, savedSearches.name] })
    .returning(fields);
  if (!row) throw conflict(`This project already has a saved search named “${search.name}”: choose another name.`);
  return row;
}

/** Removes one saved search of the project. */
export async function deleteSavedSearch(projectId: string, id: number, db?: Database): Promise<void> {
  const conn = db ?? (await getDb());
  const gone = await conn
    .delete(savedSearches)
    .where(and(eq(savedSearches.projectId, projectId), eq(savedSearches.id, id)))
    .returning({ id: savedSearches.id });
  if (gone.length === 0) throw notFound(`Saved search ${id}`);
}
