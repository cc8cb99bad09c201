-- IF NOT EXISTS everywhere: databases created with the specification's DDL already have this
-- table and these indexes, and adopting them must succeed without touching a row.
CREATE TABLE IF NOT EXISTS "memory_logs" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" varchar(255) NOT NULL,
	"project_id" varchar(255) NOT NULL,
	"raw_data" jsonb NOT NULL,
	"embedding" vector(768),
	"created_at" timestamp DEFAULT now(),
	"updated_at" timestamp DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_memory_logs_user_project" ON "memory_logs" USING btree ("user_id","project_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_memory_logs_created_at" ON "memory_logs" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_memory_logs_embedding" ON "memory_logs" USING ivfflat ("embedding" vector_l2_ops) WITH (lists=100);
