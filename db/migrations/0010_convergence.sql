CREATE TYPE "public"."contact_status" AS ENUM('pending', 'accepted', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."digest_section" AS ENUM('consensus', 'controversy', 'open_question');--> statement-breakpoint
CREATE TYPE "public"."digest_status" AS ENUM('draft', 'published');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'digest_published';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'contact_request';--> statement-breakpoint
CREATE TABLE "contact_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"theme_id" uuid NOT NULL,
	"from_id" uuid NOT NULL,
	"to_id" uuid NOT NULL,
	"status" "contact_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "contact_requests_pair_key" UNIQUE("theme_id","from_id","to_id")
);
--> statement-breakpoint
CREATE TABLE "digest_citations" (
	"point_id" uuid NOT NULL,
	"comment_id" uuid NOT NULL,
	"cited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_citations_point_id_comment_id_pk" PRIMARY KEY("point_id","comment_id")
);
--> statement-breakpoint
CREATE TABLE "digest_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"digest_id" uuid NOT NULL,
	"section" "digest_section" NOT NULL,
	"position" integer NOT NULL,
	"body" text NOT NULL,
	"evidence_statement_id" uuid,
	"carried_from_id" uuid
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paper_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "digest_status" DEFAULT 'draft' NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "digests_paper_version_key" UNIQUE("paper_id","version")
);
--> statement-breakpoint
CREATE TABLE "map_findable" (
	"theme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "map_findable_theme_id_user_id_pk" PRIMARY KEY("theme_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "map_points" (
	"map_version_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"x" double precision NOT NULL,
	"y" double precision NOT NULL,
	"group_key" text,
	"votes" integer NOT NULL,
	"agrees_with_everything" boolean DEFAULT false NOT NULL,
	CONSTRAINT "map_points_map_version_id_user_id_pk" PRIMARY KEY("map_version_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "map_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"theme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"participant_count" integer NOT NULL,
	"vote_count" integer NOT NULL,
	"statement_count" integer NOT NULL,
	"group_count" integer NOT NULL,
	"silhouette" double precision,
	"data" jsonb NOT NULL,
	"timings" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "map_versions_theme_version_key" UNIQUE("theme_id","version")
);
--> statement-breakpoint
CREATE TABLE "statement_votes" (
	"statement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"value" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statement_votes_statement_id_user_id_pk" PRIMARY KEY("statement_id","user_id"),
	CONSTRAINT "statement_votes_value_check" CHECK ("statement_votes"."value" in (-1, 0, 1))
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"theme_id" uuid NOT NULL,
	"paper_id" uuid,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"hidden_by" uuid
);
--> statement-breakpoint
ALTER TABLE "contact_requests" ADD CONSTRAINT "contact_requests_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_requests" ADD CONSTRAINT "contact_requests_from_id_users_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_requests" ADD CONSTRAINT "contact_requests_to_id_users_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_citations" ADD CONSTRAINT "digest_citations_point_id_digest_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."digest_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_citations" ADD CONSTRAINT "digest_citations_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_points" ADD CONSTRAINT "digest_points_digest_id_digests_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."digests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_points" ADD CONSTRAINT "digest_points_evidence_statement_id_statements_id_fk" FOREIGN KEY ("evidence_statement_id") REFERENCES "public"."statements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_findable" ADD CONSTRAINT "map_findable_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_findable" ADD CONSTRAINT "map_findable_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_points" ADD CONSTRAINT "map_points_map_version_id_map_versions_id_fk" FOREIGN KEY ("map_version_id") REFERENCES "public"."map_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_points" ADD CONSTRAINT "map_points_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_versions" ADD CONSTRAINT "map_versions_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_votes" ADD CONSTRAINT "statement_votes_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_votes" ADD CONSTRAINT "statement_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_votes" ADD CONSTRAINT "statement_votes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_requests_to_idx" ON "contact_requests" USING btree ("to_id","status");--> statement-breakpoint
CREATE INDEX "digest_citations_comment_idx" ON "digest_citations" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "digest_points_digest_idx" ON "digest_points" USING btree ("digest_id","section","position");--> statement-breakpoint
CREATE INDEX "statement_votes_theme_idx" ON "statement_votes" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "statement_votes_user_idx" ON "statement_votes" USING btree ("user_id","theme_id");--> statement-breakpoint
CREATE INDEX "statements_theme_idx" ON "statements" USING btree ("theme_id","created_at");