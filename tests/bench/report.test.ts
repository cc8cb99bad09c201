import { describe, expect, it } from "vitest";
import { LOAD_TARGETS, type LoadPhase, loadMisses } from "@/bench/report";
import { summarize } from "@/bench/stats";

const phase = (over: Partial<LoadPhase> & Pick<LoadPhase, "name" | "throughput">, latencies: number[]): LoadPhase => ({
  clients: 50,
  requests: 1000,
  errors: 0,
  errorSamples: [],
  statuses: { "200": 1000 },
  seconds: 60,
  bytes: 0,
  latency: summarize(latencies),
  target: null,
  met: null,
  appCpuMsPerRequest: null,
  clientCpuMsPerRequest: 0.2,
  ...over,
});

describe("the load test's explanation of a missed target", () => {
  const slow = Array.from({ length: 100 }, (_, i) => 150 + i);
  const api = phase(
    { name: "JSON API: memory list", throughput: 250, target: LOAD_TARGETS.api, met: false, appCpuMsPerRequest: 4 },
    slow,
  );

  it("states the clients' average wait and the one-process ceiling from the run's numbers", () => {
    const text = loadMisses([api]).join(" ");
    expect(text).toContain("50 ÷ 250 requests/s ≈ 200 ms");
    expect(text).toContain("4.00 ms of CPU per request");
    expect(text).toContain("near 250 requests/s");
  });

  it("compares with the baseline, and says when even the baseline is above the target", () => {
    const over = phase(
      { name: "Baseline", throughput: 600, appCpuMsPerRequest: 1.7 },
      Array.from({ length: 100 }, (_, i) => 60 + i),
    );
    const under = phase(
      { name: "Baseline", throughput: 900, appCpuMsPerRequest: 1 },
      Array.from({ length: 100 }, (_, i) => 20 + i / 2),
    );
    expect(loadMisses([api, over]).join(" ")).toMatch(
      /cost it 1\.70 ms and still gave a p95 of 154 ms, above the 100 ms target\./,
    );
    const below = loadMisses([api, under]).join(" ");
    expect(below).toContain("cost it 1.00 ms and still gave a p95 of 67.0 ms.");
    expect(below).not.toContain("above the");
  });

  it("says nothing of phases that met their target, had errors, or have no CPU figure", () => {
    const fast = Array.from({ length: 100 }, (_, i) => 10 + i / 10);
    expect(loadMisses([{ ...api, met: true, latency: summarize(fast) }])).toEqual([]);
    expect(loadMisses([{ ...api, errors: 3 }])).toEqual([]);
    expect(loadMisses([{ ...api, appCpuMsPerRequest: null }])).toEqual([]);
  });
});
