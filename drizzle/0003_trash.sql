CREATE TABLE "memory_logs_trash" (
	"trash_id" bigserial PRIMARY KEY NOT NULL,
	"id" integer NOT NULL,
	"user_id" varchar(255) NOT NULL,
	"project_id" varchar(255) NOT NULL,
	"raw_data" jsonb NOT NULL,
	"embedding" vector(768),
	"created_at" timestamp,
	"updated_at" timestamp,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_by" text,
	"reason" text NOT NULL,
	"operation" uuid NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idx_memory_logs_trash_tenant" ON "memory_logs_trash" USING btree ("user_id","project_id","deleted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_memory_logs_trash_operation" ON "memory_logs_trash" USING btree ("operation");--> statement-breakpoint
CREATE INDEX "idx_memory_logs_trash_deleted_at" ON "memory_logs_trash" USING btree ("deleted_at");