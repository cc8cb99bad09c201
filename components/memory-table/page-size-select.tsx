"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { withParams } from "@/lib/memory-query/url";

const SIZES = [10, 20, 50, 100, 200];

export function PageSizeSelect({ value }: { value: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <label className="ml-2 flex items-center gap-1.5 text-xs muted">
      Per page
      <select
        className="input py-1 text-xs"
        value={value}
        onChange={(e) =>
          router.push(`${pathname}${withParams(new URLSearchParams(params), { limit: e.target.value })}`, {
            scroll: false,
          })
        }
      >
        {(SIZES.includes(value) ? SIZES : [...SIZES, value].sort((a, b) => a - b)).map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}
