"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { isOnControl, isTyping, pressed, SHORTCUTS } from "./shortcuts";

/** A text box whose value lives in the URL (`?q=`), debounced, so the filtered list can be shared. */
export function FilterBox(props: { label: string; placeholder: string }) {
  const q = useSearchParams().get("q") ?? "";
  // A change of the URL from elsewhere (a link, back) resets the box to it.
  return <FilterInput key={q} initial={q} {...props} />;
}

function FilterInput({ label, placeholder, initial }: { label: string; placeholder: string; initial: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((params.get("q") ?? "") === value) return;
      const next = new URLSearchParams(params);
      if (value) next.set("q", value);
      else next.delete("q");
      router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
    }, 200);
    return () => clearTimeout(timer);
  }, [value, params, pathname, router]);

  useSlashFocus(input);

  return (
    <input
      ref={input}
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      className="input w-full max-w-xs"
    />
  );
}

/** `/` focuses the page's search box, unless the user is typing somewhere. */
export function useSlashFocus(target: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!pressed(SHORTCUTS.focusSearch, e) || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      target.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [target]);
}

// Kept here too for the list's handlers, which import them from this module.
export { isOnControl, isTyping };
