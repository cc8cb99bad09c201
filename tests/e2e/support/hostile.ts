import { createHash } from "node:crypto";
import fs from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { apiTenantPath, projectPath, tenantPath } from "@/lib/paths";
import { ACCOUNTS, PROJECT_A, PROJECT_B } from "./accounts";

// Raw HTTP against the running app, the way an attacker talks to it: no browser, no cookie jar,
// every header chosen by the test. The app holds the embedded database's only connection, so
// what the database holds is read back through the app itself, as the demo admin.

export type Account = { email: string; password: string };
export type Tenant = { projectId: string; userId: string };

/** The fake client address of ordinary sign-ins, so a brute-force test's lock never reaches them. */
const QUIET_ADDRESS = "192.0.2.10";
export const SESSION_COOKIE = "semantix.session_token";

export const baseURL = () => {
  const url = test.info().project.use.baseURL;
  if (!url) throw new Error("The hostile projects need a baseURL");
  return url;
};
export const origin = () => new URL(baseURL()).origin;

export type Reply = { status: number; headers: Headers; text: string; json: <T = Record<string, unknown>>() => T };

/** One request, redirects not followed. `cookie` is the whole Cookie header. */
export async function http(
  target: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: BodyInit;
    cookie?: string | null;
    bearer?: string;
  } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.bearer !== undefined) headers.authorization = `Bearer ${init.bearer}`;
  const send = () =>
    fetch(new URL(target, baseURL()), { method: init.method ?? "GET", headers, body: init.body, redirect: "manual" });
  // A connection the server reset (after refusing an oversized body) may still sit in the pool: a GET is tried once more.
  const response = await send().catch((error: unknown) => {
    if ((init.method ?? "GET") !== "GET" || !/ECONNRESET|socket/i.test(String((error as Error).cause ?? error)))
      throw error;
    return send();
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: <T>() => {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new Error(
          `${init.method ?? "GET"} ${target} answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`,
        );
      }
    },
  };
}

/** A GET with the path sent byte for byte as given (fetch would resolve dot segments and re-encode). */
export function rawGet(rawPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  const url = new URL(baseURL());
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: rawPath, method: "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
        resolve({
          status: res.statusCode ?? 0,
          headers: h,
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/** What the API answers on a refusal: the status, and the error object's code, message and parameter. */
export async function expectApiError(
  reply: Reply,
  status: number,
  code: string,
  message: string | RegExp,
  parameter?: string,
) {
  expect(reply.status, reply.text.slice(0, 300)).toBe(status);
  expect(reply.headers.get("content-type")).toContain("application/json");
  const { error } = reply.json<{ error: { code: string; message: string; parameter?: string } }>();
  expect(error.code).toBe(code);
  if (typeof message === "string") expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  if (parameter !== undefined) expect(error.parameter).toBe(parameter);
  if (status === 401) expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="semantix"');
}

export const UNAUTHORIZED = "Sign in first: this needs a session or an API token.";
export const needsRole = (role: "viewer" | "editor" | "admin", projectId: string) =>
  `You need the ${role} role on project “${projectId}” for this.`;

// ---------------------------------------------------------------------------------------------
// Server actions: ids from the build's manifest, posted as React's encodeReply does.

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
let manifestCache: Record<string, ManifestEntry> | undefined;

/** Every server action of the build under test: id → file, export and the pages that carry it. */
export function actionManifest(): Record<string, ManifestEntry> {
  if (!manifestCache) {
    const file = path.join(
      process.cwd(),
      process.env.E2E_DIST_DIR || ".next-e2e",
      "server",
      "server-reference-manifest.json",
    );
    manifestCache = (JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> }).node;
  }
  return manifestCache;
}

export function actionId(name: string): string {
  const ids = Object.entries(actionManifest())
    .filter(([, entry]) => entry.exportedName === name)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`Expected one server action named ${name} in the build, found ${ids.length}`);
  return ids[0]!;
}

/** A page that carries the action, with its dynamic segments filled in (the action is posted there, as the browser does). */
export function actionPage(name: string, params: Record<string, string | number> = {}): string {
  const workers = Object.keys(actionManifest()[actionId(name)]!.workers)
    .filter((w) => w.endsWith("/page") && !w.includes("_not-found"))
    .map(
      (w) =>
        w
          .replace(/^app/, "")
          .replace(/\/page$/, "")
          .replace(/\/\([^)]+\)/g, "") || "/",
    );
  const fits =
    workers.find((w) => [...w.matchAll(/\[(\w+)\]/g)].every((m) => params[m[1]!] !== undefined)) ?? workers[0] ?? "/";
  return fits.replace(/\[(\w+)\]/g, (_, key: string) => encodeURIComponent(String(params[key] ?? "1")));
}

