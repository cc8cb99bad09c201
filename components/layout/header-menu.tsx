"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * The header's account actions behind one button on narrow screens (below `lg`). The panel is only
 * rendered while open; Esc, a click outside or going to another page close it, and focus goes back to the button.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const pathname = usePathname();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the menu
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div className="relative lg:hidden">
      <button
        ref={button}
        type="button"
        className="btn btn-sm"
        aria-expanded={open}
        aria-controls="header-menu"
        aria-label="Menu"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? <X className="size-4" aria-hidden /> : <Menu className="size-4" aria-hidden />}
      </button>
      {open && (
        <div
          ref={panel}
          id="header-menu"
          className="card absolute top-full right-0 z-40 mt-2 w-64 max-w-[calc(100vw-2rem)] p-2 shadow-lg"
        >
          {children}
        </div>
      )}
    </div>
  );
}
