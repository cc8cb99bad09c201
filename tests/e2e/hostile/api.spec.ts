import { expect, test } from "@playwright/test";
import { ACCOUNTS, PROJECT_A, PROJECT_B } from "../support/accounts";
import {
  apiTenant,
  CANARY_ROWS,
  type Canary,
  expectApiError,
  guardDatabase,
  http,
  needsRole,
  rawGet,
  sessionOf,
  UNAUTHORIZED,
} from "../support/hostile";

// The read-only JSON API, attacked by a viewer of project A: other projects, forged ids, path
// tricks, oversized requests, and injection strings in every list filter. Each answer is either a
// 4xx naming the problem or a normal result holding only the canary tenant's own rows.

const canaries = guardDatabase();
const viewer = () => sessionOf(ACCOUNTS.viewerA);
const enc = encodeURIComponent;

const tenantEndpoints = (c: Canary) => ({
  users: `/api/v1/projects/${enc(c.projectId)}/users`,
  memories: `${apiTenant(c)}/memories`,
  memory: `${apiTenant(c)}/memories/${c.ids[0]}`,
  facets: `${apiTenant(c)}/facets`,
  search: `${apiTenant(c)}/search?q=canary`,
  export: `${apiTenant(c)}/export?format=ndjson`,
});

test.describe("who may read what", () => {
  const everyEndpoint = (c: Canary) => ({
    projects: "/api/v1/projects",
    tenants: "/api/v1/tenants?q=canary",
    ...tenantEndpoints(c),
  });

  for (const name of ["projects", "tenants", "users", "memories", "memory", "facets", "search", "export"] as const) {
    test(`${name}: no credentials is 401 with a Bearer challenge`, async () => {
      await expectApiError(await http(everyEndpoint(canaries.a)[name]), 401, "unauthorized", UNAUTHORIZED);
    });
  }

  for (const name of ["users", "memories", "memory", "facets", "search", "export"] as const) {
    test(`${name}: a viewer of project A asking project B is 403`, async () => {
      await expectApiError(
        await http(tenantEndpoints(canaries.b)[name], { cookie: await viewer() }),
        403,
        "forbidden",
        needsRole("viewer", PROJECT_B),
      );
    });
  }

  test("a project that does not exist answers the same 403 as one the viewer may not see", async () => {
    const cookie = await viewer();
    for (const projectId of ["no-such-project", "SUPPORT-COPILOT", `${PROJECT_A} `, "*", "%"]) {
      const reply = await http(`/api/v1/projects/${enc(projectId)}/users/${enc(canaries.a.userId)}/memories`, {
        cookie,
      });
      await expectApiError(reply, 403, "forbidden", needsRole("viewer", projectId));
    }
  });

  test("a forged user id in project A is 404 on every endpoint", async () => {
    const cookie = await viewer();
    for (const userId of ["no-such-user", `${canaries.a.userId}' OR '1'='1`, "*", "%", canaries.b.userId]) {
      const t = { projectId: PROJECT_A, userId };
      const message = `User ${userId} of project ${PROJECT_A} not found.`;
      for (const path of ["memories", "facets", "search?q=canary", "export"]) {
        await expectApiError(await http(`${apiTenant(t)}/${path}`, { cookie }), 404, "not_found", message);
      }
    }
  });

  test("another tenant's memory id under the canary's path is 404", async () => {
    const cookie = await viewer();
    const neighbour = await http(`/api/v1/projects/${PROJECT_A}/users/ana.souza/memories?limit=10`, { cookie });
    expect(neighbour.status).toBe(200);
    const otherIds = [
      canaries.b.ids[0]!,
      neighbour.json<{ items: { id: number }[] }>().items[0]!.id,
      ...canaries.a.trashedIds,
    ];
    for (const id of otherIds) {
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/memories/${id}`, { cookie }),
        404,
        "not_found",
        `Memory ${id} not found.`,
      );
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/search?similar=${id}`, { cookie }),
        404,
        "not_found",
        `Memory ${id} not found.`,
      );
    }
  });

  test("the projects list shows a viewer only project A", async () => {
    const reply = await http("/api/v1/projects", { cookie: await viewer() });
    expect(reply.status).toBe(200);
    const items = reply.json<{ items: { projectId: string; memories: number }[] }>().items;
    expect(items.map((p) => p.projectId)).toEqual([PROJECT_A]);
    const all = (await http("/api/v1/projects", { cookie: await sessionOf(ACCOUNTS.admin) })).json<{
      items: { projectId: string; memories: number }[];
    }>().items;
    expect(items[0]!.memories).toBe(all.find((p) => p.projectId === PROJECT_A)!.memories);
  });

  test("the tenant switcher finds only tenants of project A, whatever q holds", async () => {
    const cookie = await viewer();
    const found = await http(`/api/v1/tenants?q=hostile-canary`, { cookie });
    expect(found.status).toBe(200);
    expect(found.json<{ items: unknown[] }>().items).toEqual([
      { projectId: PROJECT_A, userId: canaries.a.userId, memories: canaries.a.ids.length },
    ]);
    for (const q of ["", ...SQL, "%", "_", "*", canaries.b.userId, PROJECT_B]) {
      const reply = await http(`/api/v1/tenants?q=${enc(q)}`, { cookie });
      expect(reply.status, q).toBe(200);
      const items = reply.json<{ items: { projectId: string }[] }>().items;
      expect(
        items.every((t) => t.projectId === PROJECT_A),
        `${q}: ${JSON.stringify(items).slice(0, 200)}`,
      ).toBe(true);
    }
    for (const q of ["%", "_", ...SQL]) {
      expect((await http(`/api/v1/tenants?q=${enc(q)}`, { cookie })).json<{ items: unknown[] }>().items, q).toEqual([]);
    }
    await expectApiError(
      await http(`/api/v1/tenants?q=${"q".repeat(256)}`, { cookie }),
      400,
      "invalid",
      "q is longer than 255 characters.",
      "q",
    );
    await expectApiError(
      await http(`/api/v1/tenants?q=a%00b`, { cookie }),
      400,
      "invalid",
      "q contains a character that cannot be searched for.",
      "q",
    );
  });
});

