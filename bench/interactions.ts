import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "@playwright/test";
import { DEMO_ADMIN } from "@/lib/auth/config";
import { tenantPath } from "@/lib/paths";
import { buildApp, freePort, hasBuild, type RunningApp, startApp } from "./load/app-server";
import { writeSection } from "./report-section";
import { percentile } from "./stats";

/**
 * Times what a user waits for in a real browser on the embedded demo: from the click (or the
 * back button) until the new view is on screen. Without --base-url it builds the app, starts it on
 * a fresh embedded database (migrated and seeded on first start) and signs in as the demo admin.
 *
 *   npm run bench:ui -- [--runs 10] [--base-url http://127.0.0.1:3000] [--report docs/benchmarks-embedded.md]
 */
const USAGE = "usage: npm run bench:ui -- [--runs N] [--rest MS] [--base-url URL] [--report FILE] [--no-build]";
const ms = (sorted: number[], p: number) => percentile(sorted, p).toFixed(0);

type Interaction = {
  name: string;
  what: string;
  /** Brings the page to where the interaction starts; not timed. */
  setup(page: Page, list: string): Promise<void>;
  /** What the user clicks; null for the back button. */
  target(page: Page): Locator | null;
  /** Reads what the result will be compared with, before the click; not timed. */
  before(page: Page, target: Locator | null): Promise<string>;
  /** Resolves when the interaction's result is on screen; timed from the click. */
  done(page: Page, before: string): Promise<unknown>;
};

const table = (page: Page) => page.getByRole("table");
const openList = async (page: Page, list: string) => {
  await page.goto(list);
  await table(page).locator("tbody tr").first().waitFor();
};
/** The first row's text: it changes when the list shows other rows. */
const firstRow = async (page: Page) => (await table(page).locator("tbody tr").first().textContent()) ?? "";
const firstRowChanged = (page: Page, before: string) =>
  page.waitForFunction((text) => {
    const row = document.querySelector("table tbody tr");
    return row !== null && row.textContent !== text;
  }, before);

const INTERACTIONS: Interaction[] = [
  {
    name: "Sort",
    what: "click the Created column header until the rows change order",
    setup: openList,
    target: (page) => page.getByRole("link", { name: /^Created/ }),
    before: firstRow,
    done: firstRowChanged,
  },
  {
    name: "Next page",
    what: "click Next until page 2's rows are shown",
    setup: openList,
    target: (page) => page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: /^Next/ }),
    before: firstRow,
    done: firstRowChanged,
  },
  {
    name: "Open a memory",
    what: "click a row until the inspector shows that memory",
    setup: openList,
    target: (page) => table(page).locator("tbody tr").nth(2).getByRole("link").first(),
    before: async (_page, target) => (await target?.getAttribute("href"))?.split("/").pop() ?? "",
    done: (page, id) => page.getByRole("heading", { name: `Memory ${id}`, exact: true }).waitFor(),
  },
  {
    name: "Back to the list",
    what: "the browser's back button from the inspector until the list's rows are shown",
    async setup(page, list) {
      await openList(page, list);
      await table(page).locator("tbody tr").first().getByRole("link").first().click();
      await page.getByRole("heading", { name: /^Memory \d+$/ }).waitFor();
    },
    target: () => null,
    before: async () => "",
    done: (page) => table(page).locator("tbody tr").first().waitFor(),
  },
  {
    name: "Facet",
    what: "click the first tag in the facets until the list is filtered by it",
    setup: openList,
    target: (page) => page.getByRole("link", { name: /^Filter by tag / }).first(),
    before: async (page, target) => {
      const tag = ((await target?.getAttribute("aria-label")) ?? "")
        .replace(/^Filter by tag /, "")
        .replace(/ \([\d,]+\)$/, "");
      return JSON.stringify([
        tag,
        await page.getByRole("navigation", { name: "Pagination" }).locator("p").first().textContent(),
      ]);
    },
    // Both the facet marked and the list's count changed: the filtered page has arrived.
    done: (page, before) =>
      page.waitForFunction(
        ([tag, status]) => {
          const marked = [...document.querySelectorAll("a[aria-label^='Remove tag ']")].some((a) =>
            a.getAttribute("aria-label")?.startsWith(`Remove tag ${tag} (`),
          );
          return marked && document.querySelector('nav[aria-label="Pagination"] p')?.textContent !== status;
        },
        JSON.parse(before) as [string, string],
      ),
  },
];

/** One timed run: the pointer rests on the target for `restMs` (untimed), then the clock runs from the click. */
async function timeOnce(page: Page, list: string, interaction: Interaction, restMs: number): Promise<number> {
  await interaction.setup(page, list);
  const target = interaction.target(page);
  const before = await interaction.before(page, target);
  if (target && restMs > 0) {
    await target.hover();
    await page.waitForTimeout(restMs);
  }
  const t0 = performance.now();
  await (target ? target.click() : page.goBack());
  await interaction.done(page, before);
  return performance.now() - t0;
}

