CREATE TYPE "public"."mail_cadence" AS ENUM('immediate', 'daily', 'never');--> statement-breakpoint
CREATE TYPE "public"."notification_mail_state" AS ENUM('pending', 'sent', 'digest', 'digested', 'skipped');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'mention';--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_paper_published" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_paper_published" SET DATA TYPE "public"."mail_cadence" USING (CASE WHEN "email_paper_published" THEN 'immediate' ELSE 'never' END)::"public"."mail_cadence";--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_paper_published" SET DEFAULT 'immediate'::"public"."mail_cadence";--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_comment_reply" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_comment_reply" SET DATA TYPE "public"."mail_cadence" USING (CASE WHEN "email_comment_reply" THEN 'immediate' ELSE 'never' END)::"public"."mail_cadence";--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_comment_reply" SET DEFAULT 'immediate'::"public"."mail_cadence";--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_paper_decision" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_paper_decision" SET DATA TYPE "public"."mail_cadence" USING (CASE WHEN "email_paper_decision" THEN 'immediate' ELSE 'never' END)::"public"."mail_cadence";--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_paper_decision" SET DEFAULT 'immediate'::"public"."mail_cadence";--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_moderation" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_moderation" SET DATA TYPE "public"."mail_cadence" USING (CASE WHEN "email_moderation" THEN 'immediate' ELSE 'never' END)::"public"."mail_cadence";--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "email_moderation" SET DEFAULT 'immediate'::"public"."mail_cadence";--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "email_mention" "mail_cadence" DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "mail_state" "notification_mail_state";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "mail_batch" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "theme_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "paper_id" uuid;--> statement-breakpoint
CREATE INDEX "notifications_mail_batch_idx" ON "notifications" USING btree ("mail_batch") WHERE "notifications"."mail_state" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_digest_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."mail_state" = 'digest';