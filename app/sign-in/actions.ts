"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { SignInState } from "@/components/auth/sign-in-form";
import { ACCOUNT_DISABLED, ACCOUNT_DISABLED_CODE, getAuth } from "@/lib/auth/better-auth";
import { clientAddress, lockedFor, recordAttempt, recordSuccess } from "@/lib/auth/login-throttle";
import { safeNextPath } from "@/lib/auth/safe-next";
import { emailSchema } from "@/lib/auth/users";
import { signInPath } from "@/lib/paths";

const form = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: "Enter your password." }).max(128),
  next: z.string().optional(),
});

/** Signs in with email and password; wrong ones and too many attempts get a message, never a hint which was wrong. */
export async function signInAction(_previous: SignInState, data: FormData): Promise<SignInState> {
  const email = String(data.get("email") ?? "");
  const parsed = form.safeParse({ email, password: data.get("password") ?? "", next: data.get("next") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message, email };
  const requestHeaders = await headers();
  const address = clientAddress(requestHeaders);
  const locked = lockedFor(parsed.data.email, address);
  if (locked) {
    const who = locked.kind === "account" ? "this account" : "your address";
    return {
      error: `Too many failed sign-ins for ${who}. Try again in ${locked.minutes} minute${locked.minutes === 1 ? "" : "s"}.`,
      email,
    };
  }
  const attemptAt = Date.now();
  recordAttempt(parsed.data.email, address, attemptAt);
  try {
    const auth = await getAuth();
    await auth.api.signInEmail({
      body: { email: parsed.data.email, password: parsed.data.password },
      headers: requestHeaders,
    });
  } catch (error) {
    if (isAPIError(error)) {
      if (error.body?.code === ACCOUNT_DISABLED_CODE) {
        recordSuccess(parsed.data.email, address, attemptAt); // the password was right
        return { error: ACCOUNT_DISABLED, email };
      }
      return { error: "Wrong email or password.", email };
    }
    recordSuccess(parsed.data.email, address, attemptAt); // not the user's fault: do not count it
    console.error("[auth] sign-in failed:", error);
    return { error: "Signing in is not possible right now; the details are in the server log.", email };
  }
  recordSuccess(parsed.data.email, address, attemptAt);
  redirect(safeNextPath(parsed.data.next));
}

/** Ends the session (the cookie is cleared and the session row deleted). */
export async function signOutAction(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() }).catch(() => undefined);
  redirect(signInPath());
}
