CREATE TABLE "vector_index_recall" (
	"user_id" varchar(255) NOT NULL,
	"project_id" varchar(255) NOT NULL,
	"index_name" text NOT NULL,
	"index_oid" bigint NOT NULL,
	"ef_search" integer,
	"recall" double precision NOT NULL,
	"target" double precision NOT NULL,
	"sample" integer NOT NULL,
	"embedded_at" bigint NOT NULL,
	"measured_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vector_index_recall_user_id_project_id_pk" PRIMARY KEY("user_id","project_id")
);
