import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  char,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { jsonbText } from "./json-text";
import { vector } from "./vector";

/**
 * A memory's content, tags, component and whatever else the writer stored: a JSON object, as the
 * database's own text (see db/json-text.ts).
 */
export type RawData = string;

/** `memory_logs`, column for column and index for index as in the data specification. */
export const memoryLogs = pgTable(
  "memory_logs",
  {
    id: serial("id").primaryKey(),
    userId: varchar("user_id", { length: 255 }).notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    rawData: jsonbText("raw_data").notNull(),
    embedding: vector("embedding", { dimensions: 768 }),
    createdAt: timestamp("created_at").defaultNow(),
    updatedAt: timestamp("updated_at").defaultNow(),
  },
  (t) => [
    index("idx_memory_logs_user_project").on(t.userId, t.projectId),
    index("idx_memory_logs_created_at").on(t.createdAt.desc().nullsFirst()),
    index("idx_memory_logs_embedding").using("ivfflat", t.embedding.op("vector_l2_ops")).with({ lists: 100 }),
  ],
);

export type MemoryLog = typeof memoryLogs.$inferSelect;
export type NewMemoryLog = typeof memoryLogs.$inferInsert;

/**
 * The app's trash: deleted memories, column for column, with when, by whom, why and in which
 * delete operation. Deleting moves rows here in the same transaction; restoring moves them back
 * unchanged. memory_logs itself keeps exactly the specification's schema.
 */
export const memoryLogsTrash = pgTable(
  "memory_logs_trash",
  {
    trashId: bigserial("trash_id", { mode: "number" }).primaryKey(),
    id: integer("id").notNull(),
    userId: varchar("user_id", { length: 255 }).notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    rawData: jsonbText("raw_data").notNull(),
    embedding: vector("embedding", { dimensions: 768 }),
    createdAt: timestamp("created_at"),
    updatedAt: timestamp("updated_at"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }).defaultNow().notNull(),
    deletedBy: text("deleted_by"),
    reason: text("reason").notNull(),
    operation: uuid("operation").notNull(),
    /** The embedder of the vector when it was deleted (memory_embedders), put back with it. */
    embedder: text("embedder"),
  },
  (t) => [
    index("idx_memory_logs_trash_tenant").on(t.userId, t.projectId, t.deletedAt.desc()),
    index("idx_memory_logs_trash_operation").on(t.operation),
    index("idx_memory_logs_trash_deleted_at").on(t.deletedAt),
  ],
);

export type TrashedMemory = typeof memoryLogsTrash.$inferSelect;

/**
 * What each import created: the ids it inserted into a tenant, all of them (the audit log keeps at
 * most 10,000), so Undo and "Revert import" can move exactly those rows to the trash.
 */
