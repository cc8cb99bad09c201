import { IntentLink } from "@/components/ui/intent-link";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { databaseKind } from "@/db/config";
import { currentActor } from "@/lib/auth/actor";
import { projectsPath } from "@/lib/paths";
import { Breadcrumb } from "./breadcrumb";
import { HeaderMenu } from "./header-menu";
import { QuickSwitcher } from "./quick-switcher";
import { ShortcutsSheet } from "./shortcuts-sheet";
import { UserMenu } from "./user-menu";

/** `signOut` is the server action the user menu signs out with. */
export async function AppHeader({ signOut }: { signOut: () => Promise<void> }) {
  const kind = databaseKind();
  // The header must render even when the database is down: the page shows that error.
  const actor = await currentActor().catch(() => null);
  const database = (
    <span
      className="rounded-full border border-zinc-200 px-2.5 py-0.5 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
      title={kind === "pglite" ? "Embedded PGlite database in a local folder" : "PostgreSQL server from DATABASE_URL"}
    >
      {/* The prefix shows only where the header has room, so a long breadcrumb keeps its ids at 1440 px. */}
      <span className="sr-only 2xl:not-sr-only">Database: </span>
      {kind === "pglite" ? "embedded (PGlite)" : "PostgreSQL"}
    </span>
  );
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <IntentLink
          href={projectsPath()}
          className="shrink-0 font-semibold tracking-tight"
          aria-label="Semantix Memory: projects"
        >
          <span className="hidden md:inline">Semantix Memory</span>
          <span className="md:hidden" aria-hidden>
            SM
          </span>
        </IntentLink>
        <Breadcrumb />
        <div className="ml-auto flex shrink-0 items-center gap-2">
          {actor && <QuickSwitcher />}
          <span className="hidden xl:inline">{database}</span>
          <ShortcutsSheet />
          <ThemeToggle />
          {actor && (
            <>
              <div className="hidden lg:block">
                <UserMenu actor={actor} signOut={signOut} layout="inline" />
              </div>
              <HeaderMenu>
                <UserMenu actor={actor} signOut={signOut} layout="menu" />
                <p className="mt-2 border-t border-zinc-200 px-1 pt-2 dark:border-zinc-800">{database}</p>
              </HeaderMenu>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
