import { bigserial, index, integer, jsonb, pgTable, serial, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { vector } from "./vector";

/** Any JSON object: a memory's content, tags, component and whatever else the writer stored. */
export type RawData = { [key: string]: unknown };

/** `memory_logs`, column for column and index for index as in the data specification. */
export const memoryLogs = pgTable(
  "memory_logs",
  {
    id: serial("id").primaryKey(),
    userId: varchar("user_id", { length: 255 }).notNull(),
    projectId: varchar("project_id", { length: 255 }).notNull(),
    rawData: jsonb("raw_data").$type<RawData>().notNull(),
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
    rawData: jsonb("raw_data").$type<RawData>().notNull(),
    embedding: vector("embedding", { dimensions: 768 }),
    createdAt: timestamp("created_at"),
    updatedAt: timestamp("updated_at"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }).defaultNow().notNull(),
    deletedBy: text("deleted_by"),
    reason: text("reason").notNull(),
    operation: uuid("operation").notNull(),
  },
  (t) => [
    index("idx_memory_logs_trash_tenant").on(t.userId, t.projectId, t.deletedAt.desc()),
    index("idx_memory_logs_trash_operation").on(t.operation),
    index("idx_memory_logs_trash_deleted_at").on(t.deletedAt),
  ],
);

export type TrashedMemory = typeof memoryLogsTrash.$inferSelect;

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
  (t) => [index("idx_audit_log_at").on(t.at.desc()), index("idx_audit_log_tenant").on(t.projectId, t.userId, t.at.desc())],
);

export type AuditEntry = typeof auditLog.$inferSelect;
