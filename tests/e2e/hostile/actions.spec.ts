import { expect, test } from "@playwright/test";
import { ACCOUNTS, PROJECT_A, PROJECT_B } from "../support/accounts";
import {
  actionId,
  actionManifest,
  actionResult,
  type Canary,
  expectDone,
  expectRefused,
  guardDatabase,
  guardGroup,
  http,
  needsRole,
  origin as originOf,
  postAction,
  sessionOf,
  tenantOf,
  UNAUTHORIZED,
} from "../support/hostile";

// Server actions are public POST endpoints: each one is posted directly, the way a script would,
// without a session and with sessions that lack the role, and must refuse with the precise code
// and message while every row and the trash stay as they were.

const canaries = guardDatabase();

type Permission = "read" | "write" | "admin";
type TenantAction = { name: string; permission: Permission; args: (c: Canary) => Record<string, unknown> };

const ATTACK_JSON = JSON.stringify({ content: "planted by an attacker", tags: ["pwned"] });

/** Every tenant action with arguments that would really change (or read) the canary tenant if let through. */
const TENANT_ACTIONS: TenantAction[] = [
  { name: "createMemoryAction", permission: "write", args: () => ({ rawData: ATTACK_JSON }) },
  {
    name: "updateMemoryAction",
    permission: "write",
    args: (c) => ({ id: c.ids[0], rawData: ATTACK_JSON, version: "2026-11-01 00:00:00.000000" }),
  },
  { name: "reembedMemoriesAction", permission: "write", args: (c) => ({ ids: c.ids }) },
  {
    name: "bulkEditAction",
    permission: "write",
    args: (c) => ({ target: { ids: c.ids }, edit: { addTags: ["hostile"], removeTags: [] } }),
  },
  { name: "embedMissingAction", permission: "write", args: () => ({ batchSize: 200 }) },
  { name: "deleteMemoryAction", permission: "admin", args: (c) => ({ id: c.ids[0] }) },
  { name: "deleteMemoriesAction", permission: "admin", args: (c) => ({ ids: c.ids }) },
  { name: "deleteMatchingAction", permission: "admin", args: (c) => ({ filters: "", expectedCount: c.ids.length }) },
  { name: "restoreAction", permission: "admin", args: (c) => ({ trashIds: c.trashIds }) },
  { name: "purgeTrashAction", permission: "admin", args: (c) => ({ all: true, expectedCount: c.trashIds.length }) },
  {
    name: "importMemoriesAction",
    permission: "admin",
    args: () => ({ ndjson: `${JSON.stringify({ raw_data: { content: "imported by an attacker" } })}\n` }),
  },
  {
    name: "previewImportAction",
    permission: "admin",
    args: () => ({ ndjson: `${JSON.stringify({ raw_data: { content: "previewed by an attacker" } })}\n` }),
  },
  // A well-formed import id: refused before the import is even looked up.
  {
    name: "revertImportAction",
    permission: "admin",
    args: () => ({ importId: "00000000-0000-4000-8000-000000000000" }),
  },
  // Well-formed ids: refused before any version or operation is looked up.
  {
    name: "restoreVersionAction",
    permission: "write",
    args: (c) => ({ id: c.ids[0], versionId: 1, version: "2026-11-01 00:00:00.000000" }),
  },
  {
    name: "revertChangeAction",
    permission: "write",
    args: () => ({ operation: "00000000-0000-4000-8000-000000000000" }),
  },
  {
    name: "saveSearchAction",
    permission: "write",
    args: () => ({ name: "planted by an attacker", query: "q=canary" }),
  },
  // A well-formed id: refused before any saved search is looked up.
  { name: "deleteSavedSearchAction", permission: "write", args: () => ({ id: 1 }) },
  { name: "previewDeleteMatchingAction", permission: "read", args: () => ({ filters: "" }) },
  { name: "searchAction", permission: "read", args: () => ({ query: "q=canary&k=100" }) },
  { name: "startModelMigrationAction", permission: "write", args: () => ({ embedder: "local · hashing-words-v1" }) },
  // Well-formed job ids: refused before any job is looked up.
  { name: "cancelJobAction", permission: "write", args: () => ({ jobId: 1 }) },
  { name: "revertModelMigrationAction", permission: "write", args: () => ({ jobId: 1 }) },
];

