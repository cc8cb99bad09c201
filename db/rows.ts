import type { SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "./connect";

/**
 * Runs raw SQL and checks the rows against `row`. Both drivers answer `{ rows }`; parsing
 * instead of casting keeps a wrong assumption about the result a clear error.
 */
export async function selectRows<T extends z.ZodType>(db: Database, query: SQL, row: T): Promise<z.infer<T>[]> {
  const result = await db.execute(query);
  return z.object({ rows: z.array(row) }).parse(result).rows;
}
