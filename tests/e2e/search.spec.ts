import { expect, type Page, test } from "@playwright/test";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { apiSearchPath, compareSearchPath, memoryPath, searchPath } from "@/lib/paths";
import { PROJECT_B } from "./support/accounts";
import { importMemories, listViaApi, shownIds, tenantUrl, waitForApp } from "./support/app";
import { freshTenant, seedMemories } from "./support/memories";

const [PROJECT, USER] = ["sales-assistant", "victor.l"];
const apiSearch = `/api/v1/projects/${PROJECT}/users/${USER}/search`;

// Tests that make their own memories through the New memory page need longer on a busy machine.
const MAKES_MEMORIES_MS = 120_000;

const resultIds = (page: Page) =>
  page
    .getByRole("list", { name: "Search results" })
    .locator("[data-memory-id]")
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-memory-id"))));

type ApiHit = { id: number; score: number; textDigest: string | null };

/** The ids of the cards a search answer shows: one per text, at its best-ranked hit. */
const cardIds = (items: ApiHit[]) =>
  items
    .filter((h, i) => h.textDigest == null || items.findIndex((o) => o.textDigest === h.textDigest) === i)
    .map((h) => h.id);

test("the search demo: type a query, see ranked results with scores, open one, find similar", async ({
  page,
  request,
}) => {
  await page.goto(`${tenantUrl(PROJECT, USER)}/search`);
  await waitForApp(page);
  await page.getByRole("searchbox", { name: "Search by meaning" }).fill("demo meeting with SSO and audit logs");
  await expect(page).toHaveURL(/q=demo\+meeting/);
  const api = (await (
    await request.get(`${apiSearch}?q=${encodeURIComponent("demo meeting with SSO and audit logs")}&k=10`)
  ).json()) as { items: ApiHit[] };
  await expect.poll(() => resultIds(page)).toEqual(cardIds(api.items));
  const first = page.getByRole("list", { name: "Search results" }).getByRole("listitem").first();
  await expect(first).toContainText("#1");
  await expect(first).toContainText(`score ${api.items[0]!.score.toFixed(4)}`);
  await expect(first).toContainText("L2 distance");
  await expect(page.getByRole("complementary", { name: "How this search ran" })).toContainText("exact scan");

  // The URL reproduces the search.
  await page.reload();
  expect(await resultIds(page)).toEqual(cardIds(api.items));

  const topId = api.items[0]!.id;
  await page.getByRole("link", { name: `Open memory ${topId}` }).click();
  await expect(page.getByRole("heading", { name: `Memory ${topId}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nearest memories" })).toBeVisible();

  await page.getByRole("link", { name: "Find similar" }).click();
  await expect(page).toHaveURL(new RegExp(`similar=${topId}`));
  const similar = (await (await request.get(`${apiSearch}?similar=${topId}&k=10`)).json()) as { items: ApiHit[] };
  await expect.poll(() => resultIds(page)).toEqual(cardIds(similar.items));
  expect(similar.items.map((i) => i.id)).not.toContain(topId);
});

test("embed the missing memories of a user in batches", async ({ page, request }) => {
  const [project, user] = ["wellness-coach", "umar.f"];
  const before = (await (await request.get(`/api/v1/projects/${project}/users/${user}/search?q=sleep`)).json()) as {
    withoutEmbedding: number;
  };
  expect(before.withoutEmbedding).toBeGreaterThan(0);
  await page.goto(`${tenantUrl(project, user)}/search`);
  await waitForApp(page);
  await page.getByRole("button", { name: /^Embed \d+ missing$/ }).click();
  await expect(page.getByText("Every memory with text now has an embedding.")).toBeVisible();
  const after = (await (await request.get(`/api/v1/projects/${project}/users/${user}/search?q=sleep`)).json()) as {
    withoutEmbedding: number;
  };
  expect(after.withoutEmbedding).toBe(0);
});

test("find similar on a result stays on the similar search and does not fall back to the text search", async ({
  page,
  request,
}) => {
  test.setTimeout(MAKES_MEMORIES_MS);
  const tenant = freshTenant(PROJECT_B, "similar");
  const [dawn, dusk, ripen, harvest] = await seedMemories(page, tenant, [
    { content: "harbour boats sail out at dawn" },
    { content: "harbour boats sail back at dusk" },
    { content: "orchard apples ripen in autumn" },
    { content: "orchard apples harvest in autumn" },
  ]);
  await page.goto(searchPath(tenant));
  await waitForApp(page);
  const box = page.getByRole("searchbox", { name: "Search by meaning" });
  await box.fill("orchard apples");
  await expect(page).toHaveURL(/q=orchard\+apples/);
  const text = (await (await request.get(apiSearchPath(tenant, { q: "orchard apples" }))).json()) as {
    items: ApiHit[];
  };
  expect(text.items.slice(0, 2).map((h) => h.id)).toEqual(expect.arrayContaining([ripen, harvest]));
  await expect.poll(() => resultIds(page)).toEqual(cardIds(text.items));
  const results = page.getByRole("list", { name: "Search results" });

  await results
    .locator(`[data-memory-id="${dawn}"]`)
    .getByRole("link", { name: /^Find similar/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`similar=${dawn}`));
  // Long enough for a bounce back to ?q= to show.
  await page.waitForTimeout(2000);
  expect(new URL(page.url()).searchParams.get("similar")).toBe(String(dawn));
  expect(new URL(page.url()).searchParams.has("q")).toBe(false);
  await expect(box).toHaveValue("");
  await expect(page.getByText(`Memories similar to memory ${dawn}`)).toBeVisible();
  const similar = (await (await request.get(apiSearchPath(tenant, { similar: dawn }))).json()) as { items: ApiHit[] };
  expect(similar.items[0]!.id).toBe(dusk);
  await expect.poll(() => resultIds(page)).toEqual(cardIds(similar.items));
  await expect(results.locator(`[data-memory-id="${dawn}"]`)).toHaveCount(0);
});

test("a result card shows the memory's id, created date, tags and component; identical texts are one card ×N", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  test.setTimeout(MAKES_MEMORIES_MS);
  const tenant = freshTenant(PROJECT_B, "identity");
  const invoice = "quarterly invoice overdue reminder";
  const [first, second, third, lunch] = await seedMemories(page, tenant, [
    { content: invoice, tags: ["billing", "urgent"], component: "invoices" },
    { content: invoice, tags: ["billing"] },
    { content: invoice },
    { content: "weekly team lunch on friday", tags: ["social"], component: "calendar" },
  ]);
  await page.goto(searchPath(tenant, { q: "invoice overdue" }));
  await waitForApp(page);
  const results = page.getByRole("list", { name: "Search results" });
  // The three identical texts are one card, at the first of them (equal distance, lower id first).
  await expect.poll(() => resultIds(page)).toEqual([first, lunch]);
  const card = results.locator(`[data-memory-id="${first}"]`);
  await expect(card).toContainText("×3");
  await expect(card.getByRole("link", { name: `Open memory ${second}` })).toBeVisible();
  await expect(card.getByRole("link", { name: `Open memory ${third}` })).toBeVisible();
  await expect(card).toContainText(`id ${first}`);
  await expect(card).toContainText(/created \d{4}-\d\d-\d\d \d\d:\d\d/);
  await expect(card).toContainText("billing");
  await expect(card).toContainText("urgent");
  await expect(card).toContainText("invoices");
  const copy = card.getByRole("button", { name: `Copy memory id ${first}` });
  await expect(copy).toHaveAttribute("title", `Copy memory id ${first}`);
  await copy.click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(String(first));
  const other = results.locator(`[data-memory-id="${lunch}"]`);
  await expect(other).not.toContainText("×");
  await expect(other).toContainText("social");
  await expect(other).toContainText("calendar");

  // The inspector's nearest memories carry the same identity.
  await page.goto(memoryPath(tenant, lunch!));
  const nearest = page.getByRole("region", { name: "Nearest memories" }).getByRole("list", { name: "Search results" });
  const near = nearest.locator(`[data-memory-id="${first}"]`);
  await expect(near).toContainText("×3");
  await expect(near).toContainText(`id ${first}`);
  await expect(near).toContainText(/created \d{4}-\d\d-\d\d/);
  await expect(near).toContainText("billing");
  await expect(near).toContainText("invoices");
  await expect(near.getByRole("button", { name: `Copy memory id ${first}` })).toBeVisible();
});

test("the search page filters by tag and component and answers the nearest within the filters", async ({
  page,
  request,
}) => {
  test.setTimeout(MAKES_MEMORIES_MS);
  const tenant = freshTenant(PROJECT_B, "filtered");
  const [pie, tart, laptop, bread] = await seedMemories(page, tenant, [
    { content: "red apple pie recipe", tags: ["food"], component: "kitchen" },
    { content: "green apple tart recipe", tags: ["food", "dessert"], component: "bakery" },
    { content: "apple laptop repair recipe", tags: ["tech"], component: "repair" },
    { content: "banana bread recipe", tags: ["food"], component: "kitchen" },
  ]);
  await page.goto(searchPath(tenant, { q: "apple recipe" }));
  await waitForApp(page);
  expect(new Set(await resultIds(page))).toEqual(new Set([pie, tart, laptop, bread]));

  const filters = page.getByRole("search", { name: "Filter memories" });
  await filters.getByRole("combobox", { name: "Add tag" }).fill("food");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/tag=food/);
  expect(new URL(page.url()).searchParams.get("q")).toBe("apple recipe");
  await expect(page.getByRole("searchbox", { name: "Search by meaning" })).toHaveValue("apple recipe");
  const byTag = (await (await request.get(apiSearchPath(tenant, { q: "apple recipe", tag: "food" }))).json()) as {
    items: ApiHit[];
  };
  expect(new Set(byTag.items.map((h) => h.id))).toEqual(new Set([pie, tart, bread]));
  await expect.poll(() => resultIds(page)).toEqual(cardIds(byTag.items));

  await filters.getByRole("combobox", { name: "Add component" }).fill("kitchen");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/component=kitchen/);
  const both = (await (
    await request.get(apiSearchPath(tenant, { q: "apple recipe", tag: "food", component: "kitchen" }))
  ).json()) as { items: ApiHit[] };
  expect(both.items.map((h) => h.id)).toEqual([pie, bread]);
  await expect.poll(() => resultIds(page)).toEqual([pie, bread]);

  // Clearing the filters keeps the query.
  await filters.getByRole("button", { name: "Clear filters" }).click();
  await expect.poll(() => resultIds(page).then((ids) => new Set(ids))).toEqual(new Set([pie, tart, laptop, bread]));
  expect(new URL(page.url()).searchParams.get("q")).toBe("apple recipe");
});

test("the query's words are marked as whole words, not inside other words", async ({ page }) => {
  test.setTimeout(MAKES_MEMORIES_MS);
  const tenant = freshTenant(PROJECT_B, "highlight");
  const [id] = await seedMemories(page, tenant, [{ content: "pineapple and apple crumble, applesauce aside" }]);
  await page.goto(searchPath(tenant, { q: "apple crumble" }));
  await waitForApp(page);
  const card = page.getByRole("list", { name: "Search results" }).locator(`[data-memory-id="${id}"]`);
  await expect(card).toBeVisible();
  await expect(card.locator("mark")).toHaveText(["apple", "crumble"]);
});

test("hybrid search shows each result's vector rank, keyword rank and fused score; keyword mode finds a memory without embedding", async ({
  page,
  request,
}) => {
  test.setTimeout(MAKES_MEMORIES_MS);
  const tenant = freshTenant(PROJECT_B, "hybrid");
  const embedded = [
    "quarterly invoice overdue reminder",
    "invoice paid in full",
    "weekly team lunch on friday",
    "ferry timetable for the weekend",
  ];
  await importMemories(
    page,
    tenant.projectId,
    tenant.userId,
    [
      { raw_data: { content: "the ferry to zanzibar, not embedded yet" } },
      ...embedded.map((content) => ({ raw_data: { content }, embedding: hashingEmbedding(content) })),
    ],
    { lines: true },
  );
  const { items: listed } = await listViaApi(request, tenant.projectId, tenant.userId, "sort=id&order=asc");
  const unembedded = listed[0]!.id;

  await page.goto(searchPath(tenant));
  await waitForApp(page);
  await page.getByRole("combobox", { name: "Mode" }).selectOption("hybrid");
  await page.getByRole("searchbox", { name: "Search by meaning" }).fill("ferry zanzibar");
  await expect(page).toHaveURL(/mode=hybrid/);
  await expect(page).toHaveURL(/q=ferry\+zanzibar/);
  type Fused = { id: number; vectorRank: number | null; keywordRank: number | null; fusedScore: number };
  const api = (await (await request.get(apiSearchPath(tenant, { q: "ferry zanzibar", mode: "hybrid" }))).json()) as {
    items: Fused[];
  };
  expect(api.items).toHaveLength(5); // four by vector, and the one without embedding by its words
  await expect.poll(() => resultIds(page)).toEqual(api.items.map((h) => h.id));
  const results = page.getByRole("list", { name: "Search results" });
  const rank = (r: number | null) => (r ? `#${r}` : "—");
  for (const hit of api.items) {
    const card = results.locator(`[data-memory-id="${hit.id}"]`);
    await expect(card).toContainText(`fused ${hit.fusedScore.toFixed(4)}`);
    await expect(card.getByTestId("ranks")).toHaveText(
      `vector ${rank(hit.vectorRank)} · keyword ${rank(hit.keywordRank)}`,
    );
  }
  const planted = results.locator(`[data-memory-id="${unembedded}"]`);
  await expect(planted.getByTestId("ranks")).toHaveText("vector — · keyword #1");
  await expect(planted).toContainText("no embedding");
  await expect(planted.getByRole("link", { name: /Find similar/ })).toHaveCount(0);
  const explain = page.getByRole("complementary", { name: "How this search ran" });
  await expect(explain).toContainText("reciprocal rank fusion");
  await expect(explain).toContainText("'ferri' & 'zanzibar'");

  // The link reproduces the mode; keyword mode answers the words alone.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Mode" })).toHaveValue("hybrid");
  await page.getByRole("combobox", { name: "Mode" }).selectOption("keyword");
  await expect(page).toHaveURL(/mode=keyword/);
  await expect.poll(() => resultIds(page)).toEqual([unembedded]);
  await expect(results.getByTestId("ranks")).toHaveText("keyword #1");
  await expect(explain).toContainText("1 memory");
});

test("compare two searches side by side: shared results marked with the other's rank, the link holds both", async ({
  page,
  request,
}) => {
  test.setTimeout(MAKES_MEMORIES_MS);
  const tenant = freshTenant(PROJECT_B, "compare");
  await seedMemories(page, tenant, [
    { content: "quarterly invoice overdue reminder" },
    { content: "invoice paid in full" },
    { content: "reminder: the invoice for the ferry" },
    { content: "weekly team lunch on friday" },
    { content: "ferry timetable for the weekend" },
    { content: "the ferry to zanzibar leaves at noon" },
  ]);
  type Hit = { id: number; rank: number };
  const apiIds = async (query: Record<string, string>) =>
    ((await (await request.get(apiSearchPath(tenant, query))).json()) as { items: Hit[] }).items;

  await page.goto(searchPath(tenant, { q: "invoice reminder", k: "3" }));
  await waitForApp(page);
  await page.getByRole("link", { name: "Compare with another search" }).click();
  await expect(page.getByRole("heading", { name: /Compare two searches/ })).toBeVisible();
  // It starts with the same query under hybrid ranking beside it.
  await expect(page.getByRole("combobox", { name: "Mode B" })).toHaveValue("hybrid");

  await page.getByRole("searchbox", { name: "Query B" }).fill("ferry weekend");
  await page.getByRole("combobox", { name: "Mode B" }).selectOption("vector");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(/b=q%3Dferry%2Bweekend%26k%3D3(&|$)/);
  const [a, b] = await Promise.all([apiIds({ q: "invoice reminder", k: "3" }), apiIds({ q: "ferry weekend", k: "3" })]);
  const shared = a.filter((h) => b.some((o) => o.id === h.id));
  expect(shared.length).toBeGreaterThan(0); // the invoice for the ferry is in both
  expect(shared.length).toBeLessThan(3);

  await page.reload(); // the address is the comparison
  for (const [side, mine, theirs, other] of [
    ["A", a, b, "B"],
    ["B", b, a, "A"],
  ] as const) {
    const column = page.getByRole("region", { name: `Search ${side}` });
    await expect
      .poll(() =>
        column
          .locator("[data-memory-id]")
          .evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-memory-id")))),
      )
      .toEqual(mine.map((h) => h.id));
    await expect(column.getByTestId("shared-count")).toHaveText(`${shared.length} of 3 also in ${other}`);
    for (const hit of mine) {
      const there = theirs.find((o) => o.id === hit.id);
      const placement = column.locator(`[data-memory-id="${hit.id}"]`).getByTestId("placement");
      if (!there) await expect(placement).toHaveText(`not in ${other}`);
      else {
        const moved = there.rank - hit.rank;
        await expect(placement).toHaveText(
          `in both · #${there.rank} in ${other}${moved ? ` · ${moved > 0 ? "higher" : "lower"} here by ${Math.abs(moved)}` : ""}`,
        );
      }
    }
  }

  // A bad parameter of one side is named and left out; the other side still answers.
  await page.goto(compareSearchPath(tenant, "q=invoice&k=abc", "q=ferry&mode=fuzzy"));
  await expect(page.getByRole("alert").filter({ hasText: "k of search A" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "mode of search B" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Search B" }).locator("[data-memory-id]").first()).toBeVisible();
});

test("save a search, run it from the list in one click, see it on the project page, remove it", async ({ page }) => {
  test.setTimeout(MAKES_MEMORIES_MS);
  const tenant = freshTenant(PROJECT_B, "saved");
  const [invoice] = await seedMemories(page, tenant, [
    { content: "quarterly invoice overdue reminder" },
    { content: "weekly team lunch on friday" },
  ]);
  const name = `Overdue invoices ${Date.now()}`;
  const openSaved = async () => {
    const panel = page.locator("details", { has: page.getByText(/^Saved searches \(\d+\)$/) });
    if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator("summary").click();
    return panel;
  };

  await page.goto(searchPath(tenant, { q: "invoice overdue", mode: "hybrid", k: "5" }));
  await waitForApp(page);
  let panel = await openSaved();
  await panel.getByLabel("Name this search").fill(name);
  await panel.getByRole("button", { name: "Save search" }).click();
  await expect(page.getByText(`Saved “${name}”.`)).toBeVisible();
  // The same name twice is refused with a message, not overwritten.
  await panel.getByLabel("Name this search").fill(name);
  await panel.getByRole("button", { name: "Save search" }).click();
  await expect(panel.getByRole("alert")).toContainText("already has a saved search named");

  await page.goto(searchPath(tenant));
  await waitForApp(page);
  panel = await openSaved();
  await panel.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/q=invoice\+overdue/);
  await expect(page).toHaveURL(/mode=hybrid/);
  await expect(page.getByRole("combobox", { name: "Mode" })).toHaveValue("hybrid");
  await expect.poll(() => resultIds(page)).toContain(invoice);
  await expect(page.getByRole("list", { name: "Search results" }).getByTestId("ranks").first()).toBeVisible();

  await page.goto(`/projects/${PROJECT_B}`);
  await expect(
    page.getByRole("region", { name: "Saved searches" }).getByRole("link", { name, exact: true }),
  ).toHaveAttribute("href", searchPath(tenant, "q=invoice+overdue&mode=hybrid&k=5"));

  await page.goto(searchPath(tenant));
  panel = await openSaved();
  await panel.getByRole("button", { name: `Remove saved search ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByText(`Removed “${name}”.`)).toBeVisible();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("drag the distance threshold, delete the memories within it to the trash, then Undo", async ({
  page,
  request,
}) => {
  test.setTimeout(MAKES_MEMORIES_MS);
  const tenant = freshTenant(PROJECT_B, "cutoff");
  const contents = [
    "invoice overdue reminder",
    "invoice overdue reminder again",
    "overdue invoice second reminder",
    "invoice paid",
    "weekly team lunch on friday",
    "ferry timetable for the weekend",
    "allergic to peanuts",
    "prefers window seats on flights",
    "password reset email arrives late",
    "dark mode in the settings",
  ];
  await seedMemories(
    page,
    tenant,
    contents.map((content) => ({ content })),
  );
  const q = "invoice overdue reminder";
  await page.goto(searchPath(tenant, { q, k: "3" }));
  await waitForApp(page);
  const panel = page.getByRole("region", { name: "Score distribution" });
  await expect(panel.getByTestId("cutoff-summary")).toContainText("10 memories within");

  // Drag the handle about a third of the way from the left.
  const slider = panel.getByRole("slider", { name: /Maximum L2 distance/ });
  await slider.scrollIntoViewIfNeeded(); // the mouse acts at viewport coordinates
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + box.width - 7, box.y + box.height / 2); // the handle, at the far right
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.33, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  const cutoff = Number(await slider.inputValue());
  const all = ((await (await request.get(apiSearchPath(tenant, { q, k: "100" }))).json()) as { items: ApiHit[] })
    .items as (ApiHit & { distance: number })[];
  const within = all.filter((h) => h.distance <= cutoff).map((h) => h.id);
  expect(within.length).toBeGreaterThan(0);
  expect(within.length).toBeLessThan(10);
  await expect(panel.getByTestId("cutoff-summary")).toContainText(
    `${within.length} ${within.length === 1 ? "memory" : "memories"} within`,
  );

  // "Show in the list" hands the ids to the list, whose bulk actions then apply to them.
  await panel.getByRole("link", { name: `Show ${within.length} in the list` }).click();
  await expect(page).toHaveURL(/[?&]id=\d+/);
  await expect.poll(() => shownIds(page)).toEqual(expect.arrayContaining(within));
  expect((await shownIds(page)).length).toBe(within.length);
  await page.goBack();
  await expect(panel.getByTestId("cutoff-summary")).toBeVisible();
  await slider.fill(String(cutoff)); // the page came back with its handle at the far right

  await panel.getByRole("button", { name: `Delete ${within.length}…` }).click();
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: `Delete ${within.length}`, exact: true });
  await expect(confirm).toBeDisabled(); // the count must be typed first
  await dialog.getByRole("textbox").fill(String(within.length));
  await confirm.click();
  const deleted = page.getByText(`Deleted ${within.length} ${within.length === 1 ? "memory" : "memories"}.`);
  await expect(deleted).toBeVisible();
  const left = await listViaApi(request, tenant.projectId, tenant.userId, "limit=100");
  expect(left.items.map((m) => m.id).filter((id) => within.includes(id))).toEqual([]);
  await expect.poll(() => resultIds(page)).not.toContain(within[0]);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(
    page.getByText(`Restored ${within.length} ${within.length === 1 ? "memory" : "memories"}.`),
  ).toBeVisible();
  const back = await listViaApi(request, tenant.projectId, tenant.userId, "limit=100");
  expect(back.items).toHaveLength(10);
  await expect.poll(() => resultIds(page)).toContain(within[0]);
});
