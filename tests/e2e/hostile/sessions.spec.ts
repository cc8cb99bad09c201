import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, PROJECT_A, PROJECT_B } from "../support/accounts";
import {
  actionId,
  apiTenant,
  type Canary,
  expectApiError,
  expectDone,
  expectRefused,
  guardDatabase,
  guardGroup,
  http,
  needsRole,
  origin,
  postAction,
  type Reply,
  SESSION_COOKIE,
  sessionOf,
  signIn,
  tenantOf,
  tenantPage,
  UNAUTHORIZED,
} from "../support/hostile";

// Who the app believes the caller is: tampered and ended session cookies, forged and revoked API
// tokens, sign-in brute force from one account and from one address, open redirects after
// sign-in, what each page shows to a viewer of another project, and the security headers.

const canaries = guardDatabase();
const enc = encodeURIComponent;
const CANARY_TEXT = /canary (alpha|beta|gamma|of project B)|secret plans|deleted on purpose/;

/** Sent to sign-in: a real 307, or (when the page already streams under a loading skeleton) the redirect inside the stream. */
function expectSignInRedirect(reply: Reply, path: string) {
  const target = `/sign-in?next=${enc(path)}`;
  if (reply.status === 307) expect(reply.headers.get("location")).toBe(target);
  else {
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(`NEXT_REDIRECT;replace;${target};307;`);
  }
  expect(reply.text).not.toMatch(CANARY_TEXT);
}

/** The 403 page: a real 403, or (when the refusal comes after the page started streaming) the 403 fallback inside a 200. */
function expectForbiddenPage(reply: Reply) {
  if (reply.status !== 403) {
    expect(reply.status).toBe(200);
    expect(reply.text).toContain("NEXT_HTTP_ERROR_FALLBACK;403");
  }
  expect(reply.text).not.toMatch(CANARY_TEXT);
}

/** A session cookie that nobody else uses, so tampering with it or ending it disturbs no other case. */
async function freshSession(account = ACCOUNTS.editorA): Promise<string> {
  const reply = await signIn(account);
  expect(reply.error).toBeNull();
  return reply.cookie!;
}

const tokenOf = (cookie: string) => cookie.slice(SESSION_COOKIE.length + 1);
const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === "A" ? "B" : "A") + s.slice(at + 1);

test.describe("session cookie tampering", () => {
  guardGroup();

  const variants: [string, () => Promise<string | null>][] = [
    ["no cookie", async () => null],
    [
      "a changed signature",
      async () => {
        const value = decodeURIComponent(tokenOf(await freshSession()));
        const dot = value.indexOf(".");
        return `${SESSION_COOKIE}=${enc(flip(value, dot + 3))}`;
      },
    ],
    [
      "a changed token with the original signature",
      async () => {
        const value = decodeURIComponent(tokenOf(await freshSession()));
        return `${SESSION_COOKIE}=${enc(flip(value, 2))}`;
      },
    ],
    [
      "an unsigned token",
      async () => `${SESSION_COOKIE}=${decodeURIComponent(tokenOf(await freshSession())).split(".")[0]}`,
    ],
    [
      "a forged random value",
      async () =>
        `${SESSION_COOKIE}=${randomBytes(24).toString("base64url")}.${enc(randomBytes(32).toString("base64"))}`,
    ],
    ["4 kB of junk", async () => `${SESSION_COOKIE}=${"x".repeat(4000)}`],
    ["SQL in the cookie", async () => `${SESSION_COOKIE}=${enc("' OR '1'='1")}.${enc("' OR '1'='1")}`],
    [
      "the right value under Better Auth's default name",
      async () => `better-auth.session_token=${tokenOf(await freshSession())}`,
    ],
    [
      "the right value under the __Secure- name",
      async () => `__Secure-${SESSION_COOKIE}=${tokenOf(await freshSession())}`,
    ],
    [
      "the cookie of a session that was signed out",
      async () => {
        const cookie = await freshSession();
        const out = await postAction("signOutAction", [], { cookie });
        expect(out.redirect).toMatch(/^\/sign-in(;|$)/);
        return cookie;
      },
    ],
  ];

  for (const [name, make] of variants) {
    test(`${name}: the API answers 401 and pages send to sign-in`, async () => {
      const cookie = await make();
      await expectApiError(
        await http(`${apiTenant(canaries.a)}/memories`, { cookie }),
        401,
        "unauthorized",
        UNAUTHORIZED,
      );
      expectSignInRedirect(await http(tenantPage(canaries.a), { cookie }), tenantPage(canaries.a));
      expectRefused(
        await postAction("deleteMemoryAction", [{ ...tenantOf(canaries.a), id: canaries.a.ids[0] }], { cookie }),
        "unauthorized",
        UNAUTHORIZED,
      );
    });
  }

  test("in a browser, a tampered cookie lands on the sign-in page without any memory shown", async ({ browser }) => {
    const value = decodeURIComponent(tokenOf(await freshSession()));
    const context = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      extraHTTPHeaders: { "x-forwarded-for": "192.0.2.12" },
    });
    const url = new URL(test.info().project.use.baseURL!);
    await context.addCookies([
      { name: SESSION_COOKIE, value: enc(flip(value, value.indexOf(".") + 3)), domain: url.hostname, path: "/" },
    ]);
    const page = await context.newPage();
    await page.goto(tenantPage(canaries.a));
    await expect(page).toHaveURL(`/sign-in?next=${enc(tenantPage(canaries.a))}`);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.getByText(CANARY_TEXT)).toHaveCount(0);
    await context.close();
  });
});

