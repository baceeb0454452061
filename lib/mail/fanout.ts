import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db";
import { siteUrl } from "@/lib/config/site-url";
import { MAIL_MAX_ATTEMPTS } from "./limits";
import { cadenceSql } from "./preferences";

const payloadSchema = z.object({ batch: z.uuid(), text: z.string() });

export interface FanoutResult {
  mailed: number;
  digest: number;
  skipped: number;
}

/** The footer every notification e-mail carries; links only from SITE_URL. */
export function settingsFooter(site = siteUrl()): string {
  return `You can change which e-mails you receive, and when, at ${site}/settings/notifications`;
}

/**
 * Turns one `notify()` batch into e-mails in three statements' worth of work, whatever its size:
 * each pending notification is decided by its member's current preference (at once: an outbox row
 * and its `mail.send` job; daily: left for the digest; never: skipped). Rows are claimed by state,
 * so a second run (a worker killed mid-job) finds nothing left to do.
 */
export async function fanOutBatch(db: Db, batch: string, text: string): Promise<FanoutResult> {
  const site = siteUrl();
  const before = `${text}\n\n${site}`;
  const after = `\n\n${settingsFooter(site)}`;
  const cadence = cadenceSql(sql`n2.kind`, "p");
  const rows = await db.execute<{ mailed: number; digest: number; skipped: number }>(sql`
    with decided as (
      update notifications n
      set mail_state = (case d.cadence when 'immediate' then 'sent' when 'daily' then 'digest' else 'skipped' end)::notification_mail_state
      from (
        select n2.id, ${cadence} as cadence
        from notifications n2 left join notification_preferences p on p.user_id = n2.user_id
        where n2.mail_batch = ${batch}::uuid and n2.mail_state = 'pending'
        for update of n2 skip locked
      ) d
      where n.id = d.id
      returning n.user_id, n.title, n.url, n.mail_state
    ),
    mailed as (
      insert into outbox ("to", subject, text)
      select u.email, d.title, ${before} || d.url || ${after}
      from decided d join users u on u.id = d.user_id
      where d.mail_state = 'sent'
      returning id
    ),
    jobs as (
      select count(*) as n from graphile_worker.add_jobs(array(
        select row('mail.send', json_build_object('outboxId', id), null, null, ${MAIL_MAX_ATTEMPTS}::int, 'mail:' || id, null, null)::graphile_worker.job_spec
        from mailed
      ))
    )
    select
      (select n from jobs)::int as mailed,
      (select count(*) from decided where mail_state = 'digest')::int as digest,
      (select count(*) from decided where mail_state = 'skipped')::int as skipped`);
  return rows.rows[0]!;
}

/** Task `mail.fanout`. Payload { batch, text }. */
export async function fanOutTask(payload: unknown): Promise<void> {
  const { batch, text } = payloadSchema.parse(payload);
  await fanOutBatch(getDb(), batch, text);
}
