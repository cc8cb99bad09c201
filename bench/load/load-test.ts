import http from "node:http";
import { summarize, type Timing } from "../stats";

/**
 * What the clients ask for: URLs taken in turn, with the same headers (credentials) on every
 * request. An answer of 400 or more is an error unless it is `expectStatus`.
 */
export type LoadTarget = {
  name: string;
  urls: string[];
  headers?: Record<string, string> | ((client: number) => Record<string, string>);
  expectStatus?: number;
};

export type LoadOptions = {
  /** Concurrent clients, each sending its next request as soon as the previous answer is read. */
  clients: number;
  /** No request starts after this. */
  durationMs: number;
  /** No more requests than this in all. */
  maxRequests: number;
  /** A request without a full answer by then counts as an error. */
  timeoutMs?: number;
};

export type LoadResult = {
  name: string;
  clients: number;
  requests: number;
  errors: number;
  /** A few error descriptions (status and URL, or the network error), for the report. */
  errorSamples: string[];
  statuses: Record<string, number>;
  seconds: number;
  /** Requests answered per second over the whole run. */
  throughput: number;
  latency: Timing;
  bytes: number;
};

/**
 * A closed-loop HTTP load test on keep-alive connections: `clients` loops, each waiting for its
 * answer (read to the end) before the next request, until the duration or the request budget is
 * spent. Any status of 400 or more (but the expected one), network error or timeout is an error.
 */
export async function loadTest(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  if (target.urls.length === 0) throw new Error("the load test needs at least one URL");
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const urls = target.urls.map((u) => new URL(u));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let issued = 0;
  let errors = 0;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;

  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what);
  };

  const client = async (index: number) => {
    const headers = typeof target.headers === "function" ? target.headers(index) : (target.headers ?? {});
    while (issued < options.maxRequests && performance.now() < deadline) {
      const url = urls[issued++ % urls.length]!;
      const sent = performance.now();
      try {
        const answer = await get(url, headers, agent, timeoutMs);
        latencies.push(performance.now() - sent);
        bytes += answer.bytes;
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status >= 400 && answer.status !== target.expectStatus)
          fail(`${answer.status} ${url.pathname}${url.search}`);
      } catch (error) {
        latencies.push(performance.now() - sent);
        statuses.error = (statuses.error ?? 0) + 1;
        fail(`${error instanceof Error ? error.message : String(error)} (${url.pathname}${url.search})`);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    name: target.name,
    clients: options.clients,
    requests: latencies.length,
    errors,
    errorSamples,
    statuses,
    seconds,
    throughput: latencies.length / seconds,
    latency: summarize(latencies),
    bytes,
  };
}

function get(
  url: URL,
  headers: Record<string, string>,
  agent: http.Agent,
  timeoutMs: number,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent, headers, timeout: timeoutMs }, (response) => {
      let received = 0;
      response.on("data", (chunk: Buffer) => (received += chunk.length));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes: received }));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on("error", reject);
    request.end();
  });
}