const ROLE_FOR: Record<Permission, "viewer" | "editor" | "admin"> = { read: "viewer", write: "editor", admin: "admin" };
const argsFor = (action: TenantAction, c: Canary) => ({ projectId: c.projectId, userId: c.userId, ...action.args(c) });

/** Account and access actions, and what a caller without a session sends them. */
const ACCOUNT_ACTIONS: { name: string; args: unknown[] }[] = [
  { name: "createTokenAction", args: [{ name: "stolen" }] },
  { name: "revokeTokenAction", args: [{ id: 1 }] },
  {
    name: "grantAccessAction",
    args: [{ email: "attacker@evil.example", projectId: null, role: "admin", password: "attacker-password" }],
  },
  { name: "revokeAccessAction", args: [{ userId: "anyone", projectId: null }] },
  { name: "changeRoleAction", args: [{ userId: "anyone", projectId: null, role: "viewer" }] },
  { name: "setAccountDisabledAction", args: [{ userId: "anyone", disabled: true }] },
  { name: "deleteAccountAction", args: [{ userId: "anyone", confirmEmail: "anyone@example.com" }] },
  { name: "migrateProjectAction", args: [{ projectId: PROJECT_A, embedder: "local · hashing-words-v1" }] },
];

test.describe("without a session", () => {
  guardGroup();

  for (const action of TENANT_ACTIONS) {
    test(`${action.name} is refused as unauthorized`, async () => {
      expectRefused(
        await postAction(action.name, [argsFor(action, canaries.a)], { cookie: null }),
        "unauthorized",
        UNAUTHORIZED,
      );
    });
  }

  for (const action of ACCOUNT_ACTIONS) {
    test(`${action.name} is refused as unauthorized`, async () => {
      expectRefused(await postAction(action.name, action.args, { cookie: null }), "unauthorized", UNAUTHORIZED);
    });
  }

  test("signOutAction only sends the caller to the sign-in page", async () => {
    const reply = await postAction("signOutAction", [], { cookie: null });
    expect(reply.status).toBe(200);
    expect(reply.redirect).toMatch(/^\/sign-in(;|$)/);
    expect(reply.setCookie.filter((c) => /^semantix\.session_token=[^;]/.test(c))).toEqual([]);
  });

  test("a forged session cookie is no session either", async () => {
    const cookie = "semantix.session_token=forged-token.forged-signature";
    expectRefused(
      await postAction("deleteMemoryAction", [{ ...tenantOf(canaries.a), id: canaries.a.ids[0] }], { cookie }),
      "unauthorized",
      UNAUTHORIZED,
    );
  });
});

