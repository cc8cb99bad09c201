"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Command } from "cmdk";
import { Search } from "lucide-react";
import { useParams, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { apiMemoryPath, apiTenantsPath, decodeSegment, memoryPath, projectPath, tenantPath } from "@/lib/paths";

type Match = { projectId: string; userId: string | null; memories: number };

const MEMORY_ID = /^#?([1-9]\d{0,9})$/;

/** The user whose pages are open (from the route), whose memories a typed id is looked up in. */
function useCurrentTenant() {
  const params = useParams<{ projectId?: string; userId?: string }>();
  const projectId = params.projectId ? decodeSegment(params.projectId) : null;
  const userId = params.userId ? decodeSegment(params.userId) : null;
  return projectId && userId ? { projectId, userId } : null;
}

/**
 * Jump to any project or user by typing, or, on a user's pages, to one of their memories by its
 * id (`123` or `#123`, offered when it exists); opens with Ctrl/⌘+K.
 */
export function QuickSwitcher() {
  const router = useRouter();
  const tenant = useCurrentTenant();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<Match[]>([]);
  const [memoryId, setMemoryId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === "k" && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(apiTenantsPath(query), { signal: controller.signal })
        .then(async (r) => {
          const body = (await r.json()) as { items?: Match[]; error?: { message: string } };
          if (!r.ok) throw new Error(body.error?.message ?? "Search failed.");
          setMatches(body.items ?? []);
          setLoaded(true);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setError(e instanceof Error ? e.message : "Search failed.");
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query]);

  const projectId = tenant?.projectId;
  const userId = tenant?.userId;
  useEffect(() => {
    const id = Number(MEMORY_ID.exec(query.trim())?.[1]);
    if (!open || !projectId || !userId || !id) {
      setMemoryId(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      // Offered only when the memory is the current user's (the API answers 404 otherwise).
      fetch(apiMemoryPath({ projectId, userId }, id), { signal: controller.signal })
        .then((r) => setMemoryId(r.ok ? id : null))
        .catch(() => {
          if (!controller.signal.aborted) setMemoryId(null);
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query, projectId, userId]);

  const go = (m: Match) => {
    setOpen(false);
    router.push(
      m.userId === null ? projectPath(m.projectId) : tenantPath({ projectId: m.projectId, userId: m.userId }),
    );
  };

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        className="btn btn-sm"
        aria-label="Jump to a project or user (Ctrl+K)"
        title="Jump to a project, user or memory id (Ctrl+K)"
      >
        <Search className="size-4" aria-hidden />
        <span className="hidden sm:inline">Jump to…</span>
        <kbd className="hidden rounded border border-zinc-300 px-1 text-[10px] text-zinc-600 sm:inline dark:border-zinc-600 dark:text-zinc-400">
          Ctrl K
        </kbd>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="card fixed top-24 left-1/2 z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 p-0 shadow-xl">
          <Dialog.Title className="sr-only">Jump to a project or user</Dialog.Title>
          <Dialog.Description className="sr-only">
            Type part of a project or user id, or a memory id on a user's pages, then choose with the arrow keys and
            Enter.
          </Dialog.Description>
          <Command shouldFilter={false} label="Jump to a project or user">
            <Command.Input
              value={query}
              onValueChange={setQuery}
              placeholder={tenant ? "Project or user id, or memory #…" : "Project or user id…"}
              aria-label="Project or user id"
              className="w-full border-b border-zinc-200 bg-transparent px-4 py-3 text-sm outline-none dark:border-zinc-800"
            />
            {error && (
              <p role="alert" className="px-4 pt-2 text-sm text-red-700 dark:text-red-400">
                {error}
              </p>
            )}
            <Command.List className="max-h-80 overflow-y-auto p-1">
              {/* A listbox must hold an option: while searching or with no match, a disabled one says so. */}
              {matches.length === 0 && !(tenant && memoryId !== null) && (
                <Command.Item disabled value="\u0000none" className="px-3 py-2 text-sm muted">
                  {loaded ? "No project or user matches." : "Searching…"}
                </Command.Item>
              )}
              {tenant && memoryId !== null && (
                <Command.Item
                  value={`memory\u0000${memoryId}`}
                  onSelect={() => {
                    setOpen(false);
                    router.push(memoryPath(tenant, memoryId));
                  }}
                  className="flex cursor-pointer items-center justify-between gap-3 rounded px-3 py-2 text-sm data-[selected=true]:bg-zinc-100 dark:data-[selected=true]:bg-zinc-800"
                >
                  <span className="font-medium">Memory #{memoryId}</span>
                  <span className="min-w-0 truncate font-mono text-xs muted">of {tenant.userId}</span>
                </Command.Item>
              )}
              {matches.map((m) => (
                <Command.Item
                  key={`${m.projectId}\u0000${m.userId ?? ""}`}
                  value={`${m.projectId}\u0000${m.userId ?? ""}`}
                  onSelect={() => go(m)}
                  className="flex cursor-pointer items-center justify-between gap-3 rounded px-3 py-2 text-sm data-[selected=true]:bg-zinc-100 dark:data-[selected=true]:bg-zinc-800"
                >
                  <span className="min-w-0 truncate font-mono">
                    {m.userId === null ? (
                      <>
                        <span className="mr-2 text-xs font-sans muted">project</span>
                        {m.projectId}
                      </>
                    ) : (
                      <>
                        <span className="mr-2 text-xs font-sans muted">user</span>
                        {m.userId} <span className="muted">in {m.projectId}</span>
                      </>
                    )}
                  </span>
                  <span className="shrink-0 text-xs tabular-nums muted">
                    {m.memories.toLocaleString("en-US")} memories
                  </span>
                </Command.Item>
              ))}
            </Command.List>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
