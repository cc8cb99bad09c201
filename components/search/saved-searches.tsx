"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { usePermissions } from "@/components/auth/permissions";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { Tenant } from "@/db/tenant";
import { type SavedSearchItem, SavedSearchLinks } from "./saved-search-links";

/**
 * The project's saved searches, each a link that runs it, and (for editors) a name to save the
 * search on screen under, and a way to remove one.
 */
export function SavedSearches({ tenant, items }: { tenant: Tenant; items: SavedSearchItem[] }) {
  const { saveSearch, deleteSavedSearch } = useMemoryActions();
  const params = useSearchParams();
  const router = useRouter();
  const can = usePermissions();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const searching = Boolean(params.get("q") || params.get("similar"));

  const save = () =>
    startTransition(async () => {
      const result = await saveSearch({ ...tenant, name, query: params.toString() });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setName("");
      toast.success(`Saved “${result.data.name}”.`);
      router.refresh();
    });

  return (
    <details className="card p-3 text-sm" open={items.length > 0 || undefined}>
      <summary className="cursor-pointer font-semibold">Saved searches ({items.length})</summary>
      <div className="mt-2 space-y-3">
        {items.length === 0 ? (
          <p className="muted">No saved search in this project yet.</p>
        ) : (
          <SavedSearchLinks
            projectId={tenant.projectId}
            items={items}
            {...(can.write
              ? {
                  actions: (item: SavedSearchItem) => (
                    <ConfirmButton
                      label={
                        <>
                          Remove<span className="sr-only"> saved search {item.name}</span>
                        </>
                      }
                      title={`Remove the saved search “${item.name}”?`}
                      description="Only the saved name and link go; no memory is changed. This cannot be undone."
                      confirmLabel="Remove"
                      run={async () => {
                        const result = await deleteSavedSearch({ ...tenant, id: item.id });
                        if (!result.ok) return result.error;
                        toast.success(`Removed “${item.name}”.`);
                        router.refresh();
                        return null;
                      }}
                    />
                  ),
                }
              : {})}
          />
        )}
        {can.write && searching && (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs muted">
              Name this search
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={120}
                placeholder="e.g. Late password resets"
                className="input"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "save-search-error" : undefined}
              />
            </label>
            <button type="submit" className="btn btn-primary" disabled={pending || !name.trim()}>
              Save search
            </button>
            {error && (
              <p id="save-search-error" role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
                {error}
              </p>
            )}
          </form>
        )}
      </div>
    </details>
  );
}