export type ActionReply = {
  status: number;
  contentType: string;
  /** The value the action returned, when the stream carries one. */
  result: unknown;
  /** The digest of the error the stream carries instead, if any. */
  errorDigest: string | null;
  redirect: string | null;
  setCookie: string[];
  text: string;
};

/**
 * Posts a server action like React's client does: `Next-Action` header, the arguments as a JSON
 * array in a text/plain body, and an Origin of the app itself unless told otherwise (null: none).
 */
export async function postAction(
  name: string,
  args: unknown[],
  options: {
    cookie?: string | null;
    origin?: string | null;
    page?: string;
    id?: string;
    headers?: Record<string, string>;
    rawBody?: string;
  } = {},
): Promise<ActionReply> {
  const tenant = (args[0] ?? {}) as Record<string, unknown>;
  const firstId =
    typeof tenant.id === "number"
      ? tenant.id
      : Array.isArray(tenant.ids) && typeof tenant.ids[0] === "number"
        ? tenant.ids[0]
        : 1;
  const page =
    options.page ??
    actionPage(name, {
      ...(typeof tenant.projectId === "string" ? { projectId: tenant.projectId } : {}),
      ...(typeof tenant.userId === "string" ? { userId: tenant.userId } : {}),
      id: firstId,
    });
  const headers: Record<string, string> = {
    "next-action": options.id ?? actionId(name),
    "content-type": "text/plain;charset=UTF-8",
    accept: "text/x-component",
    ...options.headers,
  };
  const from = options.origin === undefined ? origin() : options.origin;
  if (from !== null) headers.origin = from;
  const reply = await http(page, {
    method: "POST",
    headers,
    cookie: options.cookie,
    body: options.rawBody ?? JSON.stringify(args),
  });
  return readActionReply(reply);
}

function readActionReply(reply: Reply): ActionReply {
  const contentType = reply.headers.get("content-type") ?? "";
  const parsed = contentType.includes("text/x-component")
    ? parseFlight(reply.text)
    : { result: undefined, errorDigest: null };
  return {
    status: reply.status,
    contentType,
    ...parsed,
    redirect: reply.headers.get("x-action-redirect"),
    setCookie: reply.headers.getSetCookie(),
    text: reply.text,
  };
}

/**
 * Reads an RSC (Flight) response: rows `id:json\n`, text rows `id:T<hex length>,<text>`, error
 * rows `id:E{...}`. Row 0 names the row of the action's result (`"a":"$@<id>"`).
 */
export function parseFlight(body: string): { result: unknown; errorDigest: string | null } {
  const bytes = Buffer.from(body, "utf8");
  const rows = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(0x3a, at);
    if (colon < 0) break;
    const id = bytes.subarray(at, colon).toString("utf8");
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(0x2c, colon);
      const length = parseInt(bytes.subarray(colon + 2, comma).toString("utf8"), 16);
      rows.set(id, JSON.stringify(bytes.subarray(comma + 1, comma + 1 + length).toString("utf8")));
      at = comma + 1 + length;
    } else {
      let end = bytes.indexOf(0x0a, colon);
      if (end < 0) end = bytes.length;
      rows.set(id, bytes.subarray(colon + 1, end).toString("utf8"));
      at = end + 1;
    }
  }
  const root = rows.get("0");
  if (!root) return { result: undefined, errorDigest: null };
  const pointer = (JSON.parse(root) as { a?: string }).a;
  if (typeof pointer !== "string" || !pointer.startsWith("$@")) return { result: undefined, errorDigest: null };
  const row = rows.get(pointer.slice(2));
  if (row === undefined) return { result: undefined, errorDigest: null };
  if (row.startsWith("E"))
    return { result: undefined, errorDigest: String((JSON.parse(row.slice(1)) as { digest?: string }).digest ?? "") };
  const resolve = (value: unknown, depth = 0): unknown => {
    if (depth > 50) return value;
    if (typeof value === "string" && value.startsWith("$")) {
      if (value.startsWith("$$")) return value.slice(1);
      if (value === "$undefined") return undefined;
      if (value.startsWith("$D")) return value.slice(2);
      const ref = /^\$@?([0-9a-f]+)$/.exec(value);
      if (ref && rows.has(ref[1]!)) return resolve(JSON.parse(rows.get(ref[1]!)!), depth + 1);
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, depth + 1));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, depth + 1)]));
    return value;
  };
  return { result: resolve(JSON.parse(row)), errorDigest: null };
}

