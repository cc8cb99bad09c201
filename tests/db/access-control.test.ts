import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { revalidatePath } from "next/cache";
import { GET as getExport } from "@/app/api/v1/projects/[projectId]/users/[userId]/export/route";
import { GET as getFacets } from "@/app/api/v1/projects/[projectId]/users/[userId]/facets/route";
import { GET as getMemory } from "@/app/api/v1/projects/[projectId]/users/[userId]/memories/[id]/route";
import { GET as getMemories } from "@/app/api/v1/projects/[projectId]/users/[userId]/memories/route";
import { GET as getSearch } from "@/app/api/v1/projects/[projectId]/users/[userId]/search/route";
import { GET as getSuggestions } from "@/app/api/v1/projects/[projectId]/users/[userId]/suggestions/route";
import { GET as getUsers } from "@/app/api/v1/projects/[projectId]/users/route";
import { GET as getProjects } from "@/app/api/v1/projects/route";
import { GET as getTenants } from "@/app/api/v1/tenants/route";
import { migrateProjectAction } from "@/app/projects/[projectId]/(overview)/actions";
import * as actions from "@/app/projects/[projectId]/users/[userId]/actions";
import type { Connection, Database } from "@/db/connect";
import { insertApiToken, listApiTokens, revokeApiToken } from "@/db/queries/api-tokens";
import { listAudit } from "@/db/queries/audit";
import { insertImported } from "@/db/queries/import";
import { enqueueJob } from "@/db/queries/jobs";
import { deleteMemories } from "@/db/queries/memory-delete";
import { getMemory as readMemory } from "@/db/queries/memory-read";
import { saveSearch } from "@/db/queries/saved-searches";
import { listTrash } from "@/db/queries/trash";
import { memoryLogs } from "@/db/schema";
import type { Tenant } from "@/db/tenant";
import type { ActionResult } from "@/lib/actions/define-action";
import { type Permission, roleNeeded } from "@/lib/auth/access";
import { newApiToken } from "@/lib/auth/api-token";
import { getAuth } from "@/lib/auth/better-auth";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { runNextJob } from "@/lib/jobs/runner";
import { reembedMemories } from "@/lib/memory-operations";
import { createActor, signIn, type TestActor } from "../support/actors";
import { openAppDatabase } from "../support/app-database";
import { rawQuery, testDatabases } from "../support/databases";
import { actAs } from "../support/request-context";

// Who may do what, seen from outside: each server action of the memory browser and each JSON API
// route, called by people with different roles, with the answers and the data they leave behind.

const ALPHA = "alpha";
const BETA = "beta";
/** The tenants the server actions change. */
const IN_ALPHA: Tenant = { projectId: ALPHA, userId: "ann" };
const IN_BETA: Tenant = { projectId: BETA, userId: "ben" };
/** The tenants the API reads: the actions never touch them. */
const READ_ALPHA: Tenant = { projectId: ALPHA, userId: "reader" };
const READ_BETA: Tenant = { projectId: BETA, userId: "reader" };

/** What an action is aimed at: a memory of the tenant, the tenant's size and something in its trash. */
type Targets = {
  id: number;
  version: string;
  count: number;
  operation: string;
  trashId: number;
  trashCount: number;
  importId: string;
  /** A kept version of memory `id` (its text before an edit). */
  versionId: number;
  /** A re-embed of another memory, which a revert puts back. */
  reembedOperation: string;
  savedSearchId: number;
  /** A model migration that ran to the end, which a revert puts back. */
  migrationJobId: number;
};
type Action = [
  label: string,
  name: keyof typeof actions,
  needs: Permission,
  run: (t: Tenant, x: Targets) => Promise<ActionResult<unknown>>,
  /** Needs the role but changes nothing (a preview). */
  readOnly?: boolean,
];

