import { seededRandom } from "./random";

/**
 * Deterministic demo memories of an AI assistant's end users: several products (projects),
 * a few users each, a few hundred memories for the busiest ones, spread over six months.
 */
export type DemoMemory = {
  projectId: string;
  userId: string;
  /** Built here, so plain JavaScript values; the seed stores it as JSON text. */
  rawData: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  /** Some memories were stored before their embedding was computed. */
  embed: boolean;
};

type Topic = { component: string; tags: string[]; templates: string[] };
type DemoProject = { id: string; users: string[]; topics: Topic[] };

/** Demo timestamps end here, so every run gives the same data. */
export const DEMO_ANCHOR = new Date("2026-11-01T09:00:00Z");
const DAY = 86_400_000;
const SPAN_DAYS = 180;

const FILL: Record<string, string[]> = {
  person: ["Dana", "Marco", "Priya", "Kenji", "Lena", "Omar", "Sofia", "Tomas", "Yuki", "Grace"],
  city: ["Lisbon", "Kyoto", "Toronto", "Berlin", "Nairobi", "Lima", "Seoul", "Oslo", "Austin", "Porto"],
  product: ["Pro plan", "Team plan", "mobile app", "desktop app", "API", "analytics add-on", "SSO add-on"],
  lang: ["TypeScript", "Python", "Go", "Rust", "Kotlin", "SQL"],
  repo: ["payments-api", "web-client", "data-pipeline", "auth-gateway", "mobile-shell", "infra"],
  weekday: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  food: ["gluten", "peanuts", "dairy", "shellfish", "soy"],
  n: ["2", "3", "4", "5", "7", "10", "12", "15", "20", "30"],
  time: ["6:30", "7:00", "8:15", "9:00", "12:30", "17:45", "21:00", "22:30"],
  company: ["Acme Corp", "Northwind", "Globex", "Initech", "Umbrella Health", "Stark Logistics"],
};

