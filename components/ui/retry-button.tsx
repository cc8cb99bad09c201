"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** Loads the page's data again, for error states caused by an outage. */
export function RetryButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className="btn btn-sm mt-3"
      disabled={pending}
      onClick={() => startTransition(() => router.refresh())}
    >
      {pending ? "Retrying…" : "Retry"}
    </button>
  );
}