/** Every server action, with input it accepts: refused, it would have changed or read the tenant's memories. */
const ACTIONS: Action[] = [
  [
    "create a memory",
    "createMemoryAction",
    "write",
    (t) => actions.createMemoryAction({ ...t, rawData: '{"content":"written note"}' }),
  ],
  [
    "edit a memory",
    "updateMemoryAction",
    "write",
    (t, x) => actions.updateMemoryAction({ ...t, id: x.id, rawData: '{"content":"edited note"}', version: x.version }),
  ],
  [
    "re-embed memories",
    "reembedMemoriesAction",
    "write",
    (t, x) => actions.reembedMemoriesAction({ ...t, ids: [x.id] }),
  ],
  [
    "bulk edit tags",
    "bulkEditAction",
    "write",
    (t, x) => actions.bulkEditAction({ ...t, target: { ids: [x.id] }, edit: { addTags: ["checked"], removeTags: [] } }),
  ],
  ["embed the missing", "embedMissingAction", "write", (t) => actions.embedMissingAction({ ...t, batchSize: 50 })],
  [
    "preview a delete",
    "previewDeleteMatchingAction",
    "read",
    (t) => actions.previewDeleteMatchingAction({ ...t, filters: "" }),
  ],
  ["search", "searchAction", "read", (t) => actions.searchAction({ ...t, query: "q=note" })],
  ["delete a memory", "deleteMemoryAction", "admin", (t, x) => actions.deleteMemoryAction({ ...t, id: x.id })],
  ["delete memories", "deleteMemoriesAction", "admin", (t, x) => actions.deleteMemoriesAction({ ...t, ids: [x.id] })],
  [
    "delete all matching",
    "deleteMatchingAction",
    "admin",
    (t, x) => actions.deleteMatchingAction({ ...t, filters: "", expectedCount: x.count }),
  ],
  ["undo a delete", "restoreAction", "admin", (t, x) => actions.restoreAction({ ...t, operation: x.operation })],
  [
    "restore from the trash",
    "restoreAction",
    "admin",
    (t, x) => actions.restoreAction({ ...t, trashIds: [x.trashId] }),
  ],
  [
    "purge a trash entry",
    "purgeTrashAction",
    "admin",
    (t, x) => actions.purgeTrashAction({ ...t, trashIds: [x.trashId] }),
  ],
  [
    "empty the trash",
    "purgeTrashAction",
    "admin",
    (t, x) => actions.purgeTrashAction({ ...t, all: true, expectedCount: x.trashCount }),
  ],
  [
    "preview an import",
    "previewImportAction",
    "admin",
    (t) => actions.previewImportAction({ ...t, ndjson: '{"raw_data":{"content":"imported note"}}\n' }),
    true,
  ],
  [
    "import memories",
    "importMemoriesAction",
    "admin",
    (t) => actions.importMemoriesAction({ ...t, ndjson: '{"raw_data":{"content":"imported note"}}\n' }),
  ],
  [
    "restore a version",
    "restoreVersionAction",
    "write",
    (t, x) => actions.restoreVersionAction({ ...t, id: x.id, versionId: x.versionId, version: x.version }),
  ],
  [
    "revert a re-embed",
    "revertChangeAction",
    "write",
    (t, x) => actions.revertChangeAction({ ...t, operation: x.reembedOperation }),
  ],
  [
    "revert an import",
    "revertImportAction",
    "admin",
    (t, x) => actions.revertImportAction({ ...t, importId: x.importId }),
  ],
  // Saved searches change no memory and are not audited: "changes nothing" in this table's terms.
  [
    "save a search",
    "saveSearchAction",
    "write",
    (t) => actions.saveSearchAction({ ...t, name: `notes ${randomUUID()}`, query: "q=note&mode=hybrid" }),
    true,
  ],
  [
    "remove a saved search",
    "deleteSavedSearchAction",
    "write",
    (t, x) => actions.deleteSavedSearchAction({ ...t, id: x.savedSearchId }),
    true,
  ],
  // Queuing a job changes no memory; the job's own writes are audited when it ends.
  [
    "start a model migration",
    "startModelMigrationAction",
    "write",
    (t) => actions.startModelMigrationAction({ ...t, embedder: "local · hashing-words-v1" }),
    true,
  ],
  [
    "cancel a job",
    "cancelJobAction",
    "write",
    async (t) => {
      const job = await enqueueJob(t, { kind: "model-migration", params: { embedder: "x" }, createdBy: null });
      return actions.cancelJobAction({ ...t, jobId: job.id });
    },
    true,
  ],
  [
    "revert a model migration",
    "revertModelMigrationAction",
    "write",
    (t, x) => actions.revertModelMigrationAction({ ...t, jobId: x.migrationJobId }),
  ],
];

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (route: unknown, params: Record<string, string>, headers: Headers, query = "") =>
  (route as Route)(new Request(`http://app.test/api/v1/x${query ? `?${query}` : ""}`, { headers }), {
    params: Promise.resolve(params),
  });

