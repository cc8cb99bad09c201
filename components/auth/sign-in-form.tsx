"use client";

import { useActionState } from "react";

/** What the form shows after an attempt: the message, and the email typed. */
export type SignInState = { error: string | null; email: string };
/** The sign-in server action: a message to show, or a redirect once signed in. */
export type SignIn = (previous: SignInState, data: FormData) => Promise<SignInState>;

export function SignInForm({ signIn, next, defaultEmail }: { signIn: SignIn; next: string; defaultEmail?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {
    error: null,
    email: defaultEmail ?? "",
  });
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <label className="block space-y-1">
        <span className="text-sm font-medium">Email</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          // biome-ignore lint/a11y/noAutofocus: the page exists to sign in; its first field is where the user starts
          autoFocus
          defaultValue={state.email}
          className="input w-full"
        />
      </label>
      <label className="block space-y-1">
        <span className="text-sm font-medium">Password</span>
        <input name="password" type="password" autoComplete="current-password" required className="input w-full" />
      </label>
      {state.error && (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {state.error}
        </p>
      )}
      <button type="submit" className="btn btn-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
