ALTER TABLE "memory_versions" ADD COLUMN "restored_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memory_versions" ADD COLUMN "restored_by" text;