test.describe("with a viewer session of project A", () => {
  guardGroup();

  for (const action of TENANT_ACTIONS.filter((a) => a.permission !== "read")) {
    test(`${action.name} on project A is forbidden (needs ${ROLE_FOR[action.permission]})`, async () => {
      const cookie = await sessionOf(ACCOUNTS.viewerA);
      expectRefused(
        await postAction(action.name, [argsFor(action, canaries.a)], { cookie }),
        "forbidden",
        needsRole(ROLE_FOR[action.permission], PROJECT_A),
      );
    });
  }

  test("migrateProjectAction on project A is forbidden (needs admin)", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    expectRefused(
      await postAction("migrateProjectAction", [{ projectId: PROJECT_A, embedder: "local · hashing-words-v1" }], {
        cookie,
      }),
      "forbidden",
      needsRole("admin", PROJECT_A),
    );
  });

  test("previewDeleteMatchingAction on project A only counts the canary tenant's rows", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    const data = expectDone(
      await postAction("previewDeleteMatchingAction", [{ ...tenantOf(canaries.a), filters: "" }], { cookie }),
    );
    expect(data).toEqual({ count: canaries.a.ids.length, filtered: false });
    // A filter string smuggling another tenant's parameters is read as filters of this tenant only.
    const smuggled = expectDone(
      await postAction(
        "previewDeleteMatchingAction",
        [{ ...tenantOf(canaries.a), filters: `projectId=${PROJECT_B}&userId=${canaries.b.userId}&tag=canary-red` }],
        { cookie },
      ),
    );
    expect(smuggled).toEqual({ count: 1, filtered: true });
  });

  test("searchAction on project A answers only the canary tenant's memories", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    const data = expectDone(
      await postAction("searchAction", [{ ...tenantOf(canaries.a), query: "q=canary+secret+plans&k=100" }], { cookie }),
    );
    const ids = (data.items as { id: number }[]).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(
      ids.every((id) => canaries.a.ids.includes(id)),
      `ids ${ids} outside ${canaries.a.ids}`,
    ).toBe(true);
    expect(data.examined).toBeLessThanOrEqual(canaries.a.ids.length);
  });

  for (const action of TENANT_ACTIONS) {
    test(`${action.name} on project B is forbidden (needs ${ROLE_FOR[action.permission]})`, async () => {
      const cookie = await sessionOf(ACCOUNTS.viewerA);
      expectRefused(
        await postAction(action.name, [argsFor(action, canaries.b)], { cookie }),
        "forbidden",
        needsRole(ROLE_FOR[action.permission], PROJECT_B),
      );
    });
  }

  test("grantAccessAction cannot make the viewer an admin of project A", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    const reply = await postAction(
      "grantAccessAction",
      [{ email: ACCOUNTS.viewerA.email, projectId: PROJECT_A, role: "admin" }],
      { cookie },
    );
    expectRefused(reply, "forbidden", needsRole("admin", PROJECT_A));
    expectRefused(
      await postAction("deleteMemoryAction", [{ ...tenantOf(canaries.a), id: canaries.a.ids[0] }], { cookie }),
      "forbidden",
      needsRole("admin", PROJECT_A),
    );
  });

  test("grantAccessAction cannot give the viewer every project", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    const reply = await postAction(
      "grantAccessAction",
      [{ email: ACCOUNTS.viewerA.email, projectId: null, role: "viewer" }],
      { cookie },
    );
    expectRefused(reply, "forbidden", "You need the admin role on all projects for this.");
    expect((await http(`/api/v1/projects/${PROJECT_B}/users`, { cookie })).status).toBe(403);
  });

  test("revokeAccessAction cannot remove the admin's grant", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    expectRefused(
      await postAction("revokeAccessAction", [{ userId: "any-user", projectId: null }], { cookie }),
      "forbidden",
      "You need the admin role on all projects for this.",
    );
    expectRefused(
      await postAction("revokeAccessAction", [{ userId: "any-user", projectId: PROJECT_A }], { cookie }),
      "forbidden",
      needsRole("admin", PROJECT_A),
    );
  });

  test("revokeTokenAction cannot revoke tokens the viewer does not own", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    for (const id of [1, 2, 3, 2_147_483_647]) {
      expectRefused(
        await postAction("revokeTokenAction", [{ id }], { cookie }),
        "not_found",
        "That active token not found.",
      );
    }
  });
});

test.describe("with an editor session of project A", () => {
  guardGroup();

  for (const action of TENANT_ACTIONS.filter((a) => a.permission === "admin")) {
    test(`${action.name} on project A is forbidden (needs admin)`, async () => {
      const cookie = await sessionOf(ACCOUNTS.editorA);
      expectRefused(
        await postAction(action.name, [argsFor(action, canaries.a)], { cookie }),
        "forbidden",
        needsRole("admin", PROJECT_A),
      );
    });
  }

  test("write actions on project B are forbidden", async () => {
    const cookie = await sessionOf(ACCOUNTS.editorA);
    for (const action of TENANT_ACTIONS.filter((a) => a.permission === "write")) {
      expectRefused(
        await postAction(action.name, [argsFor(action, canaries.b)], { cookie }),
        "forbidden",
        needsRole("editor", PROJECT_B),
      );
    }
  });
});

