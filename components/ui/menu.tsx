"use client";

import { type ReactNode, useEffect, useRef } from "react";

/**
 * A drop-down on `<details>`: its `<summary>` opens it, Esc closes it and gives focus back to the
 * summary, and a click or focus outside closes it.
 */
export function Menu({ className, children }: { className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = () => {
      details.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !details.open) return;
      e.preventDefault();
      close();
      details.querySelector("summary")?.focus();
    };
    const onOutside = (e: Event) => {
      if (details.open && e.target instanceof Node && !details.contains(e.target)) close();
    };
    details.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onOutside);
    document.addEventListener("focusin", onOutside);
    return () => {
      details.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onOutside);
      document.removeEventListener("focusin", onOutside);
    };
  }, []);

  return (
    <details ref={ref} className={className}>
      {children}
    </details>
  );
}
