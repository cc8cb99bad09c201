import { IntentLink } from "@/components/ui/intent-link";
import { projectsWith } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { accessPath, auditPath, tokensPath } from "@/lib/paths";

/**
 * The signed-in user's links: audit log and access (admins), API tokens, sign out (a server action).
 * `inline` lays them out in the header row, `menu` as a column inside the header menu.
 */
export function UserMenu({
  actor,
  signOut,
  layout,
}: {
  actor: Actor;
  signOut: () => Promise<void>;
  layout: "inline" | "menu";
}) {
  const admin = projectsWith(actor.grants, "admin");
  const isAdmin = admin === "all" || admin.length > 0;
  const inline = layout === "inline";
  const item = inline ? "btn btn-sm" : "btn w-full justify-start";
  return (
    <nav aria-label="Account" className={inline ? "flex items-center gap-2" : "flex flex-col gap-1"}>
      {!inline && (
        <span className="truncate px-1 pb-1 text-xs muted" title={actor.email} data-testid="signed-in-as">
          {actor.email}
        </span>
      )}
      {isAdmin && (
        <>
          <IntentLink href={auditPath()} className={item}>
            Audit log
          </IntentLink>
          <IntentLink href={accessPath()} className={item}>
            Access
          </IntentLink>
        </>
      )}
      <IntentLink href={tokensPath()} className={item} title="API tokens">
        Tokens
      </IntentLink>
      {inline && (
        <span
          className="hidden max-w-48 truncate text-xs muted 2xl:inline"
          title={actor.email}
          data-testid="signed-in-as"
        >
          {actor.email}
        </span>
      )}
      <form action={signOut}>
        <button type="submit" className={item} title={`Signed in as ${actor.email}`}>
          Sign out
        </button>
      </form>
    </nav>
  );
}