test.describe("with an admin session of project A only", () => {
  guardGroup();

  test("every tenant action on project B is forbidden", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    for (const action of TENANT_ACTIONS) {
      expectRefused(
        await postAction(action.name, [argsFor(action, canaries.b)], { cookie }),
        "forbidden",
        needsRole(ROLE_FOR[action.permission], PROJECT_B),
      );
    }
  });

  test("deleteMemoryAction with project B's memory id under project A finds nothing", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    const id = canaries.b.ids[0]!;
    expectRefused(
      await postAction("deleteMemoryAction", [{ ...tenantOf(canaries.a), id }], { cookie }),
      "not_found",
      `Memory ${id} not found.`,
    );
  });

  test("deleteMemoriesAction with project B's ids under project A deletes none", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    const data = expectDone(
      await postAction("deleteMemoriesAction", [{ ...tenantOf(canaries.a), ids: canaries.b.ids }], { cookie }),
    );
    expect(data).toEqual(expect.objectContaining({ deleted: 0, notFound: canaries.b.ids }));
  });

  test("updateMemoryAction with project B's memory id under project A finds nothing", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    const id = canaries.b.ids[0]!;
    const reply = await postAction(
      "updateMemoryAction",
      [{ ...tenantOf(canaries.a), id, rawData: ATTACK_JSON, version: "2026-11-01 00:00:00.000000" }],
      { cookie },
    );
    expectRefused(reply, "not_found", `Memory ${id} not found.`);
  });

  test("reembedMemoriesAction with project B's ids under project A changes none", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    const data = expectDone(
      await postAction("reembedMemoriesAction", [{ ...tenantOf(canaries.a), ids: canaries.b.ids }], { cookie }),
    );
    expect(data.updated).toEqual([]);
  });

  test("restoreAction with project B's trash entries under project A restores none", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    // Another tenant's entries read exactly like ones that are gone.
    expectRefused(
      await postAction("restoreAction", [{ ...tenantOf(canaries.a), trashIds: canaries.b.trashIds }], { cookie }),
      "conflict",
      /^No longer in the trash/,
    );
  });

  test("purgeTrashAction with project B's trash entries under project A purges none", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    expectRefused(
      await postAction("purgeTrashAction", [{ ...tenantOf(canaries.a), trashIds: canaries.b.trashIds }], { cookie }),
      "conflict",
      /^No longer in the trash/,
    );
  });

  test("grantAccessAction cannot reach project B or every project", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    expectRefused(
      await postAction("grantAccessAction", [{ email: ACCOUNTS.adminA.email, projectId: PROJECT_B, role: "admin" }], {
        cookie,
      }),
      "forbidden",
      needsRole("admin", PROJECT_B),
    );
    expectRefused(
      await postAction("grantAccessAction", [{ email: ACCOUNTS.adminA.email, projectId: null, role: "admin" }], {
        cookie,
      }),
      "forbidden",
      "You need the admin role on all projects for this.",
    );
    expectRefused(
      await postAction("revokeAccessAction", [{ userId: "any-user", projectId: null }], { cookie }),
      "forbidden",
      "You need the admin role on all projects for this.",
    );
    // Still only project A.
    expect((await http(`/api/v1/projects/${PROJECT_B}/users`, { cookie })).status).toBe(403);
  });
});

