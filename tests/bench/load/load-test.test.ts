import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTest } from "@/bench/load/load-test";

// The load test's clients against a small local server that answers 200, or 503 under /fail.

describe("load test", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url?.startsWith("/fail")) response.writeHead(503).end("down");
      else
        response
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ ok: true, auth: request.headers.authorization ?? null }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("keeps its clients busy for the duration and counts every answer", async () => {
    const result = await loadTest(
      { name: "ok", urls: [`${base}/a`, `${base}/b`], headers: (client) => ({ authorization: `Bearer t${client}` }) },
      { clients: 8, durationMs: 2000, maxRequests: 1_000_000 },
    );
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(100);
    expect(result.statuses["200"]).toBe(result.requests);
    expect(result.seconds).toBeGreaterThanOrEqual(2);
    expect(result.seconds).toBeLessThan(10);
    expect(result.throughput).toBeGreaterThan(0);
    expect(result.latency.runs).toBe(result.requests);
    expect(result.latency.p50).toBeLessThanOrEqual(result.latency.p95);
    expect(result.latency.p95).toBeLessThanOrEqual(result.latency.p99);
  });

  it("stops at the request budget and counts failed answers as errors", async () => {
    const bounded = await loadTest(
      { name: "bounded", urls: [`${base}/a`] },
      { clients: 5, durationMs: 60_000, maxRequests: 37 },
    );
    expect(bounded.requests).toBe(37);
    expect(bounded.errors).toBe(0);

    const failing = await loadTest(
      { name: "failing", urls: [`${base}/fail`, `${base}/a`] },
      { clients: 2, durationMs: 60_000, maxRequests: 20 },
    );
    expect(failing.requests).toBe(20);
    expect(failing.errors).toBe(10);
    expect(failing.statuses["503"]).toBe(10);
    expect(failing.errorSamples[0]).toContain("503 /fail");

    // A baseline that expects refusals counts only other failures.
    const refused = await loadTest(
      { name: "refused", urls: [`${base}/fail`, `${base}/a`], expectStatus: 503 },
      { clients: 2, durationMs: 60_000, maxRequests: 20 },
    );
    expect(refused.statuses["503"]).toBe(10);
    expect(refused.errors).toBe(0);
    const otherStatus = await loadTest(
      { name: "other", urls: [`${base}/fail`], expectStatus: 401 },
      { clients: 2, durationMs: 60_000, maxRequests: 4 },
    );
    expect(otherStatus.errors).toBe(4);
  });

  it("counts a server that cannot be reached as errors, not as a crash", async () => {
    const result = await loadTest(
      { name: "closed", urls: ["http://127.0.0.1:9/"] },
      { clients: 2, durationMs: 500, maxRequests: 10 },
    );
    expect(result.errors).toBe(result.requests);
    expect(result.requests).toBeGreaterThan(0);
  });
});