test.describe("API tokens", () => {
  guardGroup();

  test("forged and malformed bearer tokens are 401, never the cookie's user", async () => {
    const cookie = await sessionOf(ACCOUNTS.admin);
    const headers = [
      `Bearer smx_${randomBytes(32).toString("base64url")}`,
      "Bearer smx_",
      `Bearer ${randomBytes(32).toString("hex")}`,
      `Bearer smx_${"a".repeat(200)}`,
      "Bearer smx_' OR '1'='1",
      "Bearer smx_a smx_b",
      `bearer smx_${randomBytes(32).toString("base64url")}`,
      "Bearer",
      "Basic ZGVtb0BzZW1hbnRpeC5sb2NhbDpzZW1hbnRpeC1kZW1v",
      `Bearer ${tokenOf(cookie).split(".")[0]}`, // a session token is not an API token
    ];
    for (const authorization of headers) {
      // The admin's valid cookie rides along: a wrong token is not replaced by it.
      const reply = await http(`${apiTenant(canaries.a)}/memories`, { cookie, headers: { authorization } });
      await expectApiError(reply, 401, "unauthorized", UNAUTHORIZED);
    }
  });

  test("a viewer's token reads project A only, opens no page, runs no action, and stops working once revoked", async () => {
    const viewer = await sessionOf(ACCOUNTS.viewerA);
    const name = `hostile-${randomBytes(4).toString("hex")}`;
    const { token } = expectDone(await postAction("createTokenAction", [{ name }], { cookie: viewer })) as {
      token: string;
    };
    expect(token).toMatch(/^smx_[A-Za-z0-9_-]{43}$/);

    const list = await http(`${apiTenant(canaries.a)}/memories`, { bearer: token });
    expect(list.status).toBe(200);
    expect(
      list
        .json<{ items: { id: number }[] }>()
        .items.map((m) => m.id)
        .sort(),
    ).toEqual([...canaries.a.ids].sort());
    await expectApiError(
      await http(`${apiTenant(canaries.b)}/memories`, { bearer: token }),
      403,
      "forbidden",
      needsRole("viewer", PROJECT_B),
    );
    await expectApiError(
      await http(`${apiTenant(canaries.a)}/memories`, { bearer: flip(token, 10) }),
      401,
      "unauthorized",
      UNAUTHORIZED,
    );

    // Pages and server actions take the session cookie only.
    expectSignInRedirect(await http(tenantPage(canaries.a), { bearer: token }), tenantPage(canaries.a));
    const action = await postAction("previewDeleteMatchingAction", [{ ...tenantOf(canaries.a), filters: "" }], {
      headers: { authorization: `Bearer ${token}` },
    });
    expectRefused(action, "unauthorized", UNAUTHORIZED);

    // Another user cannot revoke it; its owner can, and then it is refused.
    const tokens = await http("/account/tokens", { cookie: viewer });
    const id = Number(new RegExp(`\\\\"id\\\\":(\\d+),\\\\"name\\\\":\\\\"${name}\\\\"`).exec(tokens.text)?.[1]);
    expect(id).toBeGreaterThan(0);
    expectRefused(
      await postAction("revokeTokenAction", [{ id }], { cookie: await sessionOf(ACCOUNTS.editorA) }),
      "not_found",
      "That active token not found.",
    );
    expect((await http(`${apiTenant(canaries.a)}/memories`, { bearer: token })).status).toBe(200);
    expect(expectDone(await postAction("revokeTokenAction", [{ id }], { cookie: viewer }))).toEqual({ id });
    await expectApiError(
      await http(`${apiTenant(canaries.a)}/memories`, { bearer: token }),
      401,
      "unauthorized",
      UNAUTHORIZED,
    );
    expectRefused(
      await postAction("revokeTokenAction", [{ id }], { cookie: viewer }),
      "not_found",
      "That active token not found.",
    );
  });
});

