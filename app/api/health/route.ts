import { getDb } from "@/db/client";
import { databaseKind } from "@/db/config";
import { describeDatabaseError } from "@/db/errors";
import { databaseInfo } from "@/db/queries/database-info";

import { defaultEmbedder } from "@/lib/embedding";
import { RETRY_AFTER_SECONDS } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** Liveness and readiness: is the database reachable, which one, and are its migrations applied. */
export async function GET() {
  const kind = databaseKind();
  let embedder: { provider: string; model: string } | { error: string };
  try {
    const { provider, model } = defaultEmbedder();
    embedder = { provider, model };
  } catch (error) {
    embedder = { error: error instanceof Error ? error.message : "The embedder is not configured correctly." };
  }
  try {
    const info = await databaseInfo(await getDb());
    const reason = !info.pgvectorVersion
      ? "The pgvector extension is not installed: run npm run db:migrate."
      : !info.migrations.upToDate
        ? `${info.migrations.pending.length} migration(s) not applied: run npm run db:migrate.`
        : undefined;
    return Response.json(
      {
        ok: !reason,
        ...(reason ? { reason } : {}),
        database: { kind, serverVersion: info.serverVersion, pgvectorVersion: info.pgvectorVersion },
        migrations: info.migrations,
        indexes: {
          missing: info.missingIndexes,
          ...(info.missingIndexes.length
            ? { hint: "Run npm run db:indexes to build them without blocking writes." }
            : {}),
          ...(info.vectorIndexes ? { vector: info.vectorIndexes } : {}),
        },
        embedder,
      },
      { status: reason ? 503 : 200, headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    console.error("[health] database check failed:", error);
    return Response.json(
      { ok: false, reason: describeDatabaseError(error), database: { kind } },
      { status: 503, headers: { "cache-control": "no-store", "retry-after": String(RETRY_AFTER_SECONDS) } },
    );
  }
}
