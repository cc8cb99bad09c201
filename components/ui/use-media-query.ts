"use client";

import { useSyncExternalStore } from "react";

/** Below Tailwind's `md` (48rem): the phone layout. */
export const SMALL_SCREEN = "(max-width: 47.99rem)";

/**
 * Whether a media query matches. The server and the first client render answer `false`, so
 * server HTML is the wide layout and a small screen switches to its layout on hydration.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