test.describe("malformed action input", () => {
  guardGroup();

  const deleteArgs = () => ({ ...tenantOf(canaries.a), id: canaries.a.ids[0] });

  test("ids that are not whole numbers in range are invalid", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    const cases: [unknown, string][] = [
      ["1 OR 1=1", "id must be a whole number from 1 to 2147483647."],
      [1.5, "id must be a whole number from 1 to 2147483647."],
      [-1, "id must be 1 or more."],
      [2_147_483_648, "id must be at most 2147483647."],
      [{ $gt: 0 }, "id must be a whole number from 1 to 2147483647."],
      [[canaries.a.ids[0]], "id must be a whole number from 1 to 2147483647."],
    ];
    for (const [id, message] of cases) {
      expectRefused(
        await postAction("deleteMemoryAction", [{ ...tenantOf(canaries.a), id }], { cookie }),
        "invalid",
        message,
      );
    }
    const many = Array.from({ length: 1001 }, (_, i) => i + 1);
    expectRefused(
      await postAction("deleteMemoriesAction", [{ ...tenantOf(canaries.a), ids: many }], { cookie }),
      "invalid",
      "At most 1,000 memories at a time.",
    );
  });

  test("forged tenant ids are invalid before anything runs", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    const cases: [Record<string, unknown>, string][] = [
      [{ projectId: "" }, "projectId must not be empty."],
      [{ projectId: `${PROJECT_A}\u0000` }, "projectId contains a NUL character."],
      [{ userId: "x".repeat(256) }, "userId is longer than 255 characters."],
      [{ userId: "\ud800" }, "userId contains broken Unicode (a lone surrogate)."],
      [{ projectId: ["support-copilot"] }, "projectId is required."],
    ];
    const page = `/projects/${PROJECT_A}/users/${canaries.a.userId}/memories/${canaries.a.ids[0]}`;
    for (const [change, message] of cases) {
      expectRefused(
        await postAction("deleteMemoryAction", [{ ...deleteArgs(), ...change }], { cookie, page }),
        "invalid",
        message,
      );
    }
  });

  test("bodies that are not one argument object are invalid", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    for (const body of ["[]", "{}", "[null]", '["delete everything"]', "[1]", "[true, {}]"]) {
      const result = actionResult(await postAction("deleteMemoryAction", [], { cookie, rawBody: body }));
      expect(result, body).toEqual(expect.objectContaining({ ok: false, code: "invalid" }));
    }
  });

  test("a prototype-pollution key changes nothing about who may act", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    const body = `[{"projectId":"${PROJECT_A}","userId":"${canaries.a.userId}","id":${canaries.a.ids[0]},"__proto__":{"role":"admin","permission":"read"},"constructor":{"prototype":{"role":"admin"}}}]`;
    expectRefused(
      await postAction("deleteMemoryAction", [], {
        cookie,
        rawBody: body,
        page: `/projects/${PROJECT_A}/users/${canaries.a.userId}/memories/${canaries.a.ids[0]}`,
      }),
      "forbidden",
      needsRole("admin", PROJECT_A),
    );
  });

  test("a body that is not valid JSON is refused by Next.js before the action runs", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    for (const body of ["[{", '[{"projectId":', "\u0000", "null", '[{"id":"$Q1"}]']) {
      const reply = await postAction("deleteMemoryAction", [], {
        cookie,
        rawBody: body,
        page: `/projects/${PROJECT_A}/users/${canaries.a.userId}/memories/${canaries.a.ids[0]}`,
      });
      expect(reply.status, body).toBe(500);
      expect(reply.result).toBeUndefined();
      expect(reply.errorDigest).toMatch(/^\d+$/);
    }
  });

  test("malformed raw_data JSON is invalid with the parser's reason", async () => {
    const cookie = await sessionOf(ACCOUNTS.editorA);
    const cases: [string, string | RegExp][] = [
      ["{not json", /^raw_data is not valid JSON: .+\.$/],
      ["", /^raw_data is not valid JSON: .+\.$/],
      ["[1,2,3]", 'raw_data must be a JSON object such as {"content": "..."}, not an array.'],
      ['"just a string"', 'raw_data must be a JSON object such as {"content": "..."}, not a string.'],
      ["null", 'raw_data must be a JSON object such as {"content": "..."}, not null.'],
      [
        '{"content":"nul \\u0000 inside"}',
        "raw_data.content contains a NUL character (\\u0000), which PostgreSQL cannot store.",
      ],
      ['{"content":"broken \\ud800 surrogate"}', "raw_data.content contains broken Unicode (a lone surrogate)."],
      [
        '{"n":1e131072}',
        "raw_data.n is the number 1e131072, beyond what PostgreSQL can store (at most 131,072 digits before the point and 16,383 after).",
      ],
      [
        '{"content":"a","content":"b"}',
        "raw_data.content is written twice; a JSON object keeps only one value per key.",
      ],
      [
        `${"[".repeat(150)}${"]".repeat(150)}`,
        'raw_data must be a JSON object such as {"content": "..."}, not an array.',
      ],
      [`{"a":${'{"a":'.repeat(120)}1${"}".repeat(120)}}`, "raw_data is nested deeper than 100 levels."],
      [JSON.stringify({ content: "x".repeat(300 * 1024) }), "raw_data is 301 KB; the limit is 256 KB."],
    ];
    for (const [rawData, message] of cases) {
      expectRefused(
        await postAction("createMemoryAction", [{ ...tenantOf(canaries.a), rawData }], { cookie }),
        "invalid",
        message,
      );
    }
    const id = canaries.a.ids[0];
    expectRefused(
      await postAction(
        "updateMemoryAction",
        [{ ...tenantOf(canaries.a), id, rawData: "{oops", version: "2026-11-01 00:00:00.000000" }],
        { cookie },
      ),
      "invalid",
      /^raw_data is not valid JSON: .+\.$/,
    );
  });

  test("an NDJSON import with malformed lines and vectors imports nothing and names each line", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    const vector = (n: number, value: unknown = 0.1) => Array.from({ length: n }, () => value);
    const lines = [
      JSON.stringify({ raw_data: { content: "fine line" } }),
      "{broken",
      JSON.stringify({ raw_data: { content: "short vector" }, embedding: vector(3) }),
      JSON.stringify({ raw_data: { content: "string vector" }, embedding: "[0.1,0.2]" }),
      JSON.stringify({ raw_data: { content: "NaN in vector" }, embedding: ["NaN", ...vector(767)] }),
      `{"raw_data":{"content":"infinite"},"embedding":[1e999${",0.1".repeat(767)}]}`,
      JSON.stringify({ raw_data: { content: "nested vector" }, embedding: [vector(768)] }),
      JSON.stringify({ raw_data: { content: "long vector" }, embedding: vector(769) }),
      JSON.stringify({ raw_data: "not an object" }),
      JSON.stringify({ raw_data: { content: "bad date" }, created_at: "2026-13-45'; drop table memory_logs; --" }),
      "[1,2,3]",
    ];
    const data = expectDone(
      await postAction("importMemoriesAction", [{ ...tenantOf(canaries.a), ndjson: lines.join("\n") }], { cookie }),
    );
    expect(data.imported).toBe(0);
    expect(data.ids).toEqual([]);
    expect(data.problemCount).toBe(10);
    expect(data.problems).toEqual([
      { line: 2, reason: expect.stringMatching(/^not valid JSON: .+ at column \d+$/) },
      { line: 3, reason: "embedding must have 768 dimensions, got 3" },
      { line: 4, reason: 'embedding must be an array of 768 numbers, got the string "[0.1,0.2]"' },
      { line: 5, reason: 'embedding value at index 0 is not a finite number (the string "NaN")' },
      { line: 6, reason: "embedding value at index 0 is not a finite number (Infinity)" },
      { line: 7, reason: "embedding must have 768 dimensions, got 1" },
      { line: 8, reason: "embedding must have 768 dimensions, got 769" },
      { line: 9, reason: 'raw_data must be a JSON object such as {"content": "..."}, not a string.' },
      { line: 10, reason: "created_at is not a timestamp such as 2026-05-31T14:00:00.123456" },
      { line: 11, reason: "not a JSON object" },
    ]);
  });

  test("a filter string over 20,000 characters is invalid", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    const filters = `q=${"a".repeat(20_001)}`;
    expectRefused(
      await postAction("previewDeleteMatchingAction", [{ ...tenantOf(canaries.a), filters }], { cookie }),
      "invalid",
      "The filter is too long.",
    );
  });

  test("an import over 50 MB is invalid", async () => {
    test.setTimeout(60_000);
    const reply = await postAction(
      "importMemoriesAction",
      [{ ...tenantOf(canaries.a), ndjson: "x".repeat(51 * 1024 * 1024) }],
      { cookie: await sessionOf(ACCOUNTS.adminA) },
    );
    expectRefused(reply, "invalid", "The file is larger than 50 MB.");
  });

  test("a body over the 60 MB server action limit is refused by Next.js without running the action", async () => {
    test.setTimeout(60_000);
    const cookie = await sessionOf(ACCOUNTS.adminA);
    // Next.js either answers 500 with an error in the stream or closes the connection while the body is still coming.
    const reply = await postAction(
      "importMemoriesAction",
      [{ ...tenantOf(canaries.a), ndjson: "x".repeat(61 * 1024 * 1024) }],
      { cookie },
    ).catch((error: unknown) => {
      expect(String((error as Error).cause ?? error)).toMatch(/ECONNRESET|EPIPE|socket|closed/i);
      return null;
    });
    if (reply) {
      expect(reply.status).toBe(500);
      expect(reply.result).toBeUndefined();
      expect(reply.errorDigest).toMatch(/^\d+$/);
    }
    expect((await http("/api/health")).status).toBe(200);
  });
});

