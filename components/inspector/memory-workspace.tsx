"use client";

import { Pencil, RefreshCw, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { toast } from "sonner";
import { usePermissions } from "@/components/auth/permissions";
import { useToastDeleted } from "@/components/memory-table/undo-toast";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { copyText } from "@/components/ui/copy";
import { Dialog } from "@/components/ui/dialog";
import { forPageShortcuts, pressed, SHORTCUTS } from "@/components/ui/shortcuts";
import type { Tenant } from "@/db/tenant";
import { prettyJson } from "@/lib/json-text";
import { checkJsonText, JsonEditor } from "./json-editor";
import { JsonTree } from "./json-tree";

/** `rawData` is the database's JSON text of the memory, shown and edited without ever becoming JavaScript numbers. */
type Props = {
  tenant: Tenant;
  id: number;
  rawData: string;
  version: string;
  listHref: string;
  /** The neighbours in the list it was opened from, for the keys (null at either end). */
  previousHref: string | null;
  nextHref: string | null;
};

/** raw_data as a tree or raw text, and the changes a user makes to one memory: edit, re-embed, delete. */
export function MemoryWorkspace({ tenant, id, rawData, version, listHref, previousHref, nextHref }: Props) {
  const router = useRouter();
  const pretty = prettyJson(rawData);
  const [view, setView] = useState<"tree" | "raw">("tree");
  const [editing, setEditing] = useState(false);
  const can = usePermissions();
  const { updateMemory, reembedMemories, deleteMemory } = useMemoryActions();
  const toastDeleted = useToastDeleted();
  const [text, setText] = useState(pretty);
  const [conflict, setConflict] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [pending, startTransition] = useTransition();

  const save = () =>
    startTransition(async () => {
      const result = await updateMemory({ ...tenant, id, rawData: text, version });
      if (!result.ok) {
        if (result.code === "conflict") setConflict(result.error);
        toast.error(result.error);
        return;
      }
      toast.success(result.data.unchanged ? `Nothing changed in memory ${id}.` : `Saved memory ${id}.`);
      setEditing(false);
      setConflict(null);
    });

  const reembed = () =>
    startTransition(async () => {
      const result = await reembedMemories({ ...tenant, ids: [id] });
      if (!result.ok) toast.error(result.error);
      else if (result.data.withoutText.length) toast.warning("This memory has no content or text to embed.");
      else if (result.data.notFound.length) toast.error(`Memory ${id} no longer exists.`);
      else if (result.data.changed.length) toast.warning(`Memory ${id} was edited meanwhile; re-embed it again.`);
      else toast.success(`Re-embedded memory ${id}.`);
    });

  const remove = () =>
    startTransition(async () => {
      const result = await deleteMemory({ ...tenant, id });
      setDeleting(false);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toastDeleted(tenant, `Deleted memory ${id}.`, result.data.operation);
      router.push(listHref);
    });

  const valid = checkJsonText(text).ok;

  // The inspector's keys (components/ui/shortcuts.ts); while editing, the keys are the editor's.
  useEffect(() => {
    if (editing) return;
    const onKey = (e: KeyboardEvent) => {
      if (!forPageShortcuts(e)) return;
      const go = (href: string | null) => {
        e.preventDefault();
        if (href) router.push(href);
      };
      if (pressed(SHORTCUTS.nextMemory, e)) go(nextHref);
      else if (pressed(SHORTCUTS.previousMemory, e)) go(previousHref);
      else if (pressed(SHORTCUTS.backToList, e)) go(listHref);
      else if (pressed(SHORTCUTS.edit, e) && can.write) {
        e.preventDefault();
        setText(pretty);
        setEditing(true);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [editing, router, nextHref, previousHref, listHref, can.write, pretty]);

  return (
    <section aria-label="raw_data" className="card min-w-0 space-y-3 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {editing ? (
          <h2 className="text-sm font-semibold">Editing raw_data</h2>
        ) : (
          // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not form fields: a fieldset would say otherwise
          <div
            role="group"
            aria-label="raw_data view"
            className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
          >
            {(["tree", "raw"] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => setView(v)}
                className={`rounded px-3 py-1 text-sm ${view === v ? "bg-zinc-200 font-medium dark:bg-zinc-700" : ""}`}
              >
                {v === "tree" ? "Tree" : "Raw"}
              </button>
            ))}
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          {editing ? (
            <>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setEditing(false);
                  setText(pretty);
                  setConflict(null);
                }}
              >
                Cancel
              </button>
              <button type="button" className="btn btn-primary" disabled={!valid || pending} onClick={save}>
                {pending ? "Saving…" : "Save"}
              </button>
            </>
          ) : (
            <>
              {can.write && (
                <>
                  <button
                    type="button"
                    className="btn"
                    onClick={() => {
                      setText(pretty);
                      setEditing(true);
                    }}
                  >
                    <Pencil className="size-4" aria-hidden /> Edit
                  </button>
                  <button type="button" className="btn" disabled={pending} onClick={reembed}>
                    <RefreshCw className="size-4" aria-hidden /> Re-embed
                  </button>
                </>
              )}
              {can.admin && (
                <button type="button" className="btn btn-danger" onClick={() => setDeleting(true)}>
                  <Trash2 className="size-4" aria-hidden /> Delete
                </button>
              )}
            </>
          )}
        </div>
      </div>

      {conflict && (
        <div
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          <p>{conflict}</p>
          <div className="mt-2 flex gap-2">
            <button type="button" className="btn btn-sm" onClick={() => copyText(text, "your edit")}>
              Copy my edit
            </button>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                setConflict(null);
                setEditing(false);
                router.refresh();
              }}
            >
              Discard my edit and load the latest
            </button>
          </div>
        </div>
      )}

      {editing ? (
        <JsonEditor value={text} onChange={setText} label="raw_data JSON" />
      ) : view === "tree" ? (
        <JsonTree text={rawData} />
      ) : (
        <div className="relative">
          <button
            type="button"
            className="btn btn-sm absolute top-2 right-2"
            onClick={() => copyText(pretty, "raw_data")}
          >
            Copy
          </button>
          <section aria-label="raw_data as JSON">
            <pre className="max-h-[60vh] overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-[13px] dark:bg-zinc-950">
              {pretty}
            </pre>
          </section>
        </div>
      )}

      <Dialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete memory ${id}?`}
        description="This memory will be moved to the trash, from where it can be restored."
      >
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={() => setDeleting(false)}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={pending} onClick={remove}>
            {pending ? "Deleting…" : "Delete memory"}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
