"use client";

import Link from "next/link";
import { type ComponentProps, useState } from "react";

/**
 * A link that fetches its whole page (data included) as soon as the pointer rests on it, a finger
 * touches it or the keyboard focuses it, so the click finds the page already loaded. Links in long
 * lists would fetch dozens of pages if they prefetched on sight, and the header's and toolbars' links
 * would send ten requests with every page view, queued before the user's own click on the embedded
 * database's single connection; intent picks the one that matters.
 */
export function IntentLink({ onMouseEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof Link>) {
  const [intent, setIntent] = useState(false);
  return (
    <Link
      {...props}
      prefetch={intent}
      onMouseEnter={(e) => {
        setIntent(true);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        setIntent(true);
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        setIntent(true);
        onTouchStart?.(e);
      }}
    />
  );
}
