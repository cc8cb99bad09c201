import type { Metadata } from "next";
import { connection } from "next/server";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { withDatabaseErrors } from "@/components/ui/database-error";
import { listApiTokens } from "@/db/queries/api-tokens";
import { requireSignedIn } from "@/lib/auth/page-guard";
import { formatDateTimeShort } from "@/lib/format";
import { tokensPath } from "@/lib/paths";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

async function TokensPage() {
  await connection();
  const actor = await requireSignedIn(tokensPath());
  const tokens = await listApiTokens(actor.userId);
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API tokens</h1>
        <p className="text-sm muted">
          For scripts and demos: send <code>Authorization: Bearer &lt;token&gt;</code> to the JSON API under{" "}
          <code>/api/v1</code>. A token has your roles ({actor.email}); it is shown once and only its hash is stored.
        </p>
      </div>
      <CreateTokenForm createToken={createTokenAction} />
      {tokens.length === 0 ? (
        <p className="text-sm muted">You have no tokens yet.</p>
      ) : (
        // Scrolls inside its box on a phone instead of widening the page.
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm" aria-label="Tokens">
            <thead>
              <tr className="text-left muted">
                <th className="py-2 font-medium">Name</th>
                <th className="py-2 font-medium">Starts with</th>
                <th className="py-2 font-medium">Created</th>
                <th className="py-2 font-medium">Last used</th>
                <th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-t border-zinc-200 dark:border-zinc-800">
                  <td className="py-2">{t.name}</td>
                  <td className="py-2 font-mono">{t.prefix}…</td>
                  <td className="py-2">{formatDateTimeShort(t.createdAt)}</td>
                  <td className="py-2">{t.lastUsedAt ? formatDateTimeShort(t.lastUsedAt) : "never"}</td>
                  <td className="py-2 text-right">
                    {t.revokedAt ? (
                      <span className="muted">revoked</span>
                    ) : (
                      <RevokeTokenButton revokeToken={revokeTokenAction} id={t.id} name={t.name} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default withDatabaseErrors("The tokens could not be loaded", TokensPage);
