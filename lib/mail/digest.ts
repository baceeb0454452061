import { sql } from "drizzle-orm";
import type { JobHelpers } from "graphile-worker";
import { getDb, type Db } from "@/db";
import { siteUrl } from "@/lib/config/site-url";
import { settingsFooter } from "./fanout";
import { cadenceSql } from "./preferences";
import { sendMail } from "./send";

/** Members per transaction: a day's digests for a large site go out in bounded steps. */
const MEMBERS_PER_ROUND = 200;

export interface DigestItem {
  title: string;
  url: string;
  at: Date;
  theme: string | null;
  paper: string | null;
}

/**
 * The text of one member's digest: what happened, grouped by theme and then by paper, oldest
 * first within each, every link absolute from SITE_URL.
 */
export function digestText(items: DigestItem[], site = siteUrl()): string {
  const themes = new Map<string, Map<string, DigestItem[]>>();
  for (const item of items) {
    const theme = item.theme ?? "Elsewhere on the site";
    const papers = themes.get(theme) ?? new Map<string, DigestItem[]>();
    themes.set(theme, papers);
    const key = item.paper ?? "";
    papers.set(key, [...(papers.get(key) ?? []), item]);
  }
  const lines: string[] = [`What happened since your last digest (${items.length} ${items.length === 1 ? "notification" : "notifications"}):`];
  for (const [theme, papers] of themes) {
    lines.push("", `== ${theme} ==`);
    for (const [paper, list] of papers) {
      if (paper) lines.push("", `-- ${paper} --`);
      for (const item of list.sort((a, b) => a.at.getTime() - b.at.getTime())) lines.push(`* ${item.title}`, `  ${site}${item.url}`);
    }
  }
  lines.push("", settingsFooter(site));
  return lines.join("\n");
}

export const digestSubject = (n: number) => `Your daily digest: ${n} ${n === 1 ? "notification" : "notifications"}`;

/**
 * Sends each member one e-mail gathering their notifications waiting for the digest, and marks
 * them digested in the same transaction (the mails go out after commit, through `mail.send`).
 * A member who since chose "never" for a kind gets none of those; rows are claimed with
 * SKIP LOCKED, so two runs never mail the same notification twice.
 */
export async function sendDailyDigests(db: Db): Promise<{ members: number; notifications: number }> {
  const site = siteUrl();
  const total = { members: 0, notifications: 0 };
  for (;;) {
    const round = await db.transaction(async (tx) => {
      const claimed = await tx.execute<{ id: string; user_id: string; email: string; title: string; url: string; created_at: Date | string; theme: string | null; paper: string | null; cadence: string }>(sql`
        with members as (
          select distinct user_id from notifications where mail_state = 'digest' order by user_id limit ${MEMBERS_PER_ROUND}
        ),
        picked as (
          select n.id, ${cadenceSql(sql`n.kind`, "np")}::text as cadence
          from notifications n join members m on m.user_id = n.user_id
          left join notification_preferences np on np.user_id = n.user_id
          where n.mail_state = 'digest' for update of n skip locked
        ),
        done as (
          update notifications n
          set mail_state = (case picked.cadence when 'never' then 'skipped' else 'digested' end)::notification_mail_state
          from picked where n.id = picked.id
          returning n.id, n.user_id, n.title, n.url, n.created_at, n.theme_id, n.paper_id, picked.cadence
        )
        select d.id, d.user_id, u.email, d.title, d.url, d.created_at, t.title as theme, p.title as paper, d.cadence
        from done d
        join users u on u.id = d.user_id
        left join papers p on p.id = d.paper_id
        left join themes t on t.id = coalesce(d.theme_id, p.theme_id)`);
      if (claimed.rows.length === 0) return null;
      const byMember = new Map<string, { email: string; items: DigestItem[] }>();
      for (const r of claimed.rows) {
        if (r.cadence === "never") continue; // chose "never" after it was queued for the digest
        const entry = byMember.get(r.user_id) ?? { email: r.email, items: [] };
        entry.items.push({ title: r.title, url: r.url, at: new Date(r.created_at), theme: r.theme, paper: r.paper });
        byMember.set(r.user_id, entry);
      }
      await sendMail(tx, [...byMember.values()].map((m) => ({ to: m.email, subject: digestSubject(m.items.length), text: digestText(m.items, site) })));
      return { members: byMember.size, notifications: [...byMember.values()].reduce((s, m) => s + m.items.length, 0) };
    });
    if (!round) return total;
    total.members += round.members;
    total.notifications += round.notifications;
  }
}

/** Task `mail.digest`, daily from the crontab. */
export async function dailyDigestTask(_payload: unknown, helpers: JobHelpers): Promise<void> {
  const sent = await sendDailyDigests(getDb());
  if (sent.members) helpers.logger.info(`mail.digest: ${sent.members} digests, ${sent.notifications} notifications`);
}
