CREATE TABLE "memory_versions" (
	"version_id" bigserial PRIMARY KEY NOT NULL,
	"memory_id" integer NOT NULL,
	"user_id" varchar(255) NOT NULL,
	"project_id" varchar(255) NOT NULL,
	"raw_data" jsonb NOT NULL,
	"embedding" vector(768),
	"created_at" timestamp,
	"updated_at" timestamp,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"change" char(1) NOT NULL,
	"actor" text,
	"operation" uuid,
	"embedder" text
);
--> statement-breakpoint
CREATE INDEX "idx_memory_versions_memory" ON "memory_versions" USING btree ("user_id","project_id","memory_id","version_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_memory_versions_operation" ON "memory_versions" USING btree ("user_id","project_id","operation");--> statement-breakpoint
CREATE INDEX "idx_memory_versions_project" ON "memory_versions" USING btree ("project_id","replaced_at");--> statement-breakpoint
-- Keeps the rows an UPDATE or DELETE of memory_logs replaced, whoever sent it. Statement triggers
-- with transition tables (as memory_tenant_stats does) write one INSERT per statement, not one per
-- row, which keeps a bulk re-embed's cost close to a plain update. An update that changed nothing
-- is no version. The app names itself in transaction-local settings (db/write-context.ts);
-- app_settings 'memory_history' = 'off' switches keeping off for the whole database.
CREATE OR REPLACE FUNCTION memory_versions_keep() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM app_settings WHERE key = 'memory_history' AND value = 'off') THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO memory_versions (memory_id, user_id, project_id, raw_data, embedding, created_at, updated_at, change, actor, operation, embedder)
    SELECT o.id, o.user_id, o.project_id, o.raw_data, o.embedding, o.created_at, o.updated_at, 'u',
           nullif(current_setting('semantix.actor', true), ''),
           nullif(current_setting('semantix.operation', true), '')::uuid,
           CASE WHEN o.embedding IS DISTINCT FROM n.embedding THEN nullif(current_setting('semantix.embedder', true), '') END
      FROM memory_versions_old o JOIN memory_versions_new n ON n.id = o.id
     WHERE (o.user_id, o.project_id, o.raw_data, o.embedding, o.created_at, o.updated_at)
           IS DISTINCT FROM (n.user_id, n.project_id, n.raw_data, n.embedding, n.created_at, n.updated_at)
     ORDER BY o.id;
  ELSE
    INSERT INTO memory_versions (memory_id, user_id, project_id, raw_data, embedding, created_at, updated_at, change, actor, operation)
    SELECT o.id, o.user_id, o.project_id, o.raw_data, o.embedding, o.created_at, o.updated_at, 'd',
           nullif(current_setting('semantix.actor', true), ''),
           nullif(current_setting('semantix.operation', true), '')::uuid
      FROM memory_versions_old o
     ORDER BY o.id;
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS memory_versions_on_update ON memory_logs;
--> statement-breakpoint
CREATE TRIGGER memory_versions_on_update AFTER UPDATE ON memory_logs
  REFERENCING OLD TABLE AS memory_versions_old NEW TABLE AS memory_versions_new
  FOR EACH STATEMENT EXECUTE FUNCTION memory_versions_keep();
--> statement-breakpoint
DROP TRIGGER IF EXISTS memory_versions_on_delete ON memory_logs;
--> statement-breakpoint
CREATE TRIGGER memory_versions_on_delete AFTER DELETE ON memory_logs
  REFERENCING OLD TABLE AS memory_versions_old
  FOR EACH STATEMENT EXECUTE FUNCTION memory_versions_keep();
