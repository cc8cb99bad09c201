import { seededRandom } from "@/lib/random";

/** Which of the measured tenants a tenant is, if any. */
export type TenantRole = "largest" | "middle" | "small";

export type BenchTenant = {
  /** 0-based; also the order of the tenants' slots in the table. */
  n: number;
  projectId: string;
  userId: string;
  /** How many memories it gets. */
  rows: number;
  /** Its memories occupy slots [firstSlot, firstSlot + rows) of the permutation of row numbers. */
  firstSlot: number;
  kind: "largest" | "middle" | "small";
};

export type BenchLayout = { rows: number; tenants: BenchTenant[]; measured: Record<TenantRole, BenchTenant> };

export const BENCH_PROJECTS = [
  "support-copilot",
  "code-companion",
  "travel-planner",
  "wellness-coach",
  "sales-assistant",
  "research-agent",
  "hr-helpdesk",
  "legal-drafts",
  "study-buddy",
  "game-master",
  "recipe-coach",
  "finance-advisor",
] as const;

export const MIN_ROWS = 1_000;
const MIDDLE_TENANTS = 10;
const SMALL_ROWS = { min: 100, max: 500 } as const;

/**
 * How `rows` memories are shared among tenants, the way real tables are skewed: one tenant with
 * 20% of all rows, ten with 1% to 3% each, and the remaining 60% in tenants of a few hundred.
 * Deterministic for a seed.
 */
export function benchLayout(rows: number, seed: number): BenchLayout {
  if (!Number.isSafeInteger(rows) || rows < MIN_ROWS)
    throw new Error(`--rows must be a whole number of at least ${MIN_ROWS.toLocaleString("en-US")}.`);
  const rng = seededRandom(seed);
  const sizes: { rows: number; kind: BenchTenant["kind"] }[] = [{ rows: Math.round(rows * 0.2), kind: "largest" }];
  for (let i = 0; i < MIDDLE_TENANTS; i++) {
    const share = 0.01 + (0.02 * i) / (MIDDLE_TENANTS - 1);
    sizes.push({ rows: Math.max(1, Math.round(rows * share)), kind: "middle" });
  }
  let left = rows - sizes.reduce((sum, s) => sum + s.rows, 0);
  while (left > 0) {
    let size = SMALL_ROWS.min + Math.floor(rng() * (SMALL_ROWS.max - SMALL_ROWS.min + 1));
    // The last small tenant takes the rest, and never ends up tiny.
    if (left - size < SMALL_ROWS.min) size = left;
    sizes.push({ rows: size, kind: "small" });
    left -= size;
  }

  let firstSlot = 0;
  const perProject = new Map<string, number>();
  const tenants = sizes.map((s, n): BenchTenant => {
    // The largest tenant lives in the first project, the middle ones in the next ten, the small ones anywhere.
    const project =
      s.kind === "largest"
        ? BENCH_PROJECTS[0]
        : s.kind === "middle"
          ? BENCH_PROJECTS[n % BENCH_PROJECTS.length]!
          : BENCH_PROJECTS[Math.floor(rng() * BENCH_PROJECTS.length)]!;
    const index = (perProject.get(project) ?? 0) + 1;
    perProject.set(project, index);
    const tenant: BenchTenant = {
      n,
      projectId: project,
      userId: `user-${String(index).padStart(5, "0")}`,
      rows: s.rows,
      firstSlot,
      kind: s.kind,
    };
    firstSlot += s.rows;
    return tenant;
  });

  const middles = tenants.filter((t) => t.kind === "middle").sort((a, b) => a.rows - b.rows);
  const smalls = tenants.filter((t) => t.kind === "small").sort((a, b) => a.rows - b.rows || a.n - b.n);
  return {
    rows,
    tenants,
    measured: {
      largest: tenants[0]!,
      middle: middles[Math.floor(middles.length / 2)]!,
      // A typical small tenant: the median size, or the last one when there is only the remainder.
      small: smalls[Math.floor(smalls.length / 2)] ?? middles[0]!,
    },
  };
}

/**
 * A multiplier `a` coprime with `n`, so that i -> (a * i + b) mod n visits every slot once:
 * consecutive rows land in different tenants, as writes from many users interleave.
 */
export function slotMultiplier(n: number): number {
  let a = Math.max(1, Math.floor(n * 0.6180339887));
  while (gcd(a, n) !== 1) a++;
  return a;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
