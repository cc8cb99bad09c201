export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading memories" className="space-y-4">
      <div className="h-7 w-72 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-28 animate-pulse rounded-lg bg-zinc-200 dark:bg-zinc-800" />
      <div className="grid gap-4 lg:grid-cols-[1fr_12rem]">
        <div className="space-y-2">
          {Array.from({ length: 10 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows that never move
            <div key={i} className="h-10 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          ))}
        </div>
        <div className="h-64 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      </div>
    </div>
  );
}
