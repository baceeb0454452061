/**
 * Many followers at once (integration tests and bench/notify.ts): members made in one INSERT …
 * SELECT, verified, each following the target, with an optional e-mail cadence for every kind.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { MailCadence } from "@/lib/mail/preferences";
import { uniqueSuffix } from "./factories";

export async function createFollowers(db: Db, target: { targetType: "theme" | "paper"; targetId: string }, n: number, opts: { cadence?: MailCadence; prefix?: string } = {}): Promise<{ id: string; email: string }[]> {
  const prefix = `${opts.prefix ?? "follower"}-${uniqueSuffix()}`;
  const made = await db.execute<{ id: string; email: string }>(sql`
    insert into users (email, password_hash, display_name, verified_at, verified_by)
    select ${prefix} || '-' || i || '@example.test', 'x', 'Follower ' || i, now(), 'admin'
    from generate_series(1, ${n}::int) i
    returning id, email`);
  const ids = JSON.stringify(made.rows.map((r) => r.id));
  await db.execute(sql`
    insert into follows (user_id, target_type, target_id)
    select u::uuid, ${target.targetType}::follow_target, ${target.targetId}::uuid from jsonb_array_elements_text(${ids}::jsonb) u`);
  if (opts.cadence) {
    const c = opts.cadence;
    await db.execute(sql`
      insert into notification_preferences (user_id, email_paper_published, email_comment_reply, email_paper_decision, email_moderation, email_mention)
      select u::uuid, ${c}::mail_cadence, ${c}::mail_cadence, ${c}::mail_cadence, ${c}::mail_cadence, ${c}::mail_cadence from jsonb_array_elements_text(${ids}::jsonb) u`);
  }
  return made.rows;
}
