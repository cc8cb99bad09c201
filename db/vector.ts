import { customType } from "drizzle-orm/pg-core";
import pgvector from "pgvector";
import { assertEmbedding, EMBEDDING_DIMENSIONS } from "./vector-check";

/**
 * pgvector's `vector(768)` as a Drizzle column. Values are validated before they are sent,
 * so a wrong-sized or non-finite vector fails with a clear message instead of a database error.
 */
export const vector = customType<{ data: number[]; driverData: string; config: { dimensions: number } }>({
  dataType(config) {
    return `vector(${config?.dimensions ?? EMBEDDING_DIMENSIONS})`;
  },
  toDriver(value) {
    assertEmbedding(value);
    const sql = pgvector.toSql(value);
    if (sql === null) throw new Error("embedding could not be serialised");
    return sql;
  },
  fromDriver(value) {
    // node-postgres with pgvector's type parser registered hands over an array already.
    const parsed: unknown = Array.isArray(value) ? value : pgvector.fromSql(value);
    if (!Array.isArray(parsed)) throw new Error("stored embedding is not a dense vector");
    return parsed as number[];
  },
});