export const memoryImports = pgTable(
  "memory_imports",
  {
    id: uuid("id").primaryKey(),
    userId: varchar("user_id", { length: 255 }).notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    memoryIds: integer("memory_ids").array().notNull(),
    importedBy: text("imported_by"),
    importedAt: timestamp("imported_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index("idx_memory_imports_tenant").on(t.userId, t.projectId, t.importedAt.desc())],
);

/**
 * Every memory's earlier versions: the row exactly as it was before an update or a delete replaced
 * it, kept by a trigger on memory_logs (migration 0013) whoever wrote, the agent's own SQL included.
 * `actor`, `operation` and `embedder` are what the app said of its own statement (transaction-local
 * settings, db/write-context.ts); null when the change came from outside the dashboard.
 */
export const memoryVersions = pgTable(
  "memory_versions",
  {
    versionId: bigserial("version_id", { mode: "number" }).primaryKey(),
    memoryId: integer("memory_id").notNull(),
    userId: varchar("user_id", { length: 255 }).notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    rawData: jsonbText("raw_data").notNull(),
    embedding: vector("embedding", { dimensions: 768 }),
    createdAt: timestamp("created_at"),
    updatedAt: timestamp("updated_at"),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).defaultNow().notNull(),
    /** 'u': an update replaced it; 'd': a delete removed it. */
    change: char("change", { length: 1 }).notNull(),
    actor: text("actor"),
    operation: uuid("operation"),
    /** The embedder and model of the vector that replaced this one, when the app made it. */
    embedder: text("embedder"),
    /** The embedder that made this version's own vector, when the app knew it (memory_embedders). */
    vectorEmbedder: text("vector_embedder"),
    /** For a deleted version: when the app put the memory back from the trash, and who did. */
    restoredAt: timestamp("restored_at", { withTimezone: true }),
    restoredBy: text("restored_by"),
  },
  (t) => [
    index("idx_memory_versions_memory").on(t.userId, t.projectId, t.memoryId, t.versionId.desc()),
    index("idx_memory_versions_operation").on(t.userId, t.projectId, t.operation),
    // A project's history at a glance (its page), and the daily purge's scan by age.
    index("idx_memory_versions_project").on(t.projectId, t.replacedAt),
  ],
);

/**
 * Per-tenant totals of memory_logs, kept by statement triggers (migration 0007) in the same
 * transaction as every insert, update, delete and truncate, so overviews, unfiltered totals and
 * facets read a few rows instead of counting a tenant's (or the whole table's) memories.
 */
export const memoryTenantStats = pgTable(
  "memory_tenant_stats",
  {
    userId: varchar("user_id", { length: 255 }).notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    memories: bigint("memories", { mode: "number" }).notNull(),
    embedded: bigint("embedded", { mode: "number" }).notNull(),
    /** Embeddings of length 1 (within 1e-4): when all are, L2 and cosine order them alike (migration 0015). */
    unitEmbedded: bigint("unit_embedded", { mode: "number" }).notNull().default(0),
    latestAt: timestamp("latest_at"),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.projectId] }),
    index("idx_memory_tenant_stats_project").on(t.projectId, t.memories.desc()),
  ],
);

/** How many memories of a tenant carry each tag (kind 't') and component (kind 'c'), kept like memory_tenant_stats. */
export const memoryTenantFacets = pgTable(
  "memory_tenant_facets",
  {
    userId: varchar("user_id", { length: 255 }).notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    kind: char("kind", { length: 1 }).$type<"t" | "c">().notNull(),
    value: text("value").notNull(),
    memories: bigint("memories", { mode: "number" }).notNull(),
  },
  (t) => [
    // Tags are any text: the key hashes the value so a long tag never breaks a write to memory_logs.
    uniqueIndex("uq_memory_tenant_facets").on(t.userId, t.projectId, t.kind, sql`md5(${t.value})`),
    index("idx_memory_tenant_facets_top").on(t.userId, t.projectId, t.kind, t.memories.desc()),
  ],
);

/** Every change made through the dashboard: who, what, which tenant, which ids or how many, and when. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).defaultNow().notNull(),
    actor: text("actor"),
    action: text("action").notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    userId: varchar("user_id", { length: 255 }).notNull(),
    memoryIds: integer("memory_ids").array(),
    count: integer("count").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("idx_audit_log_at").on(t.at.desc()),
    index("idx_audit_log_tenant").on(t.projectId, t.userId, t.at.desc()),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;

// --- Accounts and access: the app's own tables (Better Auth's core four, then grants and tokens).

export const authUser = pgTable("auth_user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  /** Set while an admin has disabled the account: no sign-in, no session, no API token. */
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  disabledBy: text("disabled_by"),
});

export const authSession = pgTable(
  "auth_session",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => authUser.id, { onDelete: "cascade" }),
  },
  (t) => [index("idx_auth_session_user").on(t.userId)],
);

export const authAccount = pgTable(
  "auth_account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => authUser.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index("idx_auth_account_user").on(t.userId)],
);

export const authVerification = pgTable("auth_verification", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
});