export type ActionResult =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };

/** The typed result of an action that answered normally (HTTP 200, a result in the stream). */
export function actionResult(reply: ActionReply): ActionResult {
  expect(reply.status, reply.text.slice(0, 300)).toBe(200);
  expect(reply.contentType).toContain("text/x-component");
  expect(reply.errorDigest).toBeNull();
  expect(reply.result, `no action result in: ${reply.text.slice(0, 300)}`).toEqual(
    expect.objectContaining({ ok: expect.any(Boolean) }),
  );
  return reply.result as ActionResult;
}

export function expectRefused(reply: ActionReply, code: string, error: string | RegExp) {
  const result = actionResult(reply);
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  if (typeof error === "string") expect(result.error).toBe(error);
  else expect(result.error).toMatch(error);
  // Nothing is granted: no cookie gets a value (clearing a dead session's cookies is fine).
  expect(reply.setCookie.filter((c) => /^[^=]+=[^;]/.test(c))).toEqual([]);
}

export function expectDone(reply: ActionReply): Record<string, unknown> {
  const result = actionResult(reply);
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return result.ok ? result.data : {};
}

// ---------------------------------------------------------------------------------------------
// Sign-in, over HTTP: the sign-in form's server action, (previous state, form data) encoded by React.

export type SignInReply = { error: string | null; cookie: string | null; redirect: string | null; status: number };

export async function signIn(
  account: Account,
  options: { address?: string; next?: string } = {},
): Promise<SignInReply> {
  const form = new FormData();
  form.append("_1_next", options.next ?? "/");
  form.append("_1_email", account.email);
  form.append("_1_password", account.password);
  form.append("0", JSON.stringify([{ error: null, email: "" }, "$K1"]));
  const response = await fetch(new URL("/sign-in", baseURL()), {
    method: "POST",
    headers: {
      "next-action": actionId("signInAction"),
      origin: origin(),
      accept: "text/x-component",
      "x-forwarded-for": options.address ?? QUIET_ADDRESS,
    },
    body: form,
    redirect: "manual",
  });
  const text = await response.text();
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && c.length > SESSION_COOKIE.length + 1);
  const { result } = response.headers.get("content-type")?.includes("text/x-component")
    ? parseFlight(text)
    : { result: undefined };
  const state = result && typeof result === "object" && "error" in result ? (result as { error: string | null }) : null;
  return {
    error: state?.error ?? null,
    cookie: cookie ?? null,
    redirect: response.headers.get("x-action-redirect"),
    status: response.status,
  };
}

const sessions = new Map<string, string>();

/** A session cookie (Cookie header value) of the account, signed in once per worker. */
export async function sessionOf(account: Account): Promise<string> {
  let cookie = sessions.get(`${baseURL()} ${account.email}`);
  if (!cookie) {
    const reply = await signIn(account);
    expect(reply.error, `signing in as ${account.email}`).toBeNull();
    expect(reply.cookie).not.toBeNull();
    cookie = reply.cookie!;
    sessions.set(`${baseURL()} ${account.email}`, cookie);
  }
  return cookie;
}

export const admin = () => sessionOf(ACCOUNTS.admin);

// ---------------------------------------------------------------------------------------------
// Canaries: small tenants of this suite in project A and project B, with known rows and trash,
// so an attack that got through would change something the suite can see.

export type Canary = Tenant & { ids: number[]; trashIds: number[]; trashedIds: number[] };

/** Only the tenant of a canary: what an action's arguments name. */
export const tenantOf = (c: Tenant): Tenant => ({ projectId: c.projectId, userId: c.userId });

export const CANARY_A: Tenant = { projectId: PROJECT_A, userId: "hostile-canary-a" };
export const CANARY_B: Tenant = { projectId: PROJECT_B, userId: "hostile-canary-b" };

/**
 * A kept row of canary B whose raw_data JSON.parse cannot hold (20 digits, 19 decimals, beyond
 * double range, a __proto__ key): any path that rewrote it through JavaScript numbers or objects
 * would change the full checksum, which hashes raw_data byte for byte as the database prints it.
 */
export const EXACT_CANARY =
  '{"content": "canary of project B: exact numbers", "n": 12345678901234567890, "f": 1.0000000000000000001, "e": 1e400, "__proto__": {"a": 1}}';
const EXACT_CANARY_STORED = `{"e": 1${"0".repeat(400)}, "f": 1.0000000000000000001, "n": 12345678901234567890, "content": "canary of project B: exact numbers", "__proto__": {"a": 1}}`;

