"use client";

import { LoaderCircle } from "lucide-react";
import { useLinkStatus } from "next/link";

/**
 * Placed inside a `<Link>`: a small spinner while the page it leads to is on its way, so a click
 * answers at once even when the server takes longer; the old view stays until the new one is ready.
 */
export function PendingMark({ className = "size-3" }: { className?: string }) {
  const { pending } = useLinkStatus();
  return pending ? (
    <LoaderCircle className={`${className} animate-spin motion-reduce:animate-none`} aria-hidden />
  ) : null;
}
