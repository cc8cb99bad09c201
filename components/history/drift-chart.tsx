"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type DriftPoint = { version: number; l2: number | null; cosine: number | null };

/** How far each version's vector moved from the one before (L2 and cosine distance). */
export function DriftChart({ points }: { points: DriftPoint[] }) {
  return (
    <figure className="space-y-1">
      <div
        className="h-40 w-full"
        role="img"
        aria-label="Embedding drift: distance of each version's vector from the one before"
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="stroke-zinc-200 dark:stroke-zinc-800" />
            <XAxis dataKey="version" tickFormatter={(v: number) => `v${v}`} fontSize={12} />
            <YAxis fontSize={12} width={44} />
            <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(4) : String(value))} />
            <Line type="monotone" dataKey="l2" name="L2" stroke="#2563eb" dot connectNulls isAnimationActive={false} />
            <Line
              type="monotone"
              dataKey="cosine"
              name="cosine"
              stroke="#c2410c"
              dot
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs muted">
        Blue: L2 distance; orange: cosine distance, from the version before.
      </figcaption>
    </figure>
  );
}
