/**
 * Every keyboard shortcut of the app, in one table: the handlers match their keys from here and
 * the shortcuts sheet (`?`) lists them, so what the sheet says is what the keys do.
 */
export type Shortcut = {
  /** `KeyboardEvent.key` values, any of which triggers it (Ctrl+K is matched by its handler). */
  keys: readonly string[];
  does: string;
  where: string;
};

export const SHORTCUTS = {
  quickSwitcher: {
    keys: ["Ctrl+K", "⌘K"],
    does: "Jump to a project, a user, or a memory by its id",
    where: "Everywhere",
  },
  help: { keys: ["?"], does: "Show these shortcuts", where: "Everywhere" },
  closeDialog: { keys: ["Escape"], does: "Close a dialog", where: "Everywhere" },
  focusSearch: { keys: ["/"], does: "Focus the page's filter or search box", where: "Lists and search" },
  rowDown: { keys: ["j"], does: "Move to the next row", where: "Memory list" },
  rowUp: { keys: ["k"], does: "Move to the previous row", where: "Memory list" },
  openRow: { keys: ["Enter"], does: "Open the row's memory", where: "Memory list" },
  selectRow: { keys: ["x"], does: "Select or unselect the row", where: "Memory list" },
  nextMemory: { keys: ["j", "ArrowRight"], does: "Next memory of the list", where: "Inspector" },
  previousMemory: { keys: ["k", "ArrowLeft"], does: "Previous memory of the list", where: "Inspector" },
  edit: { keys: ["e"], does: "Edit raw_data", where: "Inspector" },
  backToList: { keys: ["Escape"], does: "Back to the list", where: "Inspector" },
} as const satisfies Record<string, Shortcut>;

const SHOWN: Record<string, string> = { Escape: "Esc", ArrowRight: "→", ArrowLeft: "←" };

/** A key as the sheet shows it. */
export const keyLabel = (key: string) => SHOWN[key] ?? key;

/** Does the key event press one of the shortcut's keys? */
export const pressed = (shortcut: Shortcut, e: KeyboardEvent) => shortcut.keys.includes(e.key);

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** Is the key meant for a focused control (a link, a button) rather than for the page's shortcuts? */
export function isOnControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return isTyping(target) || !!el?.closest?.("a, button, summary, [role=button], [role=option]");
}

/**
 * Single-key shortcuts stay quiet while the user types, holds Ctrl, ⌘ or Alt, or has a dialog open,
 * and for a key something else already took: a dialog closing on Esc has gone from the page by now.
 */
export function forPageShortcuts(e: KeyboardEvent): boolean {
  return !(
    e.defaultPrevented ||
    isTyping(e.target) ||
    e.metaKey ||
    e.ctrlKey ||
    e.altKey ||
    document.querySelector("[role=dialog]")
  );
}
