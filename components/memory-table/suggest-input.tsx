"use client";

import { type KeyboardEvent, useEffect, useId, useState } from "react";
import type { FacetCount } from "@/db/queries/facets";
import type { SuggestionField, Suggestions } from "@/db/queries/suggestions";
import type { Tenant } from "@/db/tenant";
import { formatCount } from "@/lib/format";
import { apiSuggestionsPath } from "@/lib/paths";

type Props = {
  tenant: Tenant;
  field: SuggestionField;
  value: string;
  onChange(value: string): void;
  /** A suggestion was chosen (Enter or a click). */
  onPick(value: string): void;
  /** Names the field in "No memory has this tag". */
  noun: string;
  id?: string;
  name?: string;
  label?: string;
  placeholder?: string;
  className?: string;
};

/**
 * A text field that completes from the user's values (the suggestions API), as an ARIA 1.2
 * combobox: ↓/↑ move through the list, Enter takes the marked one, Esc closes it; Enter with
 * nothing marked submits the form as before. A value nobody has is said so before the search runs.
 */
export function SuggestInput({ tenant, field, value, onChange, onPick, noun, name, label, ...rest }: Props) {
  const own = useId();
  const id = rest.id ?? own;
  const [answer, setAnswer] = useState<{ prefix: string; items: FacetCount[]; known?: boolean } | null>(null);
  const [wanted, setWanted] = useState(false); // asked for by focus or typing: no request on page load
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const prefix = value.trim();
  const { projectId, userId } = tenant;

  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(apiSuggestionsPath({ projectId, userId }, { field, prefix }), {
          signal: controller.signal,
        });
        if (!response.ok) return; // no suggestions; the filter itself still works
        const body = (await response.json()) as Suggestions;
        setAnswer({ prefix, items: body.items, known: body.known });
        setActive(-1);
      } catch {
        // aborted by the next keystroke, or offline: no suggestions
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [wanted, projectId, userId, field, prefix]);

  const items = answer?.items ?? [];
  const expanded = open && items.length > 0;
  const unknown = answer?.known === false && answer.prefix === prefix && prefix !== "";
  const pick = (chosen: string) => {
    onPick(chosen);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setWanted(true);
      setOpen(true);
      if (!items.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (expanded ? (i + step + items.length) % items.length : step > 0 ? 0 : items.length - 1));
    } else if (event.key === "Enter" && expanded && active >= 0 && items[active]) {
      event.preventDefault();
      pick(items[active].value);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <span className="relative inline-flex flex-col">
      <input
        {...rest}
        name={name}
        value={value}
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-${active}` : undefined}
        aria-describedby={unknown ? `${id}-unknown` : undefined}
        autoComplete="off"
        onChange={(e) => {
          onChange(e.target.value);
          setWanted(true);
          setOpen(true);
        }}
        onFocus={() => {
          setWanted(true);
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label={`Suggested ${noun}s`}
        hidden={!expanded}
        className="card absolute top-full left-0 z-20 mt-1 max-h-64 min-w-full overflow-y-auto p-1 text-sm"
      >
        {items.map((item, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keys (aria-activedescendant)
          <div
            key={item.value}
            id={`${id}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()} // keep the focus in the input
            onClick={() => pick(item.value)}
            className={`flex cursor-pointer justify-between gap-3 rounded px-2 py-1 ${i === active ? "bg-zinc-200 dark:bg-zinc-700" : ""}`}
          >
            <span className="truncate font-mono">{item.value}</span>{" "}
            <span className="muted tabular-nums">{formatCount(item.count)}</span>
          </div>
        ))}
      </div>
      {unknown && (
        <span id={`${id}-unknown`} className="mt-1 text-xs text-amber-700 dark:text-amber-400">
          No memory has this {noun}
        </span>
      )}
    </span>
  );
}