test.describe("sign-in brute force", () => {
  const WRONG = "Wrong email or password.";
  const lock = (who: "this account" | "your address") =>
    new RegExp(`^Too many failed sign-ins for ${who}\\. Try again in (\\d+) minutes?\\.$`);
  const minutes = (message: string | null) => Number(/in (\d+) minute/.exec(message ?? "")?.[1]);

  /** A server this suite already ran against (a retry, or E2E_BASE_URL) may still hold the locks of the first run. */
  const mayBeLocked = () => test.info().retry > 0 || Boolean(process.env.E2E_BASE_URL);
  const freshAddress = (prefix: string) => `${prefix}:${randomBytes(4).toString("hex")}`;

  test("the 6th attempt on one account is refused with the lock message, even with the right password and from elsewhere", async () => {
    const address = freshAddress("2001:db8:a");
    let wrong = 0;
    let answer = await signIn({ email: ACCOUNTS.target.email, password: "not-the-password-0" }, { address });
    while (answer.error === WRONG && wrong < 6) {
      wrong++;
      expect(answer.cookie).toBeNull();
      answer = await signIn({ email: ACCOUNTS.target.email, password: `not-the-password-${wrong}` }, { address });
    }
    if (!mayBeLocked()) expect(wrong).toBe(5);
    expect(answer.error).toMatch(lock("this account"));

    for (const [email, from] of [
      [ACCOUNTS.target.email, address],
      [ACCOUNTS.target.email, freshAddress("2001:db8:b")],
      [ACCOUNTS.target.email.toUpperCase(), freshAddress("2001:db8:c")],
    ] as const) {
      const right = await signIn({ email, password: ACCOUNTS.target.password }, { address: from });
      expect(right.error).toMatch(lock("this account"));
      if (!mayBeLocked()) expect(minutes(right.error)).toBe(15);
      expect(right.cookie).toBeNull();
      expect(right.redirect).toBeNull();
    }
  });

  test("after 20 failures from one address, every account is refused from it, and only from it", async () => {
    const address = freshAddress("2001:db8:d");
    const run = randomBytes(3).toString("hex");
    for (let i = 0; i < 20; i++) {
      // Accounts that do not exist get the same answer as a wrong password: nothing tells them apart.
      const answer = await signIn({ email: `spray-${run}-${i}@e2e.test`, password: "guess-password-1" }, { address });
      expect(answer.error, `attempt ${i + 1}`).toBe(WRONG);
    }
    const blocked = await signIn(ACCOUNTS.adminA, { address });
    expect(blocked.error).toMatch(lock("your address"));
    expect(minutes(blocked.error)).toBe(15);
    expect(blocked.cookie).toBeNull();
    const another = await signIn({ email: `spray-${run}-new@e2e.test`, password: "guess-password-1" }, { address });
    expect(another.error).toMatch(lock("your address"));

    const elsewhere = await signIn(ACCOUNTS.adminA, { address: freshAddress("2001:db8:e") });
    expect(elsewhere.error).toBeNull();
    expect(elsewhere.cookie).not.toBeNull();
  });

  test("malformed sign-in input is refused before any password is checked", async () => {
    const address = "192.0.2.77";
    const cases: [string, string, string][] = [
      ["' OR 1=1 --", "anything", "Enter a valid email address."],
      ["demo@semantix.local' --", "anything", "Enter a valid email address."],
      ["", "anything", "Enter a valid email address."],
      [ACCOUNTS.editorA.email, "", "Enter your password."],
    ];
    for (const [email, password, message] of cases) {
      const answer = await signIn({ email, password }, { address });
      expect(answer.error, email).toBe(message);
      expect(answer.cookie).toBeNull();
    }
    const long = await signIn({ email: ACCOUNTS.editorA.email, password: "p".repeat(129) }, { address });
    expect(long.error).toBeTruthy();
    expect(long.error).not.toBe(WRONG);
    expect(long.cookie).toBeNull();
    // None of these counted as failures: the account signs in from that address.
    expect((await signIn(ACCOUNTS.editorA, { address })).cookie).not.toBeNull();
  });
});