type Measured = { name: string; what: string; direct: number[]; rested: number[] };

function parseArgs(argv: string[]) {
  const args = { runs: 10, restMs: 250, baseUrl: "", report: "docs/benchmarks-embedded.md", build: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === "--runs") args.runs = Math.max(1, Number.parseInt(value(), 10) || 0);
    else if (flag === "--rest") args.restMs = Math.max(0, Number.parseInt(value(), 10) || 0);
    else if (flag === "--base-url") args.baseUrl = value();
    else if (flag === "--report") args.report = value();
    else if (flag === "--no-build") args.build = false;
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return args;
}

async function signIn(browser: Browser, baseUrl: string): Promise<Page> {
  const page = await browser.newPage({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO_ADMIN.email);
  await page.getByLabel("Password").fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Projects" }).waitFor();
  return page;
}

/** The demo tenant with the most memories: its list has several pages and facets worth clicking. */
async function biggestTenant(page: Page): Promise<{ projectId: string; userId: string; memories: number }> {
  const projects = (await (await page.request.get("/api/v1/projects")).json()) as { items: { projectId: string }[] };
  let best = { projectId: "", userId: "", memories: -1 };
  for (const { projectId } of projects.items) {
    const users = (await (
      await page.request.get(`/api/v1/projects/${encodeURIComponent(projectId)}/users`)
    ).json()) as {
      items: { userId: string; memories: number }[];
    };
    for (const u of users.items)
      if (u.memories > best.memories) best = { projectId, userId: u.userId, memories: u.memories };
  }
  if (best.memories < 0) throw new Error("the app has no tenants to measure");
  return best;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let app: RunningApp | null = null;
  let dataDir: string | null = null;
  const log = (line: string) => console.log(line);
  let baseUrl = args.baseUrl;
  if (!baseUrl) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "semantix-bench-ui-"));
    const env = { ...process.env, DATABASE_URL: "", PGLITE_DIR: path.join(dataDir, "pglite"), BETTER_AUTH_URL: "" };
    if (args.build || !hasBuild()) log(`built the app in ${((await buildApp(env, log)) / 1000).toFixed(0)} s`);
    app = await startApp(env, { port: await freePort(), timeoutMs: 300_000 });
    baseUrl = app.baseUrl;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const started = new Date();
  const results: Measured[] = [];
  let tenant: Awaited<ReturnType<typeof biggestTenant>>;
  try {
    const page = await signIn(browser, baseUrl);
    tenant = await biggestTenant(page);
    const list = tenantPath({ projectId: tenant.projectId, userId: tenant.userId });
    for (const interaction of INTERACTIONS) {
      const direct: number[] = [];
      const rested: number[] = [];
      // One warm-up run of each, so the first render of each route on the server is not counted.
      for (let i = 0; i <= args.runs; i++) {
        const a = await timeOnce(page, list, interaction, 0);
        const b = await timeOnce(page, list, interaction, args.restMs);
        if (i === 0) continue;
        direct.push(a);
        rested.push(b);
      }
      direct.sort((x, y) => x - y);
      rested.sort((x, y) => x - y);
      results.push({ name: interaction.name, what: interaction.what, direct, rested });
      log(
        `${interaction.name}: p50 ${ms(direct, 50)} / p95 ${ms(direct, 95)} ms; after resting ${args.restMs} ms: p50 ${ms(rested, 50)} / p95 ${ms(rested, 95)} ms`,
      );
    }
  } finally {
    await browser.close();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const load = os.loadavg()[0]!.toFixed(1);
  const section = [
    "## Interactions in the browser",
    "",
    `Written by \`npm run bench:ui -- --runs ${args.runs}\` on ${started.toISOString()}: headless Chromium at 1440 × 900 against the`,
    `production build ${args.baseUrl ? `at ${args.baseUrl}` : "on a fresh embedded demo database"}, signed in as the demo admin, on the demo's biggest tenant`,
    `(${tenant.userId} of ${tenant.projectId}, ${tenant.memories.toLocaleString("en-US")} memories). Milliseconds from the click (or the back button) until the result is on`,
    `screen, ${args.runs} runs of each after one warm-up: *at once* clicks as soon as the page is there; *after resting* lets the pointer rest`,
    `${args.restMs} ms on the target first, as a hand does, which starts the prefetch of hovered links. Load average ${load} at the end`,
    `(${os.cpus().length} cores). Target: the result within 300 ms.`,
    "",
    "| Interaction | Until | At once p50 | At once p95 | After resting p50 | After resting p95 | Within 300 ms (p95 after resting) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.what} | ${ms(r.direct, 50)} | ${ms(r.direct, 95)} | ${ms(r.rested, 50)} | ${ms(r.rested, 95)} | ${percentile(r.rested, 95) <= 300 ? "yes" : "**no**"} |`,
    ),
    "",
  ].join("\n");
  writeSection(args.report, section);
  log(`wrote "Interactions in the browser" to ${args.report}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