test.describe("URL path tricks", () => {
  test("..%2F in the user segment stays a user id of project A", async () => {
    const userId = `../../projects/${PROJECT_B}/users/${canaries.b.userId}`;
    const reply = await http(`/api/v1/projects/${PROJECT_A}/users/${enc(userId)}/memories`, { cookie: await viewer() });
    await expectApiError(reply, 404, "not_found", `User ${userId} of project ${PROJECT_A} not found.`);
  });

  test("..%2F and ..%5C in the project segment name an unknown project, refused as such", async () => {
    const cookie = await viewer();
    for (const projectId of [
      `../${PROJECT_B}`,
      `${PROJECT_A}/../${PROJECT_B}`,
      `${PROJECT_A}\\..\\${PROJECT_B}`,
      "．．",
    ]) {
      await expectApiError(
        await http(`/api/v1/projects/${enc(projectId)}/users`, { cookie }),
        403,
        "forbidden",
        needsRole("viewer", projectId),
      );
    }
  });

  test("dot segments are resolved before the role check", async () => {
    const cookie = await viewer();
    const out = await rawGet(`/api/v1/projects/${PROJECT_A}/users/${canaries.a.userId}/../../../${PROJECT_B}/users`, {
      cookie,
    });
    await expectApiError(out, 403, "forbidden", needsRole("viewer", PROJECT_B));
    const back = await rawGet(`/api/v1/projects/${PROJECT_B}/../${PROJECT_A}/users/${canaries.a.userId}/memories`, {
      cookie,
    });
    expect(back.status).toBe(200);
    expect(
      back
        .json<{ items: { id: number }[] }>()
        .items.map((m) => m.id)
        .sort(),
    ).toEqual([...canaries.a.ids].sort());
  });

  test("%2e%2e segments match no other route: they name the id .. and nothing else", async () => {
    const cookie = await viewer();
    for (const path of [
      `/api/v1/projects/%2e%2e/${PROJECT_B}/users`,
      `/api/v1/projects/${PROJECT_A}/users/%2E%2E%2F/memories`,
    ]) {
      const reply = await rawGet(path, { cookie });
      expect([403, 404], path).toContain(reply.status);
      expect(reply.text).not.toContain("canary of project B");
    }
    // The user ".." of project A (its memories, or 404 while it has none), never project A's users or project B.
    const dots = await rawGet(`/api/v1/projects/${PROJECT_A}/users/%2e%2e/memories`, { cookie });
    expect(dots.headers.get("content-type")).toContain("application/json");
    if (dots.status === 200)
      expect(dots.json<{ items: { id: number }[] }>().items.every((m) => !canaries.a.ids.includes(m.id))).toBe(true);
    else expect(dots.status).toBe(404);
    expect(dots.text).not.toContain("canary");
  });

  test("NUL bytes (%00) in any segment are 400", async () => {
    const cookie = await viewer();
    await expectApiError(
      await http(`/api/v1/projects/${PROJECT_A}%00/users`, { cookie }),
      400,
      "invalid",
      "projectId contains a NUL character.",
      "projectId",
    );
    await expectApiError(
      await http(`/api/v1/projects/${PROJECT_A}/users/${canaries.a.userId}%00/memories`, { cookie }),
      400,
      "invalid",
      "userId contains a NUL character.",
      "userId",
    );
    await expectApiError(
      await http(`${apiTenant(canaries.a)}/memories/${canaries.a.ids[0]}%00`, { cookie }),
      400,
      "invalid",
      "id must be a whole number from 1 to 2147483647.",
      "id",
    );
  });

  test("double encoding is decoded once, to a plain id", async () => {
    const cookie = await viewer();
    const reply = await http(
      `/api/v1/projects/${PROJECT_A}/users/${canaries.a.userId}%252F..%252F..%252F${PROJECT_B}/memories`,
      { cookie },
    );
    await expectApiError(
      reply,
      404,
      "not_found",
      `User ${canaries.a.userId}%2F..%2F..%2F${PROJECT_B} of project ${PROJECT_A} not found.`,
    );
    await expectApiError(
      await http(`/api/v1/projects/${PROJECT_B.replace(/o/g, "%256F")}/users`, { cookie }),
      403,
      "forbidden",
      needsRole("viewer", PROJECT_B.replace(/o/g, "%6F")),
    );
  });

  test("memory ids in the path must be plain whole numbers", async () => {
    const cookie = await viewer();
    const id = canaries.a.ids[0]!;
    for (const raw of [
      `${id}%2F..%2F${canaries.b.ids[0]}`,
      "0x10",
      "1e3",
      "%2B1",
      `0${id}`,
      `${id}.0`,
      "-0",
      `%20${id}`,
      `${id}%0A`,
      "2147483648",
      `${id}%20OR%201%3D1`,
    ]) {
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/memories/${raw}`, { cookie }),
        400,
        "invalid",
        "id must be a whole number from 1 to 2147483647.",
        "id",
      );
    }
    // Percent-encoded digits are still the same id, of the same tenant.
    const encoded = [...String(id)].map((d) => `%3${d}`).join("");
    const same = await http(`${apiTenant(canaries.a)}/memories/${encoded}`, { cookie });
    expect(same.status).toBe(200);
    expect(same.json<{ id: number; userId: string; projectId: string }>()).toEqual(
      expect.objectContaining({ id, userId: canaries.a.userId, projectId: PROJECT_A }),
    );
  });

  test("ids longer than 255 characters are 400", async () => {
    const cookie = await viewer();
    const long = "p".repeat(256);
    await expectApiError(
      await http(`/api/v1/projects/${long}/users`, { cookie }),
      400,
      "invalid",
      "projectId is longer than 255 characters.",
      "projectId",
    );
    await expectApiError(
      await http(`/api/v1/projects/${PROJECT_A}/users/${long}/memories`, { cookie }),
      400,
      "invalid",
      "userId is longer than 255 characters.",
      "userId",
    );
  });

  test("broken percent-encoding in a path segment is 400, for the API and for pages", async () => {
    const cookie = await viewer();
    for (const segment of ["%E0%A4%A", "%C0%AE%C0%AE", "%ED%A0%80", "%FF"]) {
      await expectApiError(
        await rawGet(`/api/v1/projects/${PROJECT_A}/users/${segment}/memories`, { cookie }),
        400,
        "invalid",
        "The address has broken percent-encoding.",
      );
      const page = await rawGet(`/projects/${PROJECT_A}/users/${segment}`, { cookie });
      expect(page.status, segment).toBe(400);
      expect(page.text).toBe("The address has broken percent-encoding.");
    }
  });
});

test.describe("oversized requests", () => {
  test("a 100 kB query string is refused with 431 before the app runs", async () => {
    const cookie = await viewer();
    for (const path of ["memories", "facets", "search", "export"]) {
      const reply = await http(`${apiTenant(canaries.a)}/${path}?q=${"a".repeat(100_000)}`, { cookie });
      expect(reply.status, path).toBe(431);
    }
  });

  test("a 32 kB Cookie header is refused with 431", async () => {
    const reply = await http(`${apiTenant(canaries.a)}/memories`, {
      cookie: `${await viewer()}; junk=${"j".repeat(32_000)}`,
    });
    expect(reply.status).toBe(431);
  });

  test("list filters past their limits are 400 with the limit named", async () => {
    const cookie = await viewer();
    const cases: [string, string, string][] = [
      [Array.from({ length: 21 }, (_, i) => `tag=t${i}`).join("&"), "tag", "At most 20 tags."],
      [Array.from({ length: 21 }, (_, i) => `component=c${i}`).join("&"), "component", "At most 20 components."],
      [`tag=${"t".repeat(256)}`, "tag", "A tag is longer than 255 characters."],
      [`component=${"c".repeat(256)}`, "component", "A component is longer than 255 characters."],
      [`q=${"q".repeat(501)}`, "q", "The search text is longer than 500 characters."],
      [`path=meta&value=${"v".repeat(1001)}`, "value", "The value is longer than 1000 characters."],
    ];
    for (const [query, parameter, message] of cases) {
      for (const path of ["memories", "facets", "export"]) {
        await expectApiError(
          await http(`${apiTenant(canaries.a)}/${path}?${query}`, { cookie }),
          400,
          "invalid",
          message,
          parameter,
        );
      }
    }
    await expectApiError(
      await http(`${apiTenant(canaries.a)}/search?q=${"q".repeat(1001)}`, { cookie }),
      400,
      "invalid",
      "The query is longer than 1,000 characters.",
      "q",
    );
  });

  test("request bodies and other methods are not accepted by the read-only API", async () => {
    const cookie = await viewer();
    const body = "x".repeat(1024 * 1024);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const path of [
        `${apiTenant(canaries.a)}/memories`,
        `${apiTenant(canaries.a)}/memories/${canaries.a.ids[0]}`,
        "/api/v1/projects",
      ]) {
        const reply = await http(path, {
          method,
          cookie,
          body: method === "DELETE" ? undefined : body,
          headers: { "content-type": "application/json" },
        });
        expect(reply.status, `${method} ${path}`).toBe(405);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Injection strings in every list filter.

type Row = "alpha" | "beta" | "gamma";
const ROWS: Row[] = ["alpha", "beta", "gamma"];
const idsOf = (rows: Row[]) => rows.map((r) => canaries.a.ids[ROWS.indexOf(r)]!).sort((a, b) => a - b);

/** The facets the canary's rows would give. */
function facetsOf(rows: Row[]) {
  const count = (values: (string | undefined)[]) => {
    const m = new Map<string, number>();
    for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
    return [...m].map(([value, n]) => ({ value, count: n })).sort((a, b) => a.value.localeCompare(b.value));
  };
  const raw = rows.map((r) => CANARY_ROWS[canaries.a.userId]!.keep[ROWS.indexOf(r)]!);
  return {
    tags: count(raw.flatMap((d) => (d.tags as string[] | undefined) ?? [])),
    components: count(raw.map((d) => d.component as string | undefined)),
  };
}

const sortFacets = (f: {
  tags: { value: string; count: number }[];
  components: { value: string; count: number }[];
}) => ({
  tags: [...f.tags].sort((a, b) => a.value.localeCompare(b.value)),
  components: [...f.components].sort((a, b) => a.value.localeCompare(b.value)),
});

/** For the search endpoint the list's `q` (contained text) is called `contains`. */
const forSearch = (query: string) => `q=canary&k=100&${query.replace(/(^|&)q=/g, "$1contains=")}`;

/** A normal 200 from the list, facets, export and search, holding exactly these canary rows. */
async function expectRows(query: string, rows: Row[], options: { pagingOnly?: boolean } = {}) {
  const cookie = await viewer();
  const expected = idsOf(rows);
  const list = await http(`${apiTenant(canaries.a)}/memories?${query}`, { cookie });
  expect(list.status, `memories?${query}: ${list.text.slice(0, 200)}`).toBe(200);
  const page = list.json<{ items: { id: number }[]; total: { value: number } }>();
  expect(
    page.items.map((m) => m.id).sort((a, b) => a - b),
    `memories?${query}`,
  ).toEqual(expected);
  expect(page.total.value).toBe(expected.length);
  if (options.pagingOnly) return;

  const facets = await http(`${apiTenant(canaries.a)}/facets?${query}`, { cookie });
  expect(facets.status, `facets?${query}`).toBe(200);
  expect(sortFacets(facets.json()), `facets?${query}`).toEqual(facetsOf(rows));

  const exported = await http(`${apiTenant(canaries.a)}/export?format=ndjson&${query}`, { cookie });
  expect(exported.status, `export?${query}`).toBe(200);
  const lines = exported.text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: number; user_id: string; project_id: string });
  expect(
    lines.map((l) => l.id).sort((a, b) => a - b),
    `export?${query}`,
  ).toEqual(expected);
  expect(lines.every((l) => l.user_id === canaries.a.userId && l.project_id === PROJECT_A)).toBe(true);

  const search = await http(`${apiTenant(canaries.a)}/search?${forSearch(query)}`, { cookie });
  expect(search.status, `search?${forSearch(query)}: ${search.text.slice(0, 200)}`).toBe(200);
  expect(
    search
      .json<{ items: { id: number }[] }>()
      .items.map((m) => m.id)
      .sort((a, b) => a - b),
    `search?${forSearch(query)}`,
  ).toEqual(expected);
}

/** A 400 naming the parameter, from the list, facets and export (and search, unless the parameter means something else there). */
async function expectInvalid(query: string, parameter: string, message: string, options: { search?: boolean } = {}) {
  const cookie = await viewer();
  for (const path of ["memories", "facets", "export?format=ndjson"]) {
    const url = `${apiTenant(canaries.a)}/${path}${path.includes("?") ? "&" : "?"}${query}`;
    await expectApiError(await http(url, { cookie }), 400, "invalid", message, parameter);
  }
  if (options.search !== false) {
    await expectApiError(
      await http(`${apiTenant(canaries.a)}/search?${forSearch(query)}`, { cookie }),
      400,
      "invalid",
      message,
      parameter,
    );
  }
}

const SQL = [
  "' OR '1'='1",
  "x') OR 1=1 --",
  "'; DELETE FROM memory_logs; --",
  '" OR ""="',
  "' UNION SELECT * FROM auth_user --",
  "%' OR '%'='",
  "$1",
  "\\'",
];
const notAJsonPath = (path: string) =>
  `"${path.trim()}" is not a valid JSON path: use keys of letters, digits, "_" or "-" separated by dots, with array indexes like [0] (for example meta.source or entities[0].type).`;

test.describe("injection in the list filters", () => {
  test("tag", async () => {
    await expectRows("tag=canary-red", ["alpha"]);
    for (const s of [...SQL, "canary-red' --", "%", "*", '{"a":1}', "canary-red\u200b"])
      await expectRows(`tag=${enc(s)}`, []);
    await expectRows(`tag=canary-red&tag=${enc("' OR 1=1 --")}`, ["alpha"]);
    await expectRows(`tag=canary-blue&tagMode=all&tag=${enc("x' OR '1'='1")}`, []);
    await expectRows(`tag%5B%5D=canary-red`, ["alpha", "beta", "gamma"]); // an unknown parameter is ignored
    await expectInvalid(`tag=a%00b`, "tag", "A tag contains a NUL character.");
  });

  test("tagMode", async () => {
    for (const s of ["any' OR 1=1 --", "ALL", "none"])
      await expectInvalid(`tag=canary-red&tagMode=${enc(s)}`, "tagMode", "tagMode must be any or all.");
  });

  test("component", async () => {
    await expectRows("component=canary-widget", ["alpha"]);
    for (const s of [...SQL, "canary-widget' OR 'a'='a", 'canary-widget") OR ("a"="a'])
      await expectRows(`component=${enc(s)}`, []);
    await expectInvalid(`component=%00`, "component", "A component contains a NUL character.");
  });

  test("q (contained text) matches literally", async () => {
    await expectRows("q=canary", ["alpha", "beta", "gamma"]);
    await expectRows("q=%25", ["beta"]); // "100%": % is a character, not a wildcard
    await expectRows("q=_", ["beta"]); // "sure_thing": _ too
    await expectRows(`q=${enc("\\")}`, []);
    for (const s of SQL) await expectRows(`q=${enc(s)}`, []);
    await expectInvalid(`q=a%00`, "q", "The search text contains a NUL character.", { search: false });
  });

  test("path (JSON path) accepts only keys and indexes", async () => {
    await expectRows("path=meta&exists=true", ["alpha", "beta"]);
    await expectRows("path=meta.source&exists=false", ["gamma"]);
    await expectRows("path=tags%5B1%5D&exists=true", ["alpha"]);
    for (const p of [
      "meta.source') OR 1=1 --",
      "$.meta[*]",
      "meta->>'source'",
      "{meta,source}",
      "meta..source",
      "meta.source; DROP TABLE memory_logs",
      "meta[-1]",
      "meta[99999999]",
      "meta.*",
      "$..source",
      "meta.source\u0000",
    ]) {
      await expectInvalid(`path=${enc(p)}&exists=true`, "path", notAJsonPath(p));
    }
    await expectInvalid(
      `path=${Array.from({ length: 17 }, () => "a").join(".")}&exists=true`,
      "path",
      "The JSON path is deeper than 16 levels.",
    );
    await expectInvalid(`path=${"a".repeat(201)}&exists=true`, "path", "The JSON path is longer than 200 characters.");
    await expectInvalid(`path=%20&exists=true`, "path", "The JSON path is empty.");
  });

  test("value (JSON path equals) is a bound value", async () => {
    await expectRows("path=meta.source&value=hostile-suite", ["alpha"]);
    await expectRows("path=meta.level&value=1", ["alpha"]);
    for (const s of [...SQL, "hostile-suite' OR 1=1 --", 'hostile-suite" OR "1"="1'])
      await expectRows(`path=meta.source&value=${enc(s)}`, []);
    await expectInvalid(
      "value=x",
      "path",
      "A value, op or exists filter needs a JSON path (for example path=meta.source).",
    );
    await expectInvalid(
      "path=meta&value=x&exists=true",
      "exists",
      "Give either value or exists for a JSON path, not both.",
    );
    await expectInvalid("path=meta&value=a%00", "value", "The value contains a NUL character.");
  });

  test("exists", async () => {
    for (const s of ["true' OR '1'='1", "1", "yes", "TRUE"])
      await expectInvalid(`path=meta&exists=${enc(s)}`, "exists", "exists must be true or false.");
  });

  test("from and to (dates)", async () => {
    await expectRows("from=1970-01-01", ["alpha", "beta", "gamma"]);
    await expectRows("to=1970-01-01", []);
    const bad = "must be a real date such as 2026-05-31 or 2026-05-31T14:00:00Z.";
    for (const s of [
      "2026-01-01' OR '1'='1",
      "now()",
      "2026-02-30",
      "0000-01-01",
      "2026-01-01T25:00:00Z",
      "1 day",
      "9".repeat(30),
      "2026-01-01'::timestamp --",
      "infinity",
    ]) {
      await expectInvalid(`from=${enc(s)}`, "from", `from ${bad}`);
      await expectInvalid(`to=${enc(s)}`, "to", `to ${bad}`);
    }
    await expectInvalid("from=2026-05-02&to=2026-05-01", "from", "from must not be after to.");
  });

  test("embedding", async () => {
    for (const s of ["with' OR '1'='1", "WITH", "null"])
      await expectInvalid(`embedding=${enc(s)}`, "embedding", "embedding must be with or without.");
  });

  test("sort and order (the list refuses them; facets, export and search ignore paging)", async () => {
    await expectRows("sort=id&order=asc", ["alpha", "beta", "gamma"]);
    const cookie = await viewer();
    for (const s of ["id; DROP TABLE memory_logs", "created_at desc, (select 1)", "raw_data->>'content'", "1", "ID"]) {
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/memories?sort=${enc(s)}`, { cookie }),
        400,
        "invalid",
        "sort must be one of created_at, updated_at, id.",
        "sort",
      );
    }
    for (const s of ["asc; --", "ASC", "desc nulls first"]) {
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/memories?order=${enc(s)}`, { cookie }),
        400,
        "invalid",
        "order must be asc or desc.",
        "order",
      );
    }
    const facets = await http(
      `${apiTenant(canaries.a)}/facets?sort=${enc("id; DROP TABLE memory_logs")}&order=${enc("asc; --")}`,
      { cookie },
    );
    expect(facets.status).toBe(200);
    expect(sortFacets(facets.json())).toEqual(facetsOf(["alpha", "beta", "gamma"]));
  });

  test("limit and page", async () => {
    const cookie = await viewer();
    const list = (q: string) => http(`${apiTenant(canaries.a)}/memories?${q}`, { cookie });
    for (const s of ["10 OR 1=1", "1e2", "-5", "0x20", "99999999999", "10.5", " 10"]) {
      await expectApiError(
        await list(`limit=${enc(s)}`),
        400,
        "invalid",
        "limit must be a whole number from 10 to 200.",
        "limit",
      );
    }
    for (const s of ["201", "9", "0"])
      await expectApiError(await list(`limit=${s}`), 400, "invalid", "limit must be from 10 to 200.", "limit");
    await expectApiError(await list("page=0"), 400, "invalid", "page must be from 1 to 1000000.", "page");
    await expectApiError(
      await list(`page=${enc("1; DROP TABLE memory_logs")}`),
      400,
      "invalid",
      "page must be a whole number from 1 to 1000000.",
      "page",
    );
    await expectApiError(
      await list("page=201&limit=50"),
      400,
      "invalid",
      "Page numbers reach the first 10,000 memories; go deeper with the cursor (nextCursor).",
      "page",
    );
    await expectRows("limit=200&page=1", ["alpha", "beta", "gamma"], { pagingOnly: true });
  });

  test("cursor", async () => {
    const cookie = await viewer();
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const message =
      "The cursor is not valid: it was changed, or it belongs to another sort order. Start again from the first page.";
    for (const raw of [
      "' OR 1=1 --",
      "AAAA",
      "x".repeat(201),
      cursor(["created_at", "desc", "2026-01-01 00:00:00' OR '1'='1", 1]),
      cursor(["created_at", "desc", "2026-01-01 00:00:00", "1 OR 1=1"]),
      cursor(["id", "desc", "1) OR (1=1", 1]),
      cursor(["id", "asc", "5", 5]), // made for another order
      cursor(["created_at", "desc", "2026-02-30 00:00:00", 1]),
      cursor(["created_at", "desc", "2026-01-01 00:00:00", 2_147_483_648]),
      cursor({ sort: "created_at" }),
    ]) {
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/memories?cursor=${enc(raw)}`, { cookie }),
        400,
        "invalid",
        message,
        "cursor",
      );
    }
    await expectApiError(
      await http(`${apiTenant(canaries.a)}/memories?cursor=AAAA&page=2`, { cookie }),
      400,
      "invalid",
      "Give either page or cursor, not both.",
      "cursor",
    );
    // A forged but well-formed cursor only positions the list: still the canary's rows, nobody else's.
    await expectRows(
      `cursor=${cursor(["created_at", "desc", "infinity", 2_147_483_647])}`,
      ["alpha", "beta", "gamma"],
      { pagingOnly: true },
    );
    await expectRows(`sort=id&order=asc&cursor=${cursor(["id", "asc", "1", 1])}`, ["alpha", "beta", "gamma"], {
      pagingOnly: true,
    });
  });

  test("export format and includeEmbedding", async () => {
    const cookie = await viewer();
    for (const s of ["ndjson' OR 1=1 --", "json", "../../etc/passwd", "CSV"]) {
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/export?format=${enc(s)}`, { cookie }),
        400,
        "invalid",
        "format must be ndjson or csv.",
        "format",
      );
    }
    for (const s of ["yes", "1", "true' OR '1'='1"]) {
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/export?format=csv&includeEmbedding=${enc(s)}`, { cookie }),
        400,
        "invalid",
        "includeEmbedding must be true or false.",
        "includeEmbedding",
      );
    }
    const csv = await http(`${apiTenant(canaries.a)}/export?format=csv&tag=${enc("' OR 1=1 --")}`, { cookie });
    expect(csv.status).toBe(200);
    expect(csv.text).toBe("id,user_id,project_id,created_at,updated_at,raw_data\r\n");
  });

  test("search parameters (k, metric, threshold, similar, q)", async () => {
    const cookie = await viewer();
    const search = (q: string) => http(`${apiTenant(canaries.a)}/search?${q}`, { cookie });
    for (const s of ["10; DROP TABLE memory_logs", "1e2", "-1", "1.5"]) {
      await expectApiError(
        await search(`q=canary&k=${enc(s)}`),
        400,
        "invalid",
        "k must be a whole number from 1 to 100.",
        "k",
      );
    }
    await expectApiError(await search("q=canary&k=0"), 400, "invalid", "k must be from 1 to 100.", "k");
    await expectApiError(await search("q=canary&k=101"), 400, "invalid", "k must be from 1 to 100.", "k");
    await expectApiError(await search("q=canary&k=999"), 400, "invalid", "k must be from 1 to 100.", "k");
    for (const s of ["l2; DROP TABLE memory_logs", "<->", "inner_product"]) {
      await expectApiError(
        await search(`q=canary&metric=${enc(s)}`),
        400,
        "invalid",
        "metric must be l2 or cosine.",
        "metric",
      );
    }
    for (const s of ["-1", "NaN", "Infinity", "0.5; --", "1e309"]) {
      await expectApiError(
        await search(`q=canary&threshold=${enc(s)}`),
        400,
        "invalid",
        "threshold must be a distance of 0 or more, such as 0.8.",
        "threshold",
      );
    }
    for (const s of ["1 OR 1=1", "-1", "0", "2147483648", "1e3"]) {
      await expectApiError(
        await search(`similar=${enc(s)}`),
        400,
        "invalid",
        "id must be a whole number from 1 to 2147483647.",
        "similar",
      );
    }
    await expectApiError(
      await search(`q=canary&similar=${canaries.a.ids[0]}`),
      400,
      "invalid",
      "Give either q (a text) or similar (a memory id), not both.",
      "similar",
    );
    await expectApiError(await search("q=a%00b"), 400, "invalid", "The query contains a NUL character.", "q");
    await expectApiError(
      await search("k=10"),
      400,
      "invalid",
      "Give q (a text to search for) or similar (the id of a memory).",
      "q",
    );
    for (const s of SQL) {
      const reply = await search(`q=${enc(s)}&k=100`);
      expect(reply.status, s).toBe(200);
      const ids = reply.json<{ items: { id: number }[] }>().items.map((m) => m.id);
      expect(
        ids.every((id) => canaries.a.ids.includes(id)),
        s,
      ).toBe(true);
    }
  });

  test("include on a single memory", async () => {
    const cookie = await viewer();
    for (const s of ["embedding' OR 1=1 --", "raw_data", "*"]) {
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/memories/${canaries.a.ids[0]}?include=${enc(s)}`, { cookie }),
        400,
        "invalid",
        "include accepts only embedding.",
        "include",
      );
    }
  });
});
