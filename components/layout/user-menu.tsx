import Link from "next/link";
import { projectsWith } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { accessPath, auditPath, tokensPath } from "@/lib/paths";

/** The signed-in user's links: audit log and access (admins), API tokens, sign out (a server action). */
export function UserMenu({ actor, signOut }: { actor: Actor; signOut: () => Promise<void> }) {
  const admin = projectsWith(actor.grants, "admin");
  const isAdmin = admin === "all" || admin.length > 0;
  return (
    <nav aria-label="Account" className="flex items-center gap-2">
      {isAdmin && (
        <>
          <Link href={auditPath()} className="btn btn-sm">
            Audit log
          </Link>
          <Link href={accessPath()} className="btn btn-sm">
            Access
          </Link>
        </>
      )}
      <Link href={tokensPath()} className="btn btn-sm" title="API tokens">
        Tokens
      </Link>
      <span className="hidden max-w-48 truncate text-xs muted lg:inline" title={actor.email} data-testid="signed-in-as">
        {actor.email}
      </span>
      <form action={signOut}>
        <button type="submit" className="btn btn-sm">
          Sign out
        </button>
      </form>
    </nav>
  );
}
