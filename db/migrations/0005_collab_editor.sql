CREATE TABLE "comment_response_uses" (
	"comment_id" uuid PRIMARY KEY NOT NULL,
	"response_id" uuid NOT NULL,
	"used_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "synthesis_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"synthesis_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"body_html" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "collab_revisions" ADD COLUMN "restored_from_id" uuid;--> statement-breakpoint
ALTER TABLE "comment_response_uses" ADD CONSTRAINT "comment_response_uses_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_response_uses" ADD CONSTRAINT "comment_response_uses_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_response_uses" ADD CONSTRAINT "comment_response_uses_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_suggestions" ADD CONSTRAINT "synthesis_suggestions_synthesis_id_syntheses_id_fk" FOREIGN KEY ("synthesis_id") REFERENCES "public"."syntheses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_suggestions" ADD CONSTRAINT "synthesis_suggestions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "synthesis_suggestions_synthesis_idx" ON "synthesis_suggestions" USING btree ("synthesis_id","created_at");--> statement-breakpoint
ALTER TABLE "collab_revisions" ADD CONSTRAINT "collab_revisions_restored_from_id_collab_revisions_id_fk" FOREIGN KEY ("restored_from_id") REFERENCES "public"."collab_revisions"("id") ON DELETE set null ON UPDATE no action;