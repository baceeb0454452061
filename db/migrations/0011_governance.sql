CREATE TYPE "public"."decision_electorate" AS ENUM('members', 'theme', 'council');--> statement-breakpoint
CREATE TYPE "public"."decision_kind" AS ENUM('consent', 'approval', 'ranked', 'score');--> statement-breakpoint
CREATE TYPE "public"."decision_status" AS ENUM('seeking_seconds', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."election_status" AS ENUM('open', 'counted', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."nomination_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'decision_closed';--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_seconds" (
	"decision_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "decision_seconds_decision_id_user_id_pk" PRIMARY KEY("decision_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "decision_votes" (
	"decision_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"choice" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_votes_decision_id_user_id_pk" PRIMARY KEY("decision_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"kind" "decision_kind" NOT NULL,
	"electorate" "decision_electorate" NOT NULL,
	"theme_id" uuid,
	"seats" integer DEFAULT 1 NOT NULL,
	"anonymous" boolean NOT NULL,
	"status" "decision_status" NOT NULL,
	"seconds_required" integer DEFAULT 0 NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"opened_by" uuid,
	"opened_as" text NOT NULL,
	"seed_hash" text NOT NULL,
	"seed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "election_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"election_id" uuid NOT NULL,
	"ranking" jsonb NOT NULL,
	"receipt_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"election_id" uuid NOT NULL,
	"nominee_id" uuid NOT NULL,
	"nominated_by" uuid,
	"note" text,
	"statement" text,
	"status" "nomination_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "election_voters" (
	"election_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "election_voters_election_id_user_id_pk" PRIMARY KEY("election_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"seats" integer NOT NULL,
	"status" "election_status" DEFAULT 'open' NOT NULL,
	"nominations_close_at" timestamp with time zone NOT NULL,
	"voting_closes_at" timestamp with time zone NOT NULL,
	"term_ends_at" timestamp with time zone NOT NULL,
	"seed_hash" text NOT NULL,
	"seed" text NOT NULL,
	"fills_vacancy_of" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"counted_at" timestamp with time zone,
	"result" jsonb,
	"ballots_blt" text,
	"ballots_json" text,
	"blt_sha256" text,
	"json_sha256" text,
	"reconciliation" jsonb
);
--> statement-breakpoint
CREATE TABLE "governance_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"bootstrap_ends_at" timestamp with time zone,
	"moderator_seats" integer DEFAULT 3 NOT NULL,
	"term_months" integer DEFAULT 12 NOT NULL,
	"nomination_days" integer DEFAULT 7 NOT NULL,
	"voting_days" integer DEFAULT 7 NOT NULL,
	"ballots_stale_after_months" integer DEFAULT 6 NOT NULL,
	"decision_seconds_required" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "governance_settings_one_row" CHECK ("governance_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "moderator_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"election_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role_grant_id" uuid,
	"via" text NOT NULL,
	"starts_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_digest" text;--> statement-breakpoint
ALTER TABLE "decision_options" ADD CONSTRAINT "decision_options_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_seconds" ADD CONSTRAINT "decision_seconds_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_seconds" ADD CONSTRAINT "decision_seconds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_votes" ADD CONSTRAINT "decision_votes_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_votes" ADD CONSTRAINT "decision_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD CONSTRAINT "election_nominations_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD CONSTRAINT "election_nominations_nominee_id_users_id_fk" FOREIGN KEY ("nominee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD CONSTRAINT "election_nominations_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_settings" ADD CONSTRAINT "governance_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderator_terms" ADD CONSTRAINT "moderator_terms_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderator_terms" ADD CONSTRAINT "moderator_terms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderator_terms" ADD CONSTRAINT "moderator_terms_role_grant_id_role_grants_id_fk" FOREIGN KEY ("role_grant_id") REFERENCES "public"."role_grants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_options_decision_idx" ON "decision_options" USING btree ("decision_id","position");--> statement-breakpoint
CREATE INDEX "decisions_closes_idx" ON "decisions" USING btree ("status","closes_at");--> statement-breakpoint
CREATE INDEX "decisions_theme_idx" ON "decisions" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "election_ballots_receipt_unique" ON "election_ballots" USING btree ("receipt_hash");--> statement-breakpoint
CREATE INDEX "election_ballots_election_idx" ON "election_ballots" USING btree ("election_id");--> statement-breakpoint
CREATE UNIQUE INDEX "election_nominations_unique" ON "election_nominations" USING btree ("election_id","nominee_id");--> statement-breakpoint
CREATE INDEX "elections_voting_closes_idx" ON "elections" USING btree ("status","voting_closes_at");--> statement-breakpoint
CREATE INDEX "moderator_terms_open_idx" ON "moderator_terms" USING btree ("ends_at") WHERE "moderator_terms"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "moderator_terms_election_idx" ON "moderator_terms" USING btree ("election_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_seq_unique" ON "audit_log" USING btree ("chain_seq");