const PROJECTS: DemoProject[] = [
  {
    id: "support-copilot",
    users: ["ana.souza", "ben.okafor", "chen.wei", "dmitri.v", "eva.lindqvist", "farah.k"],
    topics: [
      {
        component: "auth-service",
        tags: ["authentication", "login", "bug", "sso"],
        templates: [
          "Password reset emails arrive {n} minutes late for this user; reported again on {weekday}.",
          "User is locked out after enabling two-factor authentication on the {product}.",
          "SSO login with their company {company} fails with an invalid SAML response.",
          "Prefers magic-link login over passwords; asked twice whether it can be the default.",
        ],
      },
      {
        component: "billing",
        tags: ["billing", "invoice", "refund", "plan-change"],
        templates: [
          "Was charged twice for the {product} this month and expects a refund within {n} days.",
          "Wants invoices addressed to {company} with their VAT number on every page.",
          "Plans to move from the Pro plan to the Team plan when their team grows past {n} seats.",
          "Asked to switch to annual billing before their budget review in {n} weeks.",
        ],
      },
      {
        component: "ticket-triage",
        tags: ["escalation", "priority", "follow-up", "sla"],
        templates: [
          "Escalated ticket about data export timeouts; promised a follow-up by {weekday}.",
          "Gets frustrated with canned answers; prefers a short, direct reply with the next step.",
          "Reported that the {product} crashes when uploading files larger than {n} MB.",
          "Agreed that {person} from their team is the contact for all future outage reports.",
        ],
      },
      {
        component: "knowledge-base",
        tags: ["docs", "how-to", "onboarding"],
        templates: [
          "Found the article on webhook retries confusing; suggested adding an example payload.",
          "Reads the docs in {lang} examples first; asked for more code samples in {lang}.",
          "Completed onboarding checklist except for connecting the {product}.",
        ],
      },
    ],
  },
  {
    id: "code-companion",
    users: ["gabriel.m", "hana.sato", "ivan.petrov", "julia.n"],
    topics: [
      {
        component: "code-review",
        tags: ["code-style", "review", "testing"],
        templates: [
          "Prefers small pull requests under {n} files and asks for tests with every change in {repo}.",
          "Wants review comments to suggest code, not only describe the problem.",
          "Uses strict {lang} settings and rejects any use of implicit any in {repo}.",
          "Asked to always point out missing error handling around network calls.",
        ],
      },
      {
        component: "repo-indexer",
        tags: ["repository", "architecture", "context"],
        templates: [
          "The {repo} repository keeps database access in a single data layer folder.",
          "Main service is written in {lang}; the legacy worker in {repo} is being retired.",
          "Monorepo uses workspaces; shared types live in a package consumed by {repo}.",
          "Indexing of {repo} skipped {n} generated files on purpose.",
        ],
      },
      {
        component: "ci-pipeline",
        tags: ["ci", "deployment", "flaky-test", "bug"],
        templates: [
          "CI for {repo} takes about {n} minutes; the integration stage is the slow one.",
          "A flaky test in {repo} fails on {weekday} runs when the time zone changes.",
          "Deploys to production only after a green run on the main branch and a manual approval.",
        ],
      },
      {
        component: "editor-plugin",
        tags: ["preferences", "shortcuts", "editor"],
        templates: [
          "Likes completions that fit on one line; finds multi-line suggestions distracting.",
          "Works with vim keybindings and a dark theme; uses the plugin mostly in {lang}.",
          "Disabled inline suggestions while writing docs, keeps them for {lang} code.",
        ],
      },
    ],
  },
  {
    id: "travel-planner",
    users: ["kofi.mensah", "laura.r", "mateo.g", "nadia.h", "oliver.b", "paula.c", "quentin.d", "rina.t"],
    topics: [
      {
        component: "preferences",
        tags: ["preference", "flights", "seating", "diet"],
        templates: [
          "Prefers window seats on flights longer than {n} hours.",
          "Avoids {food}; always asks for restaurants that can adapt the menu.",
          "Travels with a partner and a dog; needs pet-friendly places to stay.",
          "Likes hotels within walking distance of the old town and a gym.",
        ],
      },
      {
        component: "itinerary",
        tags: ["trip", "itinerary", "sightseeing"],
        templates: [
          "Planning {n} days in {city} in spring; interested in architecture and food markets.",
          "Wants a slow day after each long travel day during the trip to {city}.",
          "Booked a cooking class in {city} on {weekday} afternoon.",
          "Asked for a day trip from {city} that avoids car rentals.",
        ],
      },
      {
        component: "bookings",
        tags: ["booking", "hotel", "train", "flights"],
        templates: [
          "Hotel in {city} confirmed for {n} nights; late check-in after {time}.",
          "Train tickets to {city} are refundable until {weekday} noon.",
          "Flight to {city} has a {n}-hour layover; asked for lounge options.",
        ],
      },
      {
        component: "notifications",
        tags: ["reminder", "notifications"],
        templates: [
          "Wants reminders {n} days before each departure, by email not SMS.",
          "Muted price-drop alerts except for flights to {city}.",
        ],
      },
    ],
  },
  {
    id: "wellness-coach",
    users: ["sam.taylor", "tara.singh", "umar.f"],
    topics: [
      {
        component: "sleep",
        tags: ["sleep", "routine", "habit"],
        templates: [
          "Goes to bed around {time} on weekdays and wants to be consistent on weekends too.",
          "Sleeps badly after late workouts; prefers training before {time}.",
          "Uses a wind-down routine of reading for {n} minutes without screens.",
        ],
      },
      {
        component: "nutrition",
        tags: ["nutrition", "diet", "goal"],
        templates: [
          "Vegetarian; aiming for {n} grams of protein more per day.",
          "Allergic to {food}; meal plans must exclude it entirely.",
          "Drinks coffee only before noon after noticing it affects sleep.",
        ],
      },
      {
        component: "workouts",
        tags: ["exercise", "goal", "injury"],
        templates: [
          "Training for a {n} km run in {city}; currently runs three times a week.",
          "Recovering from a knee injury; avoid jumping exercises for now.",
          "Prefers short strength sessions of {n} minutes at home on {weekday}.",
        ],
      },
      {
        component: "check-ins",
        tags: ["check-in", "mood", "follow-up"],
        templates: [
          "Weekly check-in on {weekday}: energy up, stress from work still high.",
          "Missed {n} planned workouts this week because of travel to {city}.",
        ],
      },
    ],
  },
  {
    id: "sales-assistant",
    users: ["victor.l", "wendy.z", "xavier.p", "yara.m", "zoe.k"],
    topics: [
      {
        component: "crm-sync",
        tags: ["crm", "account", "deal"],
        templates: [
          "Deal with {company} moved to negotiation; expected close in {n} weeks.",
          "Primary contact at {company} is {person}; decision maker is their CFO.",
          "{company} renewal is due on {weekday} of the last week of the quarter.",
        ],
      },
      {
        component: "email-drafts",
        tags: ["email", "tone", "preference"],
        templates: [
          "Prefers follow-up emails under {n} sentences with one clear call to action.",
          "Signs emails with first name only; avoids exclamation marks.",
          "Asked to write to {company} in a formal tone and to mention the {product}.",
        ],
      },
      {
        component: "meetings",
        tags: ["meeting", "follow-up", "schedule"],
        templates: [
          "Demo for {company} scheduled on {weekday} at {time}; {person} will join.",
          "No meetings before {time}; Fridays are kept free for deep work.",
          "Meeting notes: {company} wants SSO and audit logs before signing.",
        ],
      },
      {
        component: "pipeline",
        tags: ["forecast", "pipeline", "deal"],
        templates: [
          "Quarterly target is {n} new accounts; currently at half of it.",
          "Flagged {company} as at risk after {n} weeks without a reply.",
        ],
      },
    ],
  },
];

