"use client";

import { Keyboard } from "lucide-react";
import { Fragment, useEffect, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { forPageShortcuts, keyLabel, pressed, SHORTCUTS } from "@/components/ui/shortcuts";

const GROUPS = Object.values(SHORTCUTS).reduce<Map<string, (typeof SHORTCUTS)[keyof typeof SHORTCUTS][]>>(
  (groups, s) => groups.set(s.where, [...(groups.get(s.where) ?? []), s]),
  new Map(),
);

/** Every shortcut of the app, from the one table; opens with `?` or the header's keyboard button. */
export function ShortcutsSheet() {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!pressed(SHORTCUTS.help, e) || !forPageShortcuts(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        className="btn btn-sm"
        aria-label="Keyboard shortcuts (?)"
        title="Keyboard shortcuts (?)"
        onClick={() => setOpen(true)}
      >
        <Keyboard className="size-4" aria-hidden />
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Keyboard shortcuts"
        description="Single keys work when no text box has the focus."
      >
        <div className="max-h-[60vh] overflow-y-auto">
          <table className="w-full text-sm" aria-label="Keyboard shortcuts">
            <tbody>
              {[...GROUPS].map(([where, shortcuts]) => (
                <Fragment key={where}>
                  <tr>
                    <th colSpan={2} scope="colgroup" className="pt-3 pb-1 text-left text-xs font-semibold muted">
                      {where}
                    </th>
                  </tr>
                  {shortcuts.map((s) => (
                    <tr key={s.does}>
                      <td className="py-1 pr-4 whitespace-nowrap">
                        {s.keys.map((k, i) => (
                          <Fragment key={k}>
                            {i > 0 && <span className="muted"> or </span>}
                            <kbd className="rounded border border-zinc-300 px-1.5 font-mono text-xs dark:border-zinc-600">
                              {keyLabel(k)}
                            </kbd>
                          </Fragment>
                        ))}
                      </td>
                      <td className="py-1">{s.does}</td>
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
        <div className="flex justify-end">
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </Dialog>
    </>
  );
}
