CREATE TYPE "public"."appeal_outcome" AS ENUM('restore', 'uphold', 'amend');--> statement-breakpoint
CREATE TYPE "public"."appeal_status" AS ENUM('awaiting_panel', 'panel_drawn', 'decided');--> statement-breakpoint
CREATE TYPE "public"."appeal_subject" AS ENUM('comment', 'paper', 'suspension');--> statement-breakpoint
CREATE TYPE "public"."draw_purpose" AS ENUM('council', 'appeal_panel');--> statement-breakpoint
CREATE TYPE "public"."draw_status" AS ENUM('announced', 'drawn', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."petition_status" AS ENUM('open', 'succeeded', 'expired');--> statement-breakpoint
CREATE TABLE "appeal_votes" (
	"appeal_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"outcome" "appeal_outcome" NOT NULL,
	"findings" text NOT NULL,
	"remedy" text,
	"voted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeal_votes_appeal_id_user_id_pk" PRIMARY KEY("appeal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appellant_id" uuid NOT NULL,
	"subject" "appeal_subject" NOT NULL,
	"subject_id" uuid NOT NULL,
	"audit_entry_id" bigint,
	"moderator_id" uuid,
	"acted_at" timestamp with time zone NOT NULL,
	"act_reason" text,
	"statement" text NOT NULL,
	"status" "appeal_status" DEFAULT 'awaiting_panel' NOT NULL,
	"panel_draw_id" uuid,
	"outcome" "appeal_outcome",
	"findings" text,
	"remedy" text,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "council_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" "draw_purpose" DEFAULT 'council' NOT NULL,
	"status" "draw_status" DEFAULT 'announced' NOT NULL,
	"title" text NOT NULL,
	"seats" integer NOT NULL,
	"quotas" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"term_days" integer NOT NULL,
	"announcement" jsonb NOT NULL,
	"announcement_hash" text NOT NULL,
	"seed" text NOT NULL,
	"result" jsonb,
	"draw_not_before" timestamp with time zone NOT NULL,
	"announced_by" uuid,
	"announced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"drawn_by" uuid,
	"drawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "council_seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draw_id" uuid NOT NULL,
	"pool_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"role_grant_id" uuid,
	"from_reserve" boolean DEFAULT false NOT NULL,
	"seated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"term_ends_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "council_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"active_days" integer DEFAULT 90 NOT NULL,
	"recall_min_signatures" integer DEFAULT 25 NOT NULL,
	"recall_share_percent" real DEFAULT 5 NOT NULL,
	"recall_window_days" integer DEFAULT 30 NOT NULL,
	"recall_cooldown_days" integer DEFAULT 180 NOT NULL,
	"max_open_petitions_per_member" integer DEFAULT 3 NOT NULL,
	"appeal_window_days" integer DEFAULT 183 NOT NULL,
	"appeal_panel_size" integer DEFAULT 3 NOT NULL,
	"council_term_days" integer DEFAULT 365 NOT NULL,
	"pool_categories" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "draw_entries" (
	"draw_id" uuid NOT NULL,
	"pool_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"secret" text NOT NULL,
	CONSTRAINT "draw_entries_draw_id_pool_id_pk" PRIMARY KEY("draw_id","pool_id")
);
--> statement-breakpoint
CREATE TABLE "member_activity" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pool_volunteers" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"categories" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recall_petitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_user_id" uuid NOT NULL,
	"role" "granted_role" NOT NULL,
	"theme_id" uuid,
	"opened_by" uuid,
	"reason" text NOT NULL,
	"status" "petition_status" DEFAULT 'open' NOT NULL,
	"signature_count" integer DEFAULT 0 NOT NULL,
	"threshold_at_close" integer,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recall_signatures" (
	"petition_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recall_signatures_petition_id_user_id_pk" PRIMARY KEY("petition_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "appeal_votes" ADD CONSTRAINT "appeal_votes_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_votes" ADD CONSTRAINT "appeal_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_appellant_id_users_id_fk" FOREIGN KEY ("appellant_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_moderator_id_users_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_panel_draw_id_council_draws_id_fk" FOREIGN KEY ("panel_draw_id") REFERENCES "public"."council_draws"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_draws" ADD CONSTRAINT "council_draws_announced_by_users_id_fk" FOREIGN KEY ("announced_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_draws" ADD CONSTRAINT "council_draws_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_seats" ADD CONSTRAINT "council_seats_draw_id_council_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."council_draws"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_seats" ADD CONSTRAINT "council_seats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_seats" ADD CONSTRAINT "council_seats_role_grant_id_role_grants_id_fk" FOREIGN KEY ("role_grant_id") REFERENCES "public"."role_grants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_settings" ADD CONSTRAINT "council_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_entries" ADD CONSTRAINT "draw_entries_draw_id_council_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."council_draws"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_entries" ADD CONSTRAINT "draw_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_activity" ADD CONSTRAINT "member_activity_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_volunteers" ADD CONSTRAINT "pool_volunteers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_petitions" ADD CONSTRAINT "recall_petitions_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_petitions" ADD CONSTRAINT "recall_petitions_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_petitions" ADD CONSTRAINT "recall_petitions_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_signatures" ADD CONSTRAINT "recall_signatures_petition_id_recall_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."recall_petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_signatures" ADD CONSTRAINT "recall_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeals_appellant_idx" ON "appeals" USING btree ("appellant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_one_per_act" ON "appeals" USING btree ("subject","subject_id","acted_at");--> statement-breakpoint
CREATE INDEX "council_draws_announced_idx" ON "council_draws" USING btree ("announced_at");--> statement-breakpoint
CREATE INDEX "council_seats_draw_idx" ON "council_seats" USING btree ("draw_id");--> statement-breakpoint
CREATE INDEX "council_seats_user_idx" ON "council_seats" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "draw_entries_user_unique" ON "draw_entries" USING btree ("draw_id","user_id");--> statement-breakpoint
CREATE INDEX "recall_petitions_target_idx" ON "recall_petitions" USING btree ("target_user_id","role","opened_at");--> statement-breakpoint
CREATE INDEX "recall_petitions_open_idx" ON "recall_petitions" USING btree ("closes_at") WHERE "recall_petitions"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "recall_petitions_one_open" ON "recall_petitions" USING btree ("target_user_id","role",coalesce("theme_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "recall_petitions"."status" = 'open';