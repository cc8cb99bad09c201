"use client";

import { type ReactNode, useState, useTransition } from "react";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * A button that asks first: it opens a ConfirmDialog, and confirming runs `run`. `run` answers null
 * when done (the dialog closes) or a message, which the dialog shows while it stays open.
 */
export function ConfirmButton({
  label,
  title,
  description,
  confirmLabel,
  run,
}: {
  label: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  run: () => Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      const problem = await run();
      setError(problem);
      if (problem === null) setOpen(false);
    });
  return (
    <>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {label}
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        onConfirm={confirm}
        pending={pending}
        error={error}
      />
    </>
  );
}
