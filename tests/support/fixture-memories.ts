import type { Connection } from "@/db/connect";
import type { Tenant } from "@/db/tenant";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { rawQuery } from "./databases";
import type { FixtureMemory } from "./reference-memories";

export type FixtureSpec = {
  tenant: Tenant;
  rawData: Record<string, unknown>;
  embed: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
};

const sqlTimestamp = (d: Date | null) => (d === null ? null : d.toISOString().replace("T", " ").replace("Z", ""));

/** Inserts the specs in order, timestamps written explicitly (the columns default to now(), so NULL must be given). */
export async function insertFixture(conn: Connection, specs: FixtureSpec[]): Promise<FixtureMemory[]> {
  const out: FixtureMemory[] = [];
  for (const s of specs) {
    const text = typeof s.rawData.content === "string" ? s.rawData.content : "legacy";
    const embedding = s.embed ? JSON.stringify(hashingEmbedding(text)) : null;
    const [row] = await rawQuery<{ id: number }>(
      conn,
      `insert into memory_logs (user_id, project_id, raw_data, embedding, created_at, updated_at)
       values ($1, $2, $3::jsonb, $4::vector, $5::timestamp, $6::timestamp) returning id`,
      [
        s.tenant.userId,
        s.tenant.projectId,
        JSON.stringify(s.rawData),
        embedding,
        sqlTimestamp(s.createdAt),
        sqlTimestamp(s.updatedAt),
      ],
    );
    out.push({
      id: row!.id,
      ...s.tenant,
      rawData: s.rawData,
      hasEmbedding: s.embed,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    });
  }
  return out;
}
