export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading memory" className="space-y-4">
      <div className="h-7 w-48 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="h-96 animate-pulse rounded-lg bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-96 animate-pulse rounded-lg bg-zinc-200 dark:bg-zinc-800" />
      </div>
    </div>
  );
}