describe.each(testDatabases)("access control on $name", (database) => {
  let conn: Connection;
  let db: Database;
  let close: () => Promise<void>;
  /** The first memory of each tenant the API reads. */
  const firstMemory = new Map<string, number>();
  const firstOf = (t: Tenant) => firstMemory.get(`${t.projectId}/${t.userId}`) ?? 1;
  const people = {} as Record<
    "viewer" | "editor" | "admin" | "everywhereAdmin" | "everywhereViewer" | "noRole",
    TestActor
  >;

  /** memory_logs and memory_logs_trash, every row as PostgreSQL prints it, and the audit log's size. */
  const state = async () =>
    (
      await rawQuery<{ state: string }>(
        conn,
        `select (select md5(coalesce(string_agg(m::text, '|' order by m.id), '')) from memory_logs m)
             || ' ' || (select md5(coalesce(string_agg(t::text, '|' order by t.trash_id), '')) from memory_logs_trash t)
             || ' ' || (select count(*) from audit_log) as state`,
      )
    )[0]!.state;

  const insert = async (t: Tenant, content: string, embedded: boolean) =>
    (
      await db
        .insert(memoryLogs)
        .values({
          ...t,
          rawData: JSON.stringify({ content, tags: ["note"] }),
          embedding: embedded ? hashingEmbedding(content) : null,
        })
        .returning({ id: memoryLogs.id })
    )[0]!.id;

  /** Fresh targets in the tenant, whatever earlier calls did: two new memories without embedding, one of them then in the trash. */
  const targetsIn = async (t: Tenant): Promise<Targets> => {
    const id = await insert(t, "a note to act on", false);
    await rawQuery(conn, `update memory_logs set raw_data = '{"content":"a note edited by SQL"}' where id = $1`, [id]);
    const [kept] = await rawQuery<{ v: string }>(
      conn,
      "select max(version_id)::text as v from memory_versions where memory_id = $1",
      [id],
    );
    // No job of the tenant left queued from an earlier call, then one migration run to its end
    // (before the re-embed below, which it would otherwise replace).
    await rawQuery(
      conn,
      "update jobs set state = 'cancelled' where project_id = $1 and user_id = $2 and state in ('queued', 'running')",
      [t.projectId, t.userId],
    );
    await insert(t, "a note to migrate", true);
    const migration = await enqueueJob(t, {
      kind: "model-migration",
      params: { embedder: "local · hashing-words-v1" },
      createdBy: "setup@example.com",
    });
    // Jobs other calls queued (in other tenants) run first: run until the queue is empty.
    while (await runNextJob({ db })) {}
    const reembedded = await insert(t, "a note re-embedded", true);
    const shifted = {
      provider: "test",
      model: "shifted",
      embed: async (texts: string[]) => texts.map((x) => hashingEmbedding(`shifted ${x}`)),
    };
    const { operation: reembedOperation } = await reembedMemories(t, [reembedded], {
      db,
      embedder: shifted,
      by: "setup@example.com",
    });
    const trashed = await insert(t, "a note in the trash", false);
    const { operation } = await deleteMemories(t, [trashed], { db });
    const { importId } = await insertImported(
      t,
      [{ rawData: '{"content":"an imported note"}', embedding: null, createdAt: null, updatedAt: null }],
      { db },
    );
    const trash = await listTrash(t, { limit: 500 }, db);
    const saved = await saveSearch(t, { name: `target ${randomUUID()}`, params: "q=note" }, "setup@example.com", db);
    const count = (
      await rawQuery<{ n: number }>(
        conn,
        "select count(*)::int as n from memory_logs where project_id = $1 and user_id = $2",
        [t.projectId, t.userId],
      )
    )[0]!.n;
    return {
      id,
      version: (await readMemory(t, id, db))!.version,
      count,
      operation,
      trashId: trash.items.find((e) => e.operation === operation)!.trashId,
      trashCount: trash.total,
      importId,
      versionId: Number(kept!.v),
      reembedOperation,
      savedSearchId: saved.id,
      migrationJobId: migration.id,
    };
  };

  /** The action, as the person whose headers the request carries: refused with `code`, with nothing changed, refreshed or recorded. */
  const expectRefused = async (code: "unauthorized" | "forbidden", [, , needs, run]: Action, t: Tenant) => {
    const targets = await targetsIn(t);
    const before = await state();
    vi.mocked(revalidatePath).mockClear();
    const result = await run(t, targets);
    expect(result).toMatchObject({ ok: false, code, error: expect.any(String) });
    if (code === "forbidden" && !result.ok) expect(result.error).toContain(`${roleNeeded(needs)} role`);
    expect(await state()).toBe(before);
    expect(vi.mocked(revalidatePath)).not.toHaveBeenCalled();
  };

  /** The action succeeds; a change is recorded in the audit log under the person's email, a read changes nothing. */
  const expectAllowed = async (person: TestActor, [, , needs, run, readOnly]: Action, t: Tenant) => {
    const targets = await targetsIn(t);
    const before = await state();
    const audited = (await listAudit({ projectId: t.projectId, userId: t.userId }, { limit: 100_000 })).length;
    const result = await run(t, targets);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const entries = await listAudit({ projectId: t.projectId, userId: t.userId }, { limit: 100_000 });
    if (needs === "read" || readOnly) {
      expect(await state()).toBe(before);
      expect(entries).toHaveLength(audited);
    } else {
      expect(await state()).not.toBe(before);
      expect(entries).toHaveLength(audited + 1);
      expect(entries[0]!.actor).toBe(person.email);
    }
  };

  beforeAll(async () => {
    ({ conn, close } = await openAppDatabase(database));
    db = conn.db;
    for (const t of [IN_ALPHA, IN_BETA, READ_ALPHA, READ_BETA]) {
      for (let i = 0; i < 3; i++) await insert(t, `note ${i} of ${t.userId} in ${t.projectId}`, i !== 2);
    }
    for (const t of [READ_ALPHA, READ_BETA]) {
      const [first] = await rawQuery<{ id: number }>(
        conn,
        "select min(id) as id from memory_logs where project_id = $1 and user_id = $2",
        [t.projectId, t.userId],
      );
      firstMemory.set(`${t.projectId}/${t.userId}`, first!.id);
    }
    people.viewer = await createActor(db, "viewer@example.com", [{ projectId: ALPHA, role: "viewer" }]);
    people.editor = await createActor(db, "editor@example.com", [{ projectId: ALPHA, role: "editor" }]);
    people.admin = await createActor(db, "admin@example.com", [{ projectId: ALPHA, role: "admin" }]);
    people.everywhereAdmin = await createActor(db, "root@example.com", [{ projectId: null, role: "admin" }]);
    people.everywhereViewer = await createActor(db, "auditor@example.com", [{ projectId: null, role: "viewer" }]);
    people.noRole = await createActor(db, "newcomer@example.com", []);
  });
  afterAll(async () => {
    actAs(null);
    await close();
  });

  it("the table below covers every server action of the memory browser", () => {
    expect(new Set(ACTIONS.map(([, name]) => name))).toEqual(new Set(Object.keys(actions)));
  });

  describe("server actions without a session", () => {
    const forgedCookie = () => {
      const cookie = people.viewer.session.get("cookie")!;
      // Same signature, another session token: the signature no longer matches.
      return new Headers({
        cookie: cookie.replace(
          /session_token=([^.;]+)/,
          (_, token: string) => `session_token=${"x".repeat(token.length)}`,
        ),
      });
    };
    let signedOut: Headers;
    beforeAll(async () => {
      signedOut = await signIn(db, people.everywhereAdmin.email);
      const auth = await getAuth(db);
      await auth.api.signOut({ headers: signedOut });
    });

    const visitors: [string, () => Headers | null][] = [
      ["nobody signed in", () => null],
      ["a forged session cookie", forgedCookie],
      ["the session of an admin who signed out", () => signedOut],
      ["an admin's API token instead of a session", () => people.everywhereAdmin.bearer],
    ];
    const cases = visitors.flatMap(([who, headers]) =>
      ACTIONS.map((action) => [who, action[0], headers, action] as const),
    );

    it.each(cases)("with %s, %s answers unauthorized and changes nothing", async (_who, _label, headers, action) => {
      actAs(headers());
      await expectRefused("unauthorized", action, IN_ALPHA);
    });
  });

  describe("server actions by role", () => {
    type Scenario = [
      who: keyof typeof people,
      description: string,
      tenant: Tenant,
      may: (needs: Permission) => boolean,
    ];
    const scenarios: Scenario[] = [
      ["viewer", "a viewer of alpha, in alpha", IN_ALPHA, (needs) => needs === "read"],
      ["viewer", "a viewer of alpha, in beta", IN_BETA, () => false],
      ["editor", "an editor of alpha, in alpha", IN_ALPHA, (needs) => needs !== "admin"],
      ["editor", "an editor of alpha, in beta", IN_BETA, () => false],
      ["admin", "an admin of alpha, in alpha", IN_ALPHA, () => true],
      ["admin", "an admin of alpha, in beta", IN_BETA, () => false],
      ["everywhereAdmin", "an admin of all projects, in alpha", IN_ALPHA, () => true],
      ["everywhereAdmin", "an admin of all projects, in beta", IN_BETA, () => true],
      ["everywhereViewer", "a viewer of all projects, in beta", IN_BETA, (needs) => needs === "read"],
      ["noRole", "a signed-in account without a role", IN_ALPHA, () => false],
    ];
    const cases = scenarios.flatMap(([who, description, tenant, may]) =>
      ACTIONS.map(
        (action) => [description, action[0], may(action[2]) ? "may" : "may not", who, tenant, action] as const,
      ),
    );

    it.each(cases)("%s: %s — %s", async (_description, _label, verdict, who, tenant, action) => {
      const person = people[who];
      actAs(person.session);
      if (verdict === "may") await expectAllowed(person, action, tenant);
      else await expectRefused("forbidden", action, tenant);
    });

    it("only an admin of the project migrates every user of it", async () => {
      const queued = async () =>
        (
          await rawQuery<{ n: number }>(
            conn,
            "select count(*)::int as n from jobs where project_id = $1 and state in ('queued', 'running')",
            [ALPHA],
          )
        )[0]!.n;
      await rawQuery(conn, "update jobs set state = 'cancelled' where state in ('queued', 'running')");
      const input = { projectId: ALPHA, embedder: "local · hashing-ngram-v1" };
      for (const who of ["viewer", "editor", "everywhereViewer", "noRole"] as const) {
        actAs(people[who].session);
        expect(await migrateProjectAction(input)).toMatchObject({ ok: false, code: "forbidden" });
      }
      expect(await queued()).toBe(0);
      actAs(people.admin.session);
      const result = await migrateProjectAction(input);
      expect(result).toMatchObject({ ok: true });
      expect(await queued()).toBe(result.ok ? result.data.started : -1);
      expect(await queued()).toBeGreaterThan(0);
    });

    it("deleted memories name who deleted them", async () => {
      actAs(people.admin.session);
      const { id } = await targetsIn(IN_ALPHA);
      const result = await actions.deleteMemoryAction({ ...IN_ALPHA, id });
      expect(result).toMatchObject({ ok: true });
      const trash = await listTrash(IN_ALPHA, { limit: 500 }, db);
      expect(trash.items.find((e) => e.id === id)).toMatchObject({ deletedBy: people.admin.email });
    });

    it("the audit log of one project holds no entry of another", async () => {
      const alphaOnly = await listAudit({ scope: [ALPHA] });
      expect(alphaOnly.length).toBeGreaterThan(0);
      expect(alphaOnly.every((e) => e.projectId === ALPHA)).toBe(true);
      expect((await listAudit({ scope: "all" })).some((e) => e.projectId === BETA)).toBe(true);
      expect(await listAudit({ scope: [] })).toEqual([]);
    });
  });

  describe("the JSON API", () => {
    /** Every route scoped to a project, called for a tenant. */
    const scoped: [string, (t: Tenant, headers: Headers) => Promise<Response>][] = [
      ["users", (t, h) => call(getUsers, { projectId: t.projectId }, h)],
      ["memories", (t, h) => call(getMemories, { ...t }, h)],
      ["memory", (t, h) => call(getMemory, { ...t, id: String(firstOf(t)) }, h)],
      ["facets", (t, h) => call(getFacets, { ...t }, h)],
      ["suggestions", (t, h) => call(getSuggestions, { ...t }, h, "field=tag&prefix=")],
      ["search", (t, h) => call(getSearch, { ...t }, h, "q=note")],
      ["export", (t, h) => call(getExport, { ...t }, h, "format=ndjson")],
    ];
    const every: [string, (headers: Headers) => Promise<Response>][] = [
      ["projects", (h) => call(getProjects, {}, h)],
      ["tenants", (h) => call(getTenants, {}, h, "q=")],
      ...scoped.map(
        ([name, route]) =>
          [name, (h: Headers) => route(READ_ALPHA, h)] as [string, (headers: Headers) => Promise<Response>],
      ),
    ];
    const items = async (response: Response) => {
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { projectId: string; userId?: string | null }[] }).items;
    };

    let revokedToken = "";
    beforeAll(async () => {
      const { token, hash, prefix } = newApiToken();
      const info = await insertApiToken(
        { userId: people.everywhereAdmin.userId, name: "revoked", tokenHash: hash, prefix },
        db,
      );
      await revokeApiToken(people.everywhereAdmin.userId, info.id, db);
      revokedToken = token;
    });

    const credentials: [string, () => Headers][] = [
      ["no credentials", () => new Headers()],
      ["a malformed bearer token", () => new Headers({ authorization: "Bearer not a token!" })],
      [
        "a Basic authorization",
        () => new Headers({ authorization: `Basic ${Buffer.from("root@example.com:x").toString("base64")}` }),
      ],
      ["an unknown token", () => new Headers({ authorization: `Bearer ${newApiToken().token}` })],
      ["a revoked token", () => new Headers({ authorization: `Bearer ${revokedToken}` })],
      [
        "an API token's hash instead of the token",
        () => new Headers({ authorization: `Bearer ${newApiToken().hash}` }),
      ],
      [
        "a malformed token beside a valid session",
        () => new Headers({ authorization: "Bearer bad token", cookie: people.everywhereAdmin.session.get("cookie")! }),
      ],
    ];
    const unauthorizedCases = credentials.flatMap(([description, headers]) =>
      every.map(([route, request]) => [route, description, headers, request] as const),
    );

    it.each(unauthorizedCases)(
      "%s with %s answers 401 with a Bearer challenge",
      async (_route, _description, headers, request) => {
        const response = await request(headers());
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(await response.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
      },
    );

    it.each(scoped)(
      "%s of a project the token's owner has no role on answers 403, whether or not the project exists",
      async (_route, request) => {
        for (const t of [READ_BETA, { projectId: "no-such-project", userId: "reader" }]) {
          for (const headers of [people.viewer.bearer, people.viewer.session, people.noRole.bearer]) {
            const response = await request(t, headers);
            expect(response.status).toBe(403);
            expect(await response.json()).toEqual({
              error: { code: "forbidden", message: expect.stringContaining("viewer role") },
            });
          }
        }
      },
    );

    it.each(scoped)(
      "%s of a granted project answers 200, with a token or a session cookie",
      async (_route, request) => {
        for (const headers of [people.viewer.bearer, people.viewer.session, people.everywhereViewer.bearer]) {
          expect((await request(READ_ALPHA, headers)).status).toBe(200);
        }
        expect((await request(READ_BETA, people.everywhereViewer.bearer)).status).toBe(200);
      },
    );

    it("/api/v1/projects lists only the projects granted", async () => {
      const projectsOf = async (person: TestActor) =>
        (await items(await call(getProjects, {}, person.bearer))).map((p) => p.projectId).sort();
      expect(await projectsOf(people.viewer)).toEqual([ALPHA]);
      expect(await projectsOf(people.editor)).toEqual([ALPHA]);
      expect(await projectsOf(people.noRole)).toEqual([]);
      expect(await projectsOf(people.everywhereViewer)).toEqual([ALPHA, BETA]);
      expect(await projectsOf(people.everywhereAdmin)).toEqual([ALPHA, BETA]);
    });

    it("a grant with a role this version does not know grants nothing, and breaks none of the others", async () => {
      const person = await createActor(db, "future-role@example.com", [{ projectId: ALPHA, role: "viewer" }]);
      await rawQuery(conn, `INSERT INTO access_grants (user_id, project_id, role) VALUES ($1, $2, 'owner')`, [
        person.userId,
        BETA,
      ]);
      for (const headers of [person.bearer, person.session]) {
        expect((await items(await call(getProjects, {}, headers))).map((p) => p.projectId)).toEqual([ALPHA]);
        expect((await call(getMemories, { ...READ_ALPHA }, headers)).status).toBe(200);
        expect((await call(getMemories, { ...READ_BETA }, headers)).status).toBe(403);
      }
    });

    it("/api/v1/tenants finds only tenants of the projects granted", async () => {
      const found = async (person: TestActor, q: string) =>
        (await items(await call(getTenants, {}, person.bearer, `q=${encodeURIComponent(q)}`)))
          .map((t) => `${t.projectId}/${t.userId ?? ""}`)
          .sort();
      expect(await found(people.viewer, "reader")).toEqual([`${ALPHA}/reader`]);
      expect(await found(people.viewer, "beta")).toEqual([]);
      expect(await found(people.viewer, "ben")).toEqual([]);
      expect((await found(people.viewer, "")).every((t) => t.startsWith(`${ALPHA}/`))).toBe(true);
      expect(await found(people.noRole, "")).toEqual([]);
      expect(await found(people.everywhereViewer, "reader")).toEqual([`${ALPHA}/reader`, `${BETA}/reader`]);
    });

    it("records when each token was last used; a revoked token stops working and is not touched", async () => {
      const owner = people.viewer;
      const { token, hash, prefix } = newApiToken();
      const info = await insertApiToken({ userId: owner.userId, name: "nightly export", tokenHash: hash, prefix }, db);
      const lastUsed = async () => (await listApiTokens(owner.userId, db)).find((t) => t.id === info.id)!.lastUsedAt;
      const headers = new Headers({ authorization: `Bearer ${token}` });
      expect(await lastUsed()).toBeNull();

      const before = Date.now();
      expect((await call(getMemories, { ...READ_ALPHA }, headers)).status).toBe(200);
      const used = await lastUsed();
      expect(used).toBeInstanceOf(Date);
      expect(used!.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(used!.getTime()).toBeLessThanOrEqual(Date.now() + 1);

      // Nobody but its owner can revoke it.
      expect(await revokeApiToken(people.everywhereAdmin.userId, info.id, db)).toBe(false);
      expect((await call(getMemories, { ...READ_ALPHA }, headers)).status).toBe(200);
      const stillUsed = await lastUsed();

      expect(await revokeApiToken(owner.userId, info.id, db)).toBe(true);
      expect(await revokeApiToken(owner.userId, info.id, db)).toBe(false);
      expect((await call(getMemories, { ...READ_ALPHA }, headers)).status).toBe(401);
      expect(await lastUsed()).toEqual(stillUsed);
      expect((await listApiTokens(owner.userId, db)).find((t) => t.id === info.id)!.revokedAt).toBeInstanceOf(Date);
      // The owner's other token still works.
      expect((await call(getMemories, { ...READ_ALPHA }, owner.bearer)).status).toBe(200);
    });
  });
});