export const DEMO_PROJECT_IDS: readonly string[] = PROJECTS.map((p) => p.id);

const CHANNELS = ["chat", "email", "api", "voice", "import"] as const;
const MEMORY_TYPES = ["episodic", "semantic", "preference", "procedural"] as const;
const GENERAL_TAGS = ["important", "follow-up", "fact", "decision", "preference"];

/** Every demo memory, in insertion order. Same output on every call. */
export function demoMemories(): DemoMemory[] {
  const rng = seededRandom(20261101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const out: DemoMemory[] = [];

  for (const project of PROJECTS) {
    project.users.forEach((userId, userIndex) => {
      // The first two users of each project are the busy ones.
      const count = userIndex < 2 ? 220 + Math.floor(rng() * 180) : 15 + Math.floor(rng() * 90);
      for (let i = 0; i < count; i++) {
        const topic = pick(project.topics);
        const content = pick(topic.templates).replace(/\{(\w+)\}/g, (_, slot: string) => pick(FILL[slot] ?? [slot]));
        const tags = new Set<string>([pick(topic.tags)]);
        if (rng() < 0.6) tags.add(pick(topic.tags));
        if (rng() < 0.3) tags.add(pick(GENERAL_TAGS));
        // Skewed towards recent days, as real usage grows.
        const ageDays = SPAN_DAYS * rng() ** 1.7;
        const createdAt = new Date(DEMO_ANCHOR.getTime() - Math.floor(ageDays * DAY));
        const edited = rng() < 0.15;
        const updatedAt = edited
          ? new Date(Math.min(DEMO_ANCHOR.getTime(), createdAt.getTime() + Math.floor(rng() * 20 * DAY)))
          : createdAt;
        const rawData: Record<string, unknown> = {
          content,
          tags: [...tags],
          component: topic.component,
          memory_type: pick(MEMORY_TYPES),
          importance: Math.round((0.2 + rng() * 0.8) * 100) / 100,
          source: {
            channel: pick(CHANNELS),
            conversation_id: `conv_${Math.floor(rng() * 1e8)
              .toString(16)
              .padStart(7, "0")}`,
            turn: 1 + Math.floor(rng() * 40),
          },
          entities: extractEntities(content),
          meta: { language: "en", confidence: Math.round((0.5 + rng() * 0.5) * 100) / 100, pii: rng() < 0.05 },
        };
        if (rng() < 0.1) rawData.expires_at = new Date(createdAt.getTime() + 90 * DAY).toISOString();
        out.push({ projectId: project.id, userId, rawData, createdAt, updatedAt, embed: rng() >= 0.07 });
      }
    });
  }
  return out;
}

function extractEntities(content: string): { type: string; value: string }[] {
  const types: Record<string, string> = {
    person: "person",
    city: "place",
    company: "organization",
    product: "product",
    lang: "technology",
  };
  const found: { type: string; value: string }[] = [];
  for (const [slot, type] of Object.entries(types)) {
    for (const value of FILL[slot] ?? []) if (content.includes(value)) found.push({ type, value });
  }
  return found;
}
