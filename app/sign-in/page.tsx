import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { withDatabaseErrors } from "@/components/ui/database-error";
import { databaseKind } from "@/db/config";
import { currentActor } from "@/lib/auth/actor";
import { DEMO_ADMIN } from "@/lib/auth/config";
import { safeNextPath } from "@/lib/auth/safe-next";
import { firstParam } from "@/lib/text-filter";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  await connection();
  const next = safeNextPath(firstParam((await searchParams).next));
  if (await currentActor()) redirect(next);
  const embedded = databaseKind() === "pglite";
  return (
    <section className="mx-auto max-w-sm space-y-5 py-10">
      <div>
        <h1 className="text-xl font-semibold">Sign in</h1>
        <p className="text-sm muted">Accounts are created by an admin of this dashboard.</p>
      </div>
      <SignInForm signIn={signInAction} next={next} />
      {embedded && (
        <aside className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-700" aria-label="Demo account">
          <p className="font-medium">Embedded demo</p>
          <p className="muted">
            Sign in as <code>{DEMO_ADMIN.email}</code> with the password <code>{DEMO_ADMIN.password}</code> (admin of
            every project). Shown only on the embedded database.
          </p>
        </aside>
      )}
    </section>
  );
}

export default withDatabaseErrors("Sign-in is not available", SignInPage);
