"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Tenant } from "@/db/tenant";
import { compareSearchPath } from "@/lib/paths";
import { COMPARE_SIDES, type CompareSide } from "@/lib/search-compare";

type Fields = { q: string; mode: string; metric: string };
const DEFAULTS = { mode: "vector", metric: "l2" } as const;
/** Each side's choices beside its query: value and label of each option. */
const CHOICES: { field: "mode" | "metric"; label: string; options: [string, string][] }[] = [
  {
    field: "mode",
    label: "Mode",
    options: [
      ["vector", "vector"],
      ["keyword", "keyword"],
      ["hybrid", "hybrid"],
    ],
  },
  {
    field: "metric",
    label: "Metric",
    options: [
      ["l2", "L2"],
      ["cosine", "cosine"],
    ],
  },
];

const fieldsOf = (params: URLSearchParams): Fields => ({
  q: params.get("q") ?? "",
  mode: params.get("mode") ?? DEFAULTS.mode,
  metric: params.get("metric") ?? DEFAULTS.metric,
});

/**
 * Each side's query, mode and metric; "Compare" writes both into the address, keeping whatever
 * else each side's link holds (k, filters). A typed query replaces "similar to a memory".
 */
export function CompareForm({ tenant, a, b }: { tenant: Tenant; a: string; b: string }) {
  const router = useRouter();
  const initial = { a: new URLSearchParams(a), b: new URLSearchParams(b) };
  const [fields, setFields] = useState<Record<CompareSide, Fields>>({ a: fieldsOf(initial.a), b: fieldsOf(initial.b) });
  const set = (side: CompareSide, field: keyof Fields, value: string) =>
    setFields((f) => ({ ...f, [side]: { ...f[side], [field]: value } }));

  const sideParams = (side: CompareSide): URLSearchParams => {
    const next = new URLSearchParams(initial[side]);
    const { q, mode, metric } = fields[side];
    if (q.trim()) {
      next.set("q", q.trim());
      next.delete("similar");
    } else next.delete("q");
    for (const [key, value] of [
      ["mode", mode],
      ["metric", metric],
    ] as const) {
      if (value === DEFAULTS[key]) next.delete(key);
      else next.set(key, value);
    }
    if (next.has("mode")) next.delete("threshold"); // a maximum distance is for vector search alone
    return next;
  };

  return (
    <form
      aria-label="Searches to compare"
      className="card grid gap-3 p-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        router.push(compareSearchPath(tenant, sideParams("a"), sideParams("b")), { scroll: false });
      }}
    >
      {COMPARE_SIDES.map((side) => {
        const name = side.toUpperCase();
        const similar = initial[side].get("similar");
        return (
          <fieldset key={side} className="min-w-0 space-y-2">
            <legend className="text-sm font-semibold">Search {name}</legend>
            <input
              type="search"
              aria-label={`Query ${name}`}
              value={fields[side].q}
              onChange={(e) => set(side, "q", e.target.value)}
              placeholder={similar ? `Memories similar to memory ${similar}` : "Type a query"}
              className="input w-full"
            />
            <div className="flex flex-wrap gap-2 text-xs">
              {CHOICES.map(({ field, label, options }) => (
                <select
                  key={field}
                  aria-label={`${label} ${name}`}
                  value={fields[side][field]}
                  onChange={(e) => set(side, field, e.target.value)}
                  className="input"
                >
                  {options.map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </select>
              ))}
            </div>
          </fieldset>
        );
      })}
      <div className="md:col-span-2">
        <button type="submit" className="btn btn-primary">
          Compare
        </button>
      </div>
    </form>
  );
}
