import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { projectPath, tenantPath } from "@/lib/paths";
import { ACCOUNTS, PROJECT_A } from "../support/accounts";
import {
  actionResult,
  admin,
  baseURL,
  expectDone,
  guardDatabase,
  http,
  postAction,
  type Reply,
  rawGet,
  sessionOf,
  tenantOf,
  tenantPage,
} from "../support/hostile";

// Requests no browser sends: methods the app does not serve, what follows a refused upload, and
// ids that look like dot segments.

const DOT_TENANTS = [
  { projectId: PROJECT_A, userId: "." },
  { projectId: PROJECT_A, userId: ".." },
  { projectId: ".", userId: "dot-project" },
  { projectId: "..", userId: "dots-project" },
];
const dotContent = (t: { projectId: string; userId: string }) => `memory of user ${t.userId} in project ${t.projectId}`;

// Before the guard takes its checksums, so the rows are part of what must stay unchanged.
test.beforeAll(async () => {
  const cookie = await admin();
  for (const t of DOT_TENANTS) {
    const users = await http(`${projectPath(t.projectId).replace("/projects", "/api/v1/projects")}/users`, { cookie });
    if (users.status === 200 && users.json<{ items: { userId: string }[] }>().items.some((u) => u.userId === t.userId))
      continue;
    expectDone(
      await postAction("createMemoryAction", [{ ...t, rawData: JSON.stringify({ content: dotContent(t) }) }], {
        cookie,
        page: `${tenantPath(t)}/new`,
      }),
    );
  }
});

const canaries = guardDatabase({ perCase: false });

/** One request with any method (fetch refuses TRACE), on a connection of its own. */
function rawRequest(method: string, path: string): Promise<Reply> {
  const url = new URL(baseURL());
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
        resolve({ status: res.statusCode ?? 0, headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

const SECURITY_HEADERS = [
  "content-security-policy",
  "x-frame-options",
  "x-content-type-options",
  "referrer-policy",
  "permissions-policy",
];

test.describe("methods the app does not serve", () => {
  const paths = () => [
    "/",
    "/sign-in",
    tenantPage(canaries.a),
    "/admin/access",
    "/api/health",
    "/api/v1/projects",
    `/api/v1${tenantPage(canaries.a)}/memories`,
    "/icon.svg",
    "/_next/static/missing.js",
  ];

  for (const method of ["TRACE", "PROPFIND", "PURGE", "LOCK", "SEARCH"]) {
    test(`${method} answers 405 with Allow and the security headers on every route`, async () => {
      const page = await http("/sign-in");
      expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      for (const path of paths()) {
        const reply = await rawRequest(method, path);
        expect(reply.status, `${method} ${path}`).toBe(405);
        expect(reply.headers.get("allow"), `${method} ${path}`).toBe(
          path.startsWith("/api/") ? "GET, HEAD, OPTIONS" : "GET, HEAD, POST",
        );
        for (const header of SECURITY_HEADERS)
          expect(reply.headers.get(header), `${header} of ${method} ${path}`).toBe(page.headers.get(header));
        expect(reply.text).toBe("Method Not Allowed");
      }
    });
  }
});

test.describe("after a refused upload", () => {
  test("a large action posted right after a body over the 60 MB limit gets its result, every time", async () => {
    test.setTimeout(240_000);
    const cookie = await sessionOf(ACCOUNTS.adminA);
    const tenant = tenantOf(canaries.a);
    // About 20 MB of good lines and a bad last one: checked in full, nothing is imported.
    const line = JSON.stringify({ raw_data: { content: "x".repeat(2000) } });
    const large = `${Array.from({ length: 10_000 }, () => line).join("\n")}\nnot json\n`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      // Refused by Next.js: a 500 without result, or a connection closed while the body is still coming.
      const refused = await postAction("importMemoriesAction", [{ ...tenant, ndjson: "x".repeat(61 * 1024 * 1024) }], {
        cookie,
      }).catch((error: unknown) => {
        expect(String((error as Error).cause ?? error)).toMatch(/ECONNRESET|EPIPE|socket|closed/i);
        return null;
      });
      if (refused) expect(refused.result, `attempt ${attempt}`).toBeUndefined();
      const result = actionResult(await postAction("importMemoriesAction", [{ ...tenant, ndjson: large }], { cookie }));
      expect(result, `attempt ${attempt}`).toEqual({
        ok: true,
        data: {
          imported: 0,
          ids: [],
          importId: null,
          problemCount: 1,
          problems: [{ line: 10_001, reason: expect.stringMatching(/^not valid JSON/) }],
        },
      });
    }
  });
});

test.describe("ids . and ..", () => {
  const dots = (id: string) => (id === "." ? "%2E" : id === ".." ? "%2E%2E" : encodeURIComponent(id));

  test("the JSON API answers %2E and %2E%2E segments with the memories of the ids . and ..", async () => {
    const cookie = await admin();
    for (const t of DOT_TENANTS) {
      const reply = await rawGet(`/api/v1/projects/${dots(t.projectId)}/users/${dots(t.userId)}/memories`, { cookie });
      expect(reply.status, `${t.projectId} / ${t.userId}: ${reply.text.slice(0, 200)}`).toBe(200);
      expect(reply.json<{ items: { preview: string }[] }>().items.map((m) => m.preview)).toEqual([
        expect.stringContaining(dotContent(t)),
      ]);
    }
    const users = await rawGet("/api/v1/projects/%2E/users", { cookie });
    expect(users.json<{ items: { userId: string }[] }>().items.map((u) => u.userId)).toEqual(["dot-project"]);
    // Not the users list of project A, nor an HTML page.
    const lower = await rawGet(`/api/v1/projects/${PROJECT_A}/users/%2e/memories`, { cookie });
    expect(lower.headers.get("content-type")).toContain("application/json");
    expect(lower.json<{ items: { preview: string }[] }>().items).toHaveLength(1);
  });

  test("pages answer %2E segments too, instead of redirecting to the project", async () => {
    const cookie = await admin();
    const page = await rawGet(`/projects/${PROJECT_A}/users/%2E%2E`, { cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain(dotContent(DOT_TENANTS[1]!));
  });
});
