"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPanel title="Something went wrong">
      <p>The page could not be shown.{error.digest ? ` Reference: ${error.digest}.` : ""}</p>
      <button
        type="button"
        onClick={reset}
        className="mt-3 rounded border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100"
      >
        Try again
      </button>
    </ErrorPanel>
  );
}