test.describe("from another origin (CSRF)", () => {
  guardGroup();

  // With an admin's cookie and a real memory: were the check missing, the memory would go.
  const attack = async (headers: Record<string, string>, origin: string | null) =>
    postAction("deleteMemoryAction", [{ ...tenantOf(canaries.a), id: canaries.a.ids[0] }], {
      cookie: await sessionOf(ACCOUNTS.admin),
      origin,
      headers,
    });

  test("a fetch from http://evil.example is refused by Next.js (500, no result)", async () => {
    const reply = await attack({}, "http://evil.example");
    expect(reply.status).toBe(500);
    expect(reply.result).toBeUndefined();
    expect(reply.errorDigest).toMatch(/^\d+$/);
  });

  test("lookalike origins are refused too", async () => {
    const host = new URL(originOf()).host;
    for (const origin of [
      `http://${host}.evil.example`,
      `http://evil.example:${new URL(originOf()).port}`,
      `http://${host}@evil.example`,
      "null",
    ]) {
      const reply = await attack({}, origin);
      expect(reply.status, origin).toBe(500);
      expect(reply.result, origin).toBeUndefined();
    }
  });

  test("a cross-site HTML form post (multipart, $ACTION_ID_) is refused", async () => {
    const form = new FormData();
    form.append(`$ACTION_ID_${actionId("deleteMemoryAction")}`, "");
    form.append("projectId", canaries.a.projectId);
    form.append("userId", canaries.a.userId);
    form.append("id", String(canaries.a.ids[0]));
    const reply = await http(`/projects/${PROJECT_A}/users/${canaries.a.userId}/memories/${canaries.a.ids[0]}`, {
      method: "POST",
      headers: { origin: "http://evil.example" },
      cookie: await sessionOf(ACCOUNTS.admin),
      body: form,
    });
    expect(reply.status).toBe(500);
    expect(reply.text).toBe("Internal Server Error");
  });

  test("the session cookie is HttpOnly and SameSite=Lax, so other sites' requests do not carry it", async () => {
    const form = new FormData();
    form.append("_1_next", "/");
    form.append("_1_email", ACCOUNTS.editorA.email);
    form.append("_1_password", ACCOUNTS.editorA.password);
    form.append("0", JSON.stringify([{ error: null, email: "" }, "$K1"]));
    const reply = await http("/sign-in", {
      method: "POST",
      headers: { "next-action": actionId("signInAction"), origin: originOf(), "x-forwarded-for": "192.0.2.11" },
      body: form,
    });
    const cookie = reply.headers.getSetCookie().find((c) => c.startsWith("semantix.session_token="));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
  });
});

