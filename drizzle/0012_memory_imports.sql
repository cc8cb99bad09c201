CREATE TABLE "memory_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" varchar(255) NOT NULL,
	"project_id" varchar(255) NOT NULL,
	"memory_ids" integer[] NOT NULL,
	"imported_by" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idx_memory_imports_tenant" ON "memory_imports" USING btree ("user_id","project_id","imported_at" DESC NULLS LAST);