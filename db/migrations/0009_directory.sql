CREATE TYPE "public"."directory_visibility" AS ENUM('only_me', 'council_curators', 'members', 'public');--> statement-breakpoint
CREATE TYPE "public"."help_outcome" AS ENUM('met', 'partly_met', 'not_met', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."help_request_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."help_invitation_status" AS ENUM('pending', 'yes', 'no', 'later', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."anecdote_role" AS ENUM('subject', 'witness');--> statement-breakpoint
CREATE TYPE "public"."anecdote_status" AS ENUM('submitted', 'changes_requested', 'accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."anecdote_use_kind" AS ENUM('response_quote', 'press_pack');--> statement-breakpoint
CREATE TYPE "public"."consent_change" AS ENUM('grant', 'lower', 'withdraw', 'expire');--> statement-breakpoint
CREATE TYPE "public"."consent_level" AS ENUM('withdrawn', 'internal', 'anonymous', 'named');--> statement-breakpoint
CREATE TYPE "public"."redaction_status" AS ENUM('none', 'proposed', 'approved', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'help_invitation';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'story_update';--> statement-breakpoint
CREATE TABLE "directory_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"listed" boolean DEFAULT true NOT NULL,
	"name_visibility" "directory_visibility" DEFAULT 'only_me' NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills_visibility" "directory_visibility" DEFAULT 'only_me' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags_visibility" "directory_visibility" DEFAULT 'only_me' NOT NULL,
	"tags_text" text DEFAULT '' NOT NULL,
	"interests" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"interests_visibility" "directory_visibility" DEFAULT 'only_me' NOT NULL,
	"hours_per_month" integer,
	"hours_visibility" "directory_visibility" DEFAULT 'only_me' NOT NULL,
	"region" text,
	"region_visibility" "directory_visibility" DEFAULT 'only_me' NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages_visibility" "directory_visibility" DEFAULT 'only_me' NOT NULL,
	"contact_preference" text,
	"contact_visibility" "directory_visibility" DEFAULT 'only_me' NOT NULL,
	"bio" text,
	"bio_visibility" "directory_visibility" DEFAULT 'only_me' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_profiles_hours_range" CHECK ("directory_profiles"."hours_per_month" is null or "directory_profiles"."hours_per_month" between 0 and 200)
);
--> statement-breakpoint
CREATE TABLE "directory_search_hits" (
	"search_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "directory_search_hits_search_id_member_id_pk" PRIMARY KEY("search_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "directory_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"searcher_id" uuid,
	"filters" jsonb NOT NULL,
	"result_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"invitee_id" uuid NOT NULL,
	"invited_by" uuid,
	"status" "help_invitation_status" DEFAULT 'pending' NOT NULL,
	"hours_committed" integer DEFAULT 0 NOT NULL,
	"note" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_id" uuid,
	"theme_id" uuid,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"hours_needed" integer NOT NULL,
	"region" text,
	"remote" boolean DEFAULT false NOT NULL,
	"deadline" date NOT NULL,
	"status" "help_request_status" DEFAULT 'open' NOT NULL,
	"outcome" "help_outcome",
	"outcome_note" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_a" uuid NOT NULL,
	"member_b" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_threads_ordered" CHECK ("message_threads"."member_a" < "message_threads"."member_b")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"sender_id" uuid,
	"body" text NOT NULL,
	"help_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"slug" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anecdote_attestations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"anecdote_id" uuid NOT NULL,
	"attester_id" uuid,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anecdote_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"anecdote_id" uuid NOT NULL,
	"member_id" uuid,
	"change" "consent_change" NOT NULL,
	"level" "consent_level" NOT NULL,
	"wording_version" integer NOT NULL,
	"wording" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anecdote_uses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"anecdote_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"kind" "anecdote_use_kind" NOT NULL,
	"target_id" uuid NOT NULL,
	"target_label" text NOT NULL,
	"target_url" text NOT NULL,
	"level_used" "consent_level" NOT NULL,
	"used_by" uuid,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"takedown_requested_at" timestamp with time zone,
	"taken_down_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "anecdotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid,
	"theme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"occurred_on" date NOT NULL,
	"place" text NOT NULL,
	"role" "anecdote_role" NOT NULL,
	"status" "anecdote_status" DEFAULT 'submitted' NOT NULL,
	"review_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"redacted_body" text,
	"redaction_status" "redaction_status" DEFAULT 'none' NOT NULL,
	"redacted_by" uuid,
	"redaction_note" text,
	"redaction_decided_at" timestamp with time zone,
	"attest_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "anecdotes_attest_token_unique" UNIQUE("attest_token")
);
--> statement-breakpoint
CREATE TABLE "press_pack_items" (
	"pack_id" uuid NOT NULL,
	"anecdote_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "press_pack_items_pack_id_anecdote_id_pk" PRIMARY KEY("pack_id","anecdote_id")
);
--> statement-breakpoint
CREATE TABLE "press_packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"theme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_profiles" ADD CONSTRAINT "directory_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_search_hits" ADD CONSTRAINT "directory_search_hits_search_id_directory_searches_id_fk" FOREIGN KEY ("search_id") REFERENCES "public"."directory_searches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_search_hits" ADD CONSTRAINT "directory_search_hits_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_searches" ADD CONSTRAINT "directory_searches_searcher_id_users_id_fk" FOREIGN KEY ("searcher_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_invitations" ADD CONSTRAINT "help_invitations_request_id_help_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."help_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_invitations" ADD CONSTRAINT "help_invitations_invitee_id_users_id_fk" FOREIGN KEY ("invitee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_invitations" ADD CONSTRAINT "help_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_member_a_users_id_fk" FOREIGN KEY ("member_a") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_member_b_users_id_fk" FOREIGN KEY ("member_b") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_thread_id_message_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."message_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_help_request_id_help_requests_id_fk" FOREIGN KEY ("help_request_id") REFERENCES "public"."help_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdote_attestations" ADD CONSTRAINT "anecdote_attestations_anecdote_id_anecdotes_id_fk" FOREIGN KEY ("anecdote_id") REFERENCES "public"."anecdotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdote_attestations" ADD CONSTRAINT "anecdote_attestations_attester_id_users_id_fk" FOREIGN KEY ("attester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdote_consents" ADD CONSTRAINT "anecdote_consents_anecdote_id_anecdotes_id_fk" FOREIGN KEY ("anecdote_id") REFERENCES "public"."anecdotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdote_consents" ADD CONSTRAINT "anecdote_consents_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdote_uses" ADD CONSTRAINT "anecdote_uses_anecdote_id_anecdotes_id_fk" FOREIGN KEY ("anecdote_id") REFERENCES "public"."anecdotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdote_uses" ADD CONSTRAINT "anecdote_uses_consent_id_anecdote_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."anecdote_consents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdote_uses" ADD CONSTRAINT "anecdote_uses_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdotes" ADD CONSTRAINT "anecdotes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdotes" ADD CONSTRAINT "anecdotes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdotes" ADD CONSTRAINT "anecdotes_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anecdotes" ADD CONSTRAINT "anecdotes_redacted_by_users_id_fk" FOREIGN KEY ("redacted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_pack_items" ADD CONSTRAINT "press_pack_items_pack_id_press_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."press_packs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_pack_items" ADD CONSTRAINT "press_pack_items_anecdote_id_anecdotes_id_fk" FOREIGN KEY ("anecdote_id") REFERENCES "public"."anecdotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_packs" ADD CONSTRAINT "press_packs_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_packs" ADD CONSTRAINT "press_packs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_profiles_skills_gin" ON "directory_profiles" USING gin ("skills");--> statement-breakpoint
CREATE INDEX "directory_profiles_tags_trgm" ON "directory_profiles" USING gin ("tags_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_profiles_interests_gin" ON "directory_profiles" USING gin ("interests");--> statement-breakpoint
CREATE INDEX "directory_profiles_languages_gin" ON "directory_profiles" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "directory_profiles_region_idx" ON "directory_profiles" USING btree ("region");--> statement-breakpoint
CREATE INDEX "directory_profiles_listed_idx" ON "directory_profiles" USING btree ("name_visibility") WHERE "directory_profiles"."listed";--> statement-breakpoint
CREATE INDEX "directory_search_hits_member_idx" ON "directory_search_hits" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "directory_searches_searcher_idx" ON "directory_searches" USING btree ("searcher_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "help_invitations_unique" ON "help_invitations" USING btree ("request_id","invitee_id");--> statement-breakpoint
CREATE INDEX "help_invitations_invitee_idx" ON "help_invitations" USING btree ("invitee_id","created_at");--> statement-breakpoint
CREATE INDEX "help_requests_status_idx" ON "help_requests" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "help_requests_requester_idx" ON "help_requests" USING btree ("requester_id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_threads_pair" ON "message_threads" USING btree ("member_a","member_b");--> statement-breakpoint
CREATE INDEX "message_threads_b_idx" ON "message_threads" USING btree ("member_b");--> statement-breakpoint
CREATE INDEX "messages_thread_idx" ON "messages" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "anecdote_attestations_unique" ON "anecdote_attestations" USING btree ("anecdote_id","attester_id");--> statement-breakpoint
CREATE INDEX "anecdote_consents_story_idx" ON "anecdote_consents" USING btree ("anecdote_id","created_at");--> statement-breakpoint
CREATE INDEX "anecdote_consents_expiry_idx" ON "anecdote_consents" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "anecdote_uses_story_idx" ON "anecdote_uses" USING btree ("anecdote_id");--> statement-breakpoint
CREATE INDEX "anecdote_uses_takedown_idx" ON "anecdote_uses" USING btree ("used_by") WHERE "anecdote_uses"."takedown_requested_at" is not null and "anecdote_uses"."taken_down_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "anecdote_uses_target_unique" ON "anecdote_uses" USING btree ("anecdote_id","kind","target_id");--> statement-breakpoint
CREATE INDEX "anecdotes_theme_idx" ON "anecdotes" USING btree ("theme_id","status");--> statement-breakpoint
CREATE INDEX "anecdotes_author_idx" ON "anecdotes" USING btree ("author_id");