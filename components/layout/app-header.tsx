import Link from "next/link";
import { databaseKind } from "@/lib/config";

export function AppHeader() {
  const kind = databaseKind();
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center justify-between px-4 sm:px-6">
        <Link href="/" className="font-semibold tracking-tight">
          Semantix Memory
        </Link>
        <span
          className="rounded-full border border-zinc-200 px-2.5 py-0.5 text-xs text-zinc-600"
          title={kind === "pglite" ? "Embedded PGlite database in a local folder" : "PostgreSQL server from DATABASE_URL"}
        >
          Database: {kind === "pglite" ? "embedded (PGlite)" : "PostgreSQL"}
        </span>
      </div>
    </header>
  );
}
