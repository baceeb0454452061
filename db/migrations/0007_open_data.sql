CREATE TABLE "open_data_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tier" text DEFAULT 'public' NOT NULL,
	"exported_at" timestamp with time zone NOT NULL,
	"bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"records" bigint NOT NULL,
	"content" "bytea" NOT NULL
);
