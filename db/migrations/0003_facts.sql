CREATE TYPE "public"."citation_source_type" AS ENUM('paper', 'response', 'synthesis', 'comment');--> statement-breakpoint
CREATE TYPE "public"."dispute_status" AS ENUM('open', 'upheld', 'amended', 'retracted');--> statement-breakpoint
CREATE TYPE "public"."fact_status" AS ENUM('proposed', 'accepted', 'rejected', 'retracted');--> statement-breakpoint
CREATE TYPE "public"."review_stance" AS ENUM('confirm', 'dispute');--> statement-breakpoint
CREATE TYPE "public"."source_kind" AS ENUM('official_statistics', 'peer_reviewed', 'reputable_press', 'advocacy_group', 'blog_social', 'other');--> statement-breakpoint
CREATE TABLE "dispute_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispute_id" uuid NOT NULL,
	"parent_id" uuid,
	"author_id" uuid,
	"body" text NOT NULL,
	"body_html" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fact_id" uuid NOT NULL,
	"fact_version" integer NOT NULL,
	"opened_by" uuid,
	"reason" text NOT NULL,
	"counter_source_url" text,
	"counter_source_title" text,
	"status" "dispute_status" DEFAULT 'open' NOT NULL,
	"resolution_reason" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_citations" (
	"fact_id" uuid NOT NULL,
	"source_type" "citation_source_type" NOT NULL,
	"source_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fact_citations_fact_id_source_type_source_id_pk" PRIMARY KEY("fact_id","source_type","source_id")
);
--> statement-breakpoint
CREATE TABLE "fact_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fact_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"stance" "review_stance" NOT NULL,
	"reason" text,
	"counter_source_url" text,
	"dispute_id" uuid,
	"fact_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fact_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"publisher" text NOT NULL,
	"published_on" date,
	"kind" "source_kind" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_themes" (
	"fact_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	CONSTRAINT "fact_themes_fact_id_theme_id_pk" PRIMARY KEY("fact_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "fact_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fact_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"statement" text NOT NULL,
	"figure_value" numeric,
	"figure_unit" text,
	"as_of" date,
	"period" text,
	"place" text,
	"time_sensitive" boolean DEFAULT true NOT NULL,
	"sources" jsonb NOT NULL,
	"theme_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_id" uuid,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement" text NOT NULL,
	"figure_value" numeric,
	"figure_unit" text,
	"as_of" date,
	"period" text,
	"place" text,
	"time_sensitive" boolean DEFAULT true NOT NULL,
	"status" "fact_status" DEFAULT 'proposed' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"hardness" integer DEFAULT 0 NOT NULL,
	"source_text" text DEFAULT '' NOT NULL,
	"proposed_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce("facts"."statement", '')), 'A') || setweight(to_tsvector('english', coalesce("facts"."figure_unit", '') || ' ' || coalesce("facts"."place", '')), 'B') || setweight(to_tsvector('english', coalesce("facts"."source_text", '')), 'C')) STORED
);
--> statement-breakpoint
ALTER TABLE "dispute_comments" ADD CONSTRAINT "dispute_comments_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_comments" ADD CONSTRAINT "dispute_comments_parent_id_dispute_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."dispute_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_comments" ADD CONSTRAINT "dispute_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_fact_id_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."facts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_citations" ADD CONSTRAINT "fact_citations_fact_id_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."facts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_reviews" ADD CONSTRAINT "fact_reviews_fact_id_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."facts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_reviews" ADD CONSTRAINT "fact_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_reviews" ADD CONSTRAINT "fact_reviews_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_sources" ADD CONSTRAINT "fact_sources_fact_id_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."facts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_themes" ADD CONSTRAINT "fact_themes_fact_id_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."facts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_themes" ADD CONSTRAINT "fact_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_versions" ADD CONSTRAINT "fact_versions_fact_id_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."facts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_versions" ADD CONSTRAINT "fact_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_comments_dispute_idx" ON "dispute_comments" USING btree ("dispute_id","created_at");--> statement-breakpoint
CREATE INDEX "disputes_fact_idx" ON "disputes" USING btree ("fact_id","status");--> statement-breakpoint
CREATE INDEX "disputes_status_idx" ON "disputes" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "fact_citations_source_idx" ON "fact_citations" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_reviews_fact_reviewer_unique" ON "fact_reviews" USING btree ("fact_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "fact_reviews_reviewer_idx" ON "fact_reviews" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "fact_sources_fact_idx" ON "fact_sources" USING btree ("fact_id","position");--> statement-breakpoint
CREATE INDEX "fact_sources_kind_idx" ON "fact_sources" USING btree ("kind","fact_id");--> statement-breakpoint
CREATE INDEX "fact_themes_theme_idx" ON "fact_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_versions_fact_number_unique" ON "fact_versions" USING btree ("fact_id","number");--> statement-breakpoint
CREATE INDEX "fact_words_trgm_idx" ON "fact_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "facts_search_idx" ON "facts" USING gin ("search");--> statement-breakpoint
CREATE INDEX "facts_statement_trgm_idx" ON "facts" USING gin ("statement" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "facts_status_hardness_idx" ON "facts" USING btree ("status","hardness");--> statement-breakpoint
CREATE INDEX "facts_proposed_by_idx" ON "facts" USING btree ("proposed_by");