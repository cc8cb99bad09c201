import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { apiTokens } from "../schema";

export type ApiTokenInfo = { id: number; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

const infoFields = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export async function insertApiToken(input: { userId: string; name: string; tokenHash: string; prefix: string }, db?: Database): Promise<ApiTokenInfo> {
  const conn = db ?? (await getDb());
  const [row] = await conn.insert(apiTokens).values(input).returning(infoFields);
  return row!;
}

export async function listApiTokens(userId: string, db?: Database): Promise<ApiTokenInfo[]> {
  const conn = db ?? (await getDb());
  return conn.select(infoFields).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** The owner of an active (not revoked) token with this hash, recording that it was used now. */
export async function ownerOfApiToken(tokenHash: string, db?: Database): Promise<string | undefined> {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId });
  return row?.userId;
}

/** Revokes one of the user's own tokens; answers whether there was such an active token. */
export async function revokeApiToken(userId: string, id: number, db?: Database): Promise<boolean> {
  const conn = db ?? (await getDb());
  const rows = await conn
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