export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** A role for one user on one project, or on every project when `project_id` is null. */
export const accessGrants = pgTable(
  "access_grants",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => authUser.id, { onDelete: "cascade" }),
    projectId: varchar("project_id", { length: 255 }),
    role: text("role").$type<Role>().notNull(),
    grantedBy: text("granted_by"),
    grantedAt: timestamp("granted_at", { withTimezone: true }).defaultNow().notNull(),
  },
  // One grant per user and project (or "all"): granting again changes the role.
  (t) => [uniqueIndex("uq_access_grants_user_project").on(t.userId, sql`coalesce(${t.projectId}, '')`)],
);

/** API tokens: only a SHA-256 of the token is kept; the token itself is shown once. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => authUser.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("idx_api_tokens_user").on(t.userId)],
);

/** Small settings the app keeps for itself, such as the secret that signs session cookies. */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Searches named for a project: which user they search and the search page's parameters (query,
 * mode, metric, k, filters) as its link holds them, so running one is opening that link.
 */
export const savedSearches = pgTable(
  "saved_searches",
  {
    id: serial("id").primaryKey(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    userId: varchar("user_id", { length: 255 }).notNull(),
    name: varchar("name", { length: 120 }).notNull(),
    params: text("params").notNull(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [uniqueIndex("idx_saved_searches_project_name").on(t.projectId, t.name)],
);

/**
 * What each tenant's own HNSW index was measured to return: recall@10 against an exact scan on a
 * sample of the tenant's memories, at the smallest ef_search that reached the target (null: none
 * did, so its searches are exact), and the tenant's embedded count then, to tell when it is stale.
 */
export const vectorIndexRecall = pgTable(
  "vector_index_recall",
  {
    userId: varchar("user_id", { length: 255 }).notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    indexName: text("index_name").notNull(),
    /** The index measured: a rebuilt index (same name, new oid) has not been measured. */
    indexOid: bigint("index_oid", { mode: "number" }).notNull(),
    efSearch: integer("ef_search"),
    recall: doublePrecision("recall").notNull(),
    target: doublePrecision("target").notNull(),
    sample: integer("sample").notNull(),
    embeddedAt: bigint("embedded_at", { mode: "number" }).notNull(),
    measuredAt: timestamp("measured_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.projectId] })],
);

/**
 * Which embedder and model wrote each memory's current vector ("local · hashing-ngram-v1"), when
 * the app wrote it. Kept beside memory_logs, never in it: the app records its own inserts, and
 * migration 0019's trigger records its updates and forgets a vector changed by anyone else.
 */
export const memoryEmbedders = pgTable(
  "memory_embedders",
  {
    memoryId: integer("memory_id").primaryKey(),
    userId: varchar("user_id", { length: 255 }).notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    embedder: text("embedder").notNull(),
  },
  (t) => [index("idx_memory_embedders_tenant").on(t.userId, t.projectId, t.embedder)],
);

export const JOB_STATES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * Long work of the app (lib/jobs): one row per job, its progress and where it stopped, so a job
 * left running by a crash is picked up again where it stopped. At most one queued or running job
 * per kind and tenant.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    userId: varchar("user_id", { length: 255 }).notNull(),
    state: text("state").$type<JobState>().notNull().default("queued"),
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    /** Where the job stopped, as its kind understands it. */
    cursor: jsonb("cursor").$type<unknown>(),
    done: bigint("done", { mode: "number" }).notNull().default(0),
    total: bigint("total", { mode: "number" }),
    error: text("error"),
    /** The audit log's operation of the job's writes, so all of them can be reverted at once. */
    operation: uuid("operation").notNull(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    /** When the current run claimed the job, and its `done` then: the rate of this run. */
    runStartedAt: timestamp("run_started_at", { withTimezone: true }),
    runStartDone: bigint("run_start_done", { mode: "number" }).notNull().default(0),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
  },
  (t) => [
    uniqueIndex("idx_jobs_one_active").on(t.kind, t.projectId, t.userId).where(sql`state in ('queued', 'running')`),
    index("idx_jobs_project").on(t.projectId, t.createdAt.desc()),
    index("idx_jobs_pending").on(t.state, t.id),
  ],
);

export type Job = typeof jobs.$inferSelect;