test.describe("forged action ids", () => {
  test("an id of no action is answered 409 without running anything", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    const reply = await postAction("deleteMemoryAction", [{ ...tenantOf(canaries.a), id: canaries.a.ids[0] }], {
      cookie,
      id: `7f${"0".repeat(40)}`,
    });
    expect(reply.status).toBe(409);
    expect(reply.text).toBe("Server Action unavailable.");
  });

  test("an id that is not an action id at all is answered 400", async () => {
    const cookie = await sessionOf(ACCOUNTS.adminA);
    for (const id of ["../../etc/passwd", "' OR 1=1 --", "x".repeat(5000)]) {
      const reply = await postAction("deleteMemoryAction", [{ ...tenantOf(canaries.a), id: canaries.a.ids[0] }], {
        cookie,
        id,
      });
      expect(reply.status, id.slice(0, 40)).toBe(400);
      expect(reply.text).toBe("Invalid Server Action request.");
    }
  });

  test("every server action of the build is covered by this suite", () => {
    const covered = new Set([
      ...TENANT_ACTIONS.map((a) => a.name),
      ...ACCOUNT_ACTIONS.map((a) => a.name),
      "signInAction",
      "signOutAction",
    ]);
    const names = Object.values(actionManifest()).map((entry) => entry.exportedName ?? "(unnamed)");
    expect(
      names.filter((n) => !covered.has(n)),
      "server actions this suite does not attack yet",
    ).toEqual([]);
  });
});