export const CANARY_ROWS: Record<string, { keep: Record<string, unknown>[]; trash: Record<string, unknown>[] }> = {
  [CANARY_A.userId]: {
    keep: [
      {
        content: "canary alpha: ships on Monday",
        tags: ["canary-red", "canary-blue"],
        component: "canary-widget",
        meta: { source: "hostile-suite", level: 1 },
      },
      {
        content: "canary beta is 100% sure_thing",
        tags: ["canary-blue"],
        component: "canary-gadget",
        meta: { source: "other" },
      },
      { content: "canary gamma without tags" },
    ],
    trash: [{ content: "canary delta, deleted on purpose", tags: ["canary-red"] }],
  },
  [CANARY_B.userId]: {
    keep: [
      {
        content: "canary of project B: secret plans",
        tags: ["canary-red"],
        component: "canary-widget",
        meta: { source: "hostile-suite" },
      },
      { content: "canary of project B: second row", tags: ["canary-blue"] },
    ],
    trash: [{ content: "canary of project B, deleted on purpose" }],
  },
};

// The app's own path builder: every id the column allows, `.` and `..` included, has a path.
export const tenantPage = (t: Tenant) => tenantPath(t);
export const apiTenant = (t: Tenant) => apiTenantPath(t);

/** The trash of a tenant as its page shows it to an admin: the count and the trash entry ids. */
export async function trashOf(
  t: Tenant,
  cookie: string,
): Promise<{ total: number; trashIds: number[]; memoryIds: number[] }> {
  const reply = await http(`${tenantPage(t)}/trash`, { cookie });
  expect(reply.status).toBe(200);
  const html = reply.text.replace(/<!-- -->/g, "");
  const total = /([\d,]+) deleted (?:memory|memories)\./.exec(html);
  if (!total) return { total: 0, trashIds: [], memoryIds: [] }; // not found: no memories and no trash
  const trashIds = [...new Set([...html.matchAll(/\\"trashId\\":(\d+)/g)].map((m) => Number(m[1])))].sort(
    (a, b) => a - b,
  );
  const memoryIds = [...html.matchAll(/aria-label="Select deleted memory (\d+)"/g)]
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  return { total: Number(total[1]!.replace(/,/g, "")), trashIds, memoryIds };
}

async function canaryIds(t: Tenant, cookie: string): Promise<number[]> {
  const reply = await http(`${apiTenant(t)}/memories?limit=200&sort=id&order=asc`, { cookie });
  if (reply.status === 404) return [];
  expect(reply.status).toBe(200);
  return reply.json<{ items: { id: number }[] }>().items.map((m) => m.id);
}

async function createRow(t: Tenant, rawData: Record<string, unknown> | string, cookie: string): Promise<number> {
  const data = expectDone(
    await postAction(
      "createMemoryAction",
      [{ ...t, rawData: typeof rawData === "string" ? rawData : JSON.stringify(rawData) }],
      { cookie },
    ),
  );
  return data.id as number;
}

/** Makes the canary tenants (once per server) and answers their rows and trash. */
export async function ensureCanaries(): Promise<{ a: Canary; b: Canary }> {
  const cookie = await admin();
  const out: Canary[] = [];
  for (const t of [CANARY_A, CANARY_B]) {
    const rows = CANARY_ROWS[t.userId]!;
    let ids = await canaryIds(t, cookie);
    if (ids.length === 0) {
      for (const raw of rows.keep) ids.push(await createRow(t, raw, cookie));
      if (t === CANARY_B) {
        ids.push(await createRow(t, EXACT_CANARY, cookie));
        expect(await exportOf(t, cookie), "raw_data is stored and exported exactly").toContain(
          `"raw_data":${EXACT_CANARY_STORED},`,
        );
      }
    }
    let trash = await trashOf(t, cookie);
    if (trash.total === 0) {
      for (const raw of rows.trash) {
        const id = await createRow(t, raw, cookie);
        expectDone(await postAction("deleteMemoryAction", [{ ...t, id }], { cookie }));
      }
      ids = await canaryIds(t, cookie);
      trash = await trashOf(t, cookie);
    }
    expect(ids.length).toBeGreaterThan(0);
    expect(trash.trashIds.length).toBeGreaterThan(0);
    out.push({ ...t, ids, trashIds: trash.trashIds, trashedIds: trash.memoryIds });
  }
  return { a: out[0]!, b: out[1]! };
}

// ---------------------------------------------------------------------------------------------
// What the database holds, read through the app as the admin.

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

const projectsApiFails = new Set<string>();

