"use client";

import { type ReactNode, useEffect, useId, useState } from "react";
import { Dialog } from "./dialog";

/**
 * Asks before a change. What can be undone gets a plain question; what cannot (`typeToConfirm`)
 * also wants that word or count typed, and its button stays disabled until it is.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  typeToConfirm,
  pending = false,
  disabled = false,
  error,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  typeToConfirm?: string;
  pending?: boolean;
  disabled?: boolean;
  error?: string | null;
}) {
  const [typed, setTyped] = useState("");
  const inputId = useId();
  // A new question starts with an empty field.
  // biome-ignore lint/correctness/useExhaustiveDependencies: opening or a new word is what clears it
  useEffect(() => setTyped(""), [open, typeToConfirm]);
  const typedOk = typeToConfirm === undefined || typed.trim() === typeToConfirm;

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title} description={description}>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {typeToConfirm !== undefined && (
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={inputId}>
            This cannot be undone. Type <strong className="font-mono">{typeToConfirm}</strong> to confirm
          </label>
          <input
            id={inputId}
            className="input"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-label={`Type ${typeToConfirm} to confirm`}
          />
        </div>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className="btn" onClick={() => onOpenChange(false)}>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" disabled={pending || disabled || !typedOk} onClick={onConfirm}>
          {pending ? "Working…" : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
