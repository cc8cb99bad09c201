import { getDb } from "@/db/client";
import { missingIndexes } from "@/db/recommended-indexes";

/** Tells an operator when an adopted database lacks the indexes that keep big tenants fast. */
export async function IndexNotice() {
  const missing = await missingIndexes(await getDb()).catch(() => []);
  if (missing.length === 0) return null;
  return (
    <div
      role="status"
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
    >
      {missing.length} recommended index{missing.length === 1 ? " is" : "es are"} missing (
      {missing.map((m) => m.name).join(", ")}): lists of big users may be slow. Run <code>npm run db:indexes</code> to
      build them without blocking writes.
    </div>
  );
}