/** Every project id: from the projects API, or from the projects page once the API could not answer (asked once per server). */
export async function allProjects(cookie: string): Promise<string[]> {
  if (!projectsApiFails.has(baseURL())) {
    const api = await http("/api/v1/projects", { cookie });
    if (api.status === 200)
      return api
        .json<{ items: { projectId: string }[] }>()
        .items.map((p) => p.projectId)
        .sort();
    projectsApiFails.add(baseURL());
  }
  const page = await http("/", { cookie });
  expect(page.status).toBe(200);
  const entities: Record<string, string> = {
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&quot;": '"',
    "&#x27;": "'",
    "&#39;": "'",
  };
  const ids = [...page.text.matchAll(/href="\/projects\/([^"/?#]+)"/g)].map((m) =>
    decodeURIComponent(m[1]!.replace(/&[#\w]+;/g, (e) => entities[e] ?? e)),
  );
  return [...new Set(ids)].sort();
}

type UserRow = { userId: string; memories: number; embedded: number; latestAt: string | null };

async function usersOf(projectId: string, cookie: string): Promise<UserRow[]> {
  const reply = await http(`/api/v1${projectPath(projectId)}/users`, { cookie });
  expect(reply.status, reply.text.slice(0, 200)).toBe(200);
  return reply.json<{ items: UserRow[] }>().items.sort((a, b) => a.userId.localeCompare(b.userId));
}

/**
 * A cheap fingerprint taken around every case: each project's users with their counts and latest
 * memory, plus the canary tenants' full rows (export) and trash.
 */
export async function quickFingerprint(): Promise<string> {
  const cookie = await admin();
  const parts: string[] = [];
  for (const projectId of await allProjects(cookie))
    parts.push(projectId, JSON.stringify(await usersOf(projectId, cookie)));
  for (const t of [CANARY_A, CANARY_B]) {
    parts.push(await exportOf(t, cookie), JSON.stringify(await trashOf(t, cookie)));
  }
  return sha(parts.join("\n"));
}

async function exportOf(t: Tenant, cookie: string): Promise<string> {
  const reply = await http(`${apiTenant(t)}/export?format=ndjson`, { cookie });
  if (reply.status === 404) return "";
  expect(reply.status).toBe(200);
  return reply.text;
}

/**
 * A checksum of every memory_logs row (all columns through the NDJSON export, raw_data byte for
 * byte as the database prints it) and of every tenant's trash.
 */
export async function fullChecksum(): Promise<{ hash: string; rows: number; trash: number }> {
  const cookie = await admin();
  const hash = createHash("sha256");
  let rows = 0;
  let trash = 0;
  for (const projectId of await allProjects(cookie)) {
    for (const user of await usersOf(projectId, cookie)) {
      const t = { projectId, userId: user.userId };
      const body = await exportOf(t, cookie);
      rows += body ? body.trimEnd().split("\n").length : 0;
      const bin = await trashOf(t, cookie);
      trash += bin.total;
      hash.update(`${projectId}\u0000${user.userId}\u0000${body}\u0000${JSON.stringify(bin)}\n`);
    }
  }
  return { hash: hash.digest("hex"), rows, trash };
}

/**
 * Takes the full checksum before the cases of the file (or describe block) that calls it and
 * compares it afterwards; around each case, the cheap fingerprint. Answers the canary tenants.
 */
export function guardDatabase(options: { perCase?: boolean } = {}): { a: Canary; b: Canary } {
  let full: Awaited<ReturnType<typeof fullChecksum>> | undefined;
  let quick: string | undefined;
  const canaries = {} as { a: Canary; b: Canary };
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    Object.assign(canaries, await ensureCanaries());
    full = await fullChecksum();
    quick = await quickFingerprint();
  });
  if (options.perCase !== false) {
    test.afterEach(async () => {
      expect(await quickFingerprint(), "the rows, counts or trash changed during this case").toBe(quick);
    });
  }
  test.afterAll(async () => {
    test.setTimeout(120_000);
    if (!full) return;
    expect(await fullChecksum(), "every memory_logs row and every trash entry are as they were").toEqual(full);
  });
  return canaries;
}

/** A full checksum around a group of cases (a describe block) that try to change or destroy something. */
export function guardGroup() {
  let full: Awaited<ReturnType<typeof fullChecksum>> | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    full = await fullChecksum();
  });
  test.afterAll(async () => {
    test.setTimeout(120_000);
    if (full)
      expect(
        await fullChecksum(),
        "every memory_logs row and every trash entry are as they were after this group",
      ).toEqual(full);
  });
}