test.describe("open redirect after sign-in", () => {
  const landing = (redirect: string | null) => redirect?.split(";")[0] ?? null;

  test("a next that leaves the app lands on / instead", async () => {
    for (const next of [
      "//evil.example",
      "//evil.example/projects",
      "https://evil.example",
      "http:evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      " //evil.example",
      "javascript:alert(document.cookie)",
      "%2F%2Fevil.example",
      "/sign-in?next=//evil.example",
      `/${"a".repeat(2001)}`,
    ]) {
      const answer = await signIn(ACCOUNTS.viewerA, { next });
      expect(answer.error, next).toBeNull();
      expect(landing(answer.redirect), JSON.stringify(next)).toBe("/");
    }
  });

  test("a next inside the app is kept", async () => {
    for (const next of [tenantPage(canaries.a), "/%2F/evil.example", "/projects?x=//evil.example"]) {
      const answer = await signIn(ACCOUNTS.viewerA, { next });
      expect(landing(answer.redirect), next).toBe(next);
    }
  });

  test("the sign-in page never carries a foreign next, and a signed-in visit goes to /", async () => {
    const form = await http(`/sign-in?next=${enc("//evil.example")}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="next" value="/"');
    expect(form.text).not.toContain('evil.example"');
    const signedIn = await http(`/sign-in?next=${enc("//evil.example")}`, {
      cookie: await sessionOf(ACCOUNTS.viewerA),
    });
    if (signedIn.status === 307) expect(signedIn.headers.get("location")).toBe("/");
    else expect(signedIn.text).toContain("NEXT_REDIRECT;replace;/;307;");
  });

  test("in a browser, signing in from /sign-in?next=//evil.example lands on /", async ({ browser }) => {
    const context = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      extraHTTPHeaders: { "x-forwarded-for": "192.0.2.12" },
    });
    const page = await context.newPage();
    await page.goto("/sign-in?next=//evil.example");
    await page.getByLabel("Email").fill(ACCOUNTS.viewerA.email);
    await page.getByLabel("Password").fill(ACCOUNTS.viewerA.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/");
    await context.close();
  });
});

test.describe("pages for a viewer of project A", () => {
  const pagesOf = (c: Canary) => ({
    "the user's memories": tenantPage(c),
    "a memory": `${tenantPage(c)}/memories/${c.ids[0]}`,
    search: `${tenantPage(c)}/search?q=secret`,
    trash: `${tenantPage(c)}/trash`,
    project: `/projects/${c.projectId}`,
  });

  for (const name of ["the user's memories", "a memory", "search", "trash", "project"] as const) {
    test(`project B's ${name} page is the 403 page, with nothing of B`, async () => {
      expectForbiddenPage(await http(pagesOf(canaries.b)[name], { cookie: await sessionOf(ACCOUNTS.viewerA) }));
    });
  }

  test("admin and editor pages of project A are the 403 page", async () => {
    const cookie = await sessionOf(ACCOUNTS.viewerA);
    for (const path of [
      `${tenantPage(canaries.a)}/trash`,
      `${tenantPage(canaries.a)}/import`,
      `${tenantPage(canaries.a)}/new`,
      "/audit",
      "/admin/access",
    ]) {
      expectForbiddenPage(await http(path, { cookie }));
    }
  });

  test("the projects page lists project A only", async () => {
    const home = await http("/", { cookie: await sessionOf(ACCOUNTS.viewerA) });
    expect(home.status).toBe(200);
    const linked = [
      ...new Set([...home.text.matchAll(/href="\/projects\/([^"/]+)"/g)].map((m) => decodeURIComponent(m[1]!))),
    ];
    expect(linked).toEqual([PROJECT_A]);
  });

  test("without a session every page sends to sign-in", async () => {
    for (const path of [
      "/",
      tenantPage(canaries.a),
      `${tenantPage(canaries.a)}/memories/${canaries.a.ids[0]}`,
      `${tenantPage(canaries.a)}/trash`,
      "/audit",
      "/account/tokens",
      "/admin/access",
    ]) {
      expectSignInRedirect(await http(path), path);
    }
  });
});

test.describe("security headers", () => {
  const expectHeaders = (reply: Reply, what: string) => {
    const csp = reply.headers.get("content-security-policy") ?? "";
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).toContain("base-uri 'self'");
    expect(csp, what).toContain("form-action 'self'");
    expect(reply.headers.get("x-content-type-options"), what).toBe("nosniff");
    expect(reply.headers.get("referrer-policy"), what).toBe("same-origin");
    expect(reply.headers.get("x-frame-options"), what).toBe("DENY");
    expect(reply.headers.get("x-powered-by"), what).toBeNull();
  };

  test("on pages, signed in or not, and on the 403 and 404 pages", async () => {
    const viewer = await sessionOf(ACCOUNTS.viewerA);
    for (const [path, cookie] of [
      ["/sign-in", null],
      ["/", null],
      ["/", viewer],
      [tenantPage(canaries.a), viewer],
      [tenantPage(canaries.b), viewer],
      ["/no-such-page", viewer],
    ] as const) {
      expectHeaders(await http(path, { cookie }), `${path} ${cookie ? "signed in" : "signed out"}`);
    }
  });

  test("on API answers of every kind", async () => {
    const viewer = await sessionOf(ACCOUNTS.viewerA);
    const cases: [string, string | null, number][] = [
      [`${apiTenant(canaries.a)}/memories`, viewer, 200],
      [`${apiTenant(canaries.a)}/export?format=ndjson`, viewer, 200],
      [`${apiTenant(canaries.a)}/memories`, null, 401],
      [`${apiTenant(canaries.b)}/memories`, viewer, 403],
      [`${apiTenant(canaries.a)}/memories?limit=abc`, viewer, 400],
      [`${apiTenant(canaries.a)}/memories/2147483647`, viewer, 404],
      ["/api/health", null, 200],
    ];
    for (const [path, cookie, status] of cases) {
      const reply = await http(path, { cookie });
      expect(reply.status, path).toBe(status);
      expectHeaders(reply, path);
      if (path.startsWith("/api/v1")) expect(reply.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  test("on server action answers", async () => {
    const reply = await http(tenantPage(canaries.a), {
      method: "POST",
      headers: {
        "next-action": actionId("previewDeleteMatchingAction"),
        "content-type": "text/plain;charset=UTF-8",
        origin: origin(),
      },
      body: JSON.stringify([{ ...tenantOf(canaries.a), filters: "" }]),
      cookie: await sessionOf(ACCOUNTS.viewerA),
    });
    expect(reply.status).toBe(200);
    expectHeaders(reply, "server action");
  });
});
