CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"project_id" varchar(255) NOT NULL,
	"user_id" varchar(255) NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"params" jsonb NOT NULL,
	"cursor" jsonb,
	"done" bigint DEFAULT 0 NOT NULL,
	"total" bigint,
	"error" text,
	"operation" uuid NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"run_started_at" timestamp with time zone,
	"run_start_done" bigint DEFAULT 0 NOT NULL,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"cancel_requested" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memory_embedders" (
	"memory_id" integer PRIMARY KEY NOT NULL,
	"user_id" varchar(255) NOT NULL,
	"project_id" varchar(255) NOT NULL,
	"embedder" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memory_logs_trash" ADD COLUMN "embedder" text;--> statement-breakpoint
ALTER TABLE "memory_versions" ADD COLUMN "vector_embedder" text;--> statement-breakpoint
CREATE UNIQUE INDEX "idx_jobs_one_active" ON "jobs" USING btree ("kind","project_id","user_id") WHERE state in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "idx_jobs_project" ON "jobs" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_jobs_pending" ON "jobs" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "idx_memory_embedders_tenant" ON "memory_embedders" USING btree ("user_id","project_id","embedder");--> statement-breakpoint
-- Migration 0013's trigger, now also keeping memory_embedders true: a vector the app writes names
-- its embedder (semantix.embedder, db/write-context.ts); a vector changed by anyone else has no
-- known embedder any more. A version keeps the embedder of its own vector, so a revert or restore
-- can name it again. memory_embedders is kept even when history is off.
CREATE OR REPLACE FUNCTION memory_versions_keep() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  keep boolean := NOT EXISTS (SELECT 1 FROM app_settings WHERE key = 'memory_history' AND value = 'off');
  writer text := nullif(current_setting('semantix.embedder', true), '');
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF keep THEN
      INSERT INTO memory_versions (memory_id, user_id, project_id, raw_data, embedding, created_at, updated_at, change, actor, operation, embedder, vector_embedder)
      SELECT o.id, o.user_id, o.project_id, o.raw_data, o.embedding, o.created_at, o.updated_at, 'u',
             nullif(current_setting('semantix.actor', true), ''),
             nullif(current_setting('semantix.operation', true), '')::uuid,
             CASE WHEN o.embedding IS DISTINCT FROM n.embedding THEN writer END,
             e.embedder
        FROM memory_versions_old o JOIN memory_versions_new n ON n.id = o.id
        LEFT JOIN memory_embedders e ON e.memory_id = o.id
       WHERE (o.user_id, o.project_id, o.raw_data, o.embedding, o.created_at, o.updated_at)
             IS DISTINCT FROM (n.user_id, n.project_id, n.raw_data, n.embedding, n.created_at, n.updated_at)
       ORDER BY o.id;
    END IF;
    DELETE FROM memory_embedders e
     USING memory_versions_old o JOIN memory_versions_new n ON n.id = o.id
     WHERE e.memory_id = o.id
       AND (o.embedding IS DISTINCT FROM n.embedding OR (o.user_id, o.project_id) IS DISTINCT FROM (n.user_id, n.project_id));
    IF writer IS NOT NULL THEN
      INSERT INTO memory_embedders (memory_id, user_id, project_id, embedder)
      SELECT n.id, n.user_id, n.project_id, writer
        FROM memory_versions_old o JOIN memory_versions_new n ON n.id = o.id
       WHERE o.embedding IS DISTINCT FROM n.embedding AND n.embedding IS NOT NULL
      ON CONFLICT (memory_id) DO UPDATE SET user_id = excluded.user_id, project_id = excluded.project_id, embedder = excluded.embedder;
    END IF;
  ELSE
    IF keep THEN
      INSERT INTO memory_versions (memory_id, user_id, project_id, raw_data, embedding, created_at, updated_at, change, actor, operation, vector_embedder)
      SELECT o.id, o.user_id, o.project_id, o.raw_data, o.embedding, o.created_at, o.updated_at, 'd',
             nullif(current_setting('semantix.actor', true), ''),
             nullif(current_setting('semantix.operation', true), '')::uuid,
             e.embedder
        FROM memory_versions_old o
        LEFT JOIN memory_embedders e ON e.memory_id = o.id
       ORDER BY o.id;
    END IF;
    DELETE FROM memory_embedders e USING memory_versions_old o WHERE e.memory_id = o.id;
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION memory_embedders_truncate() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  TRUNCATE memory_embedders;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS memory_embedders_truncate ON memory_logs;
--> statement-breakpoint
CREATE TRIGGER memory_embedders_truncate AFTER TRUNCATE ON memory_logs
  FOR EACH STATEMENT EXECUTE FUNCTION memory_embedders_truncate();
