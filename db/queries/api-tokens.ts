import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { type Database, getDb } from "../client";
import { selectRows } from "../rows";
import { apiTokens, authUser } from "../schema";
import { type AccountWithGrants, accountWithGrantsColumns, accountWithGrantsRow } from "./access";

export type ApiTokenInfo = {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const infoFields = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export async function insertApiToken(
  input: { userId: string; name: string; tokenHash: string; prefix: string },
  db?: Database,
): Promise<ApiTokenInfo> {
  const conn = db ?? (await getDb());
  const [row] = await conn.insert(apiTokens).values(input).returning(infoFields);
  return row!;
}

export async function listApiTokens(userId: string, db?: Database): Promise<ApiTokenInfo[]> {
  const conn = db ?? (await getDb());
  return conn
    .select(infoFields)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/**
 * The owner of an active (not revoked) token with this hash, with its grants, in one statement.
 * Its last use is recorded to the minute: a busy script does not turn every read into a write.
 */
export async function accountOfApiToken(tokenHash: string, db?: Database): Promise<AccountWithGrants | undefined> {
  const conn = db ?? (await getDb());
  const [row] = await selectRows(
    conn,
    sql`with token as (
          select id, user_id, last_used_at from ${apiTokens} where token_hash = ${tokenHash} and revoked_at is null
        ), touched as (
          update ${apiTokens} set last_used_at = now() from token
           where ${apiTokens.id} = token.id and (token.last_used_at is null or token.last_used_at < now() - interval '1 minute')
        )
        select ${accountWithGrantsColumns} from token join ${authUser} u on u.id = token.user_id`,
    accountWithGrantsRow,
  );
  return row;
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
