import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { notifications, outbox } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { updateNotificationSettings } from "@/lib/following/commands";
import { notify, notifyComment, notifyPaperPublished } from "@/lib/following/notify";
import { crontab } from "@/lib/jobs/crontab";
import { createPerson, createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { createFollowers } from "@/lib/testing/followers";
import { pendingJobs, runJobsUntilIdle } from "@/lib/testing/jobs";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { closeMailTransport } from "./deliver";
import { sendDailyDigests } from "./digest";
import { fanOutBatch } from "./fanout";

const db = getDb();
const SITE = "https://commonplace.example";
let sink: SmtpSink;
const saved = { smtp: process.env.SMTP_URL, rate: process.env.MAIL_RATE_PER_MINUTE, site: process.env.SITE_URL };
const restore = (name: "SMTP_URL" | "MAIL_RATE_PER_MINUTE" | "SITE_URL", value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));

beforeAll(async () => {
  // Mail other files queued goes nowhere first, so the sink sees this file's messages only.
  delete process.env.SMTP_URL;
  await runJobsUntilIdle(db);
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.SITE_URL = SITE;
});
beforeEach(async () => {
  process.env.MAIL_RATE_PER_MINUTE = "60000";
  await db.execute(sql`delete from mail_send_clock`);
});
const bulk: { id: string; email: string }[] = [];
afterAll(async () => {
  // The 150 bulk followers go again, so later files (a full export, say) do not carry them.
  await db.execute(sql`delete from outbox where "to" in (select jsonb_array_elements_text(${JSON.stringify(bulk.map((f) => f.email))}::jsonb))`);
  await db.execute(sql`delete from users where id in (select jsonb_array_elements_text(${JSON.stringify(bulk.map((f) => f.id))}::jsonb)::uuid)`);
  restore("SMTP_URL", saved.smtp);
  restore("MAIL_RATE_PER_MINUTE", saved.rate);
  restore("SITE_URL", saved.site);
  closeMailTransport();
  await sink.close();
  await closeDb();
});

const person = async (spec?: Parameters<typeof createPerson>[1]) => {
  const p = await createPerson(db, spec);
  return { ...p, actor: await loadActor(db, p.id) };
};
const received = (email: string) => sink.messages.filter((m) => m.to.includes(email));
const atOnce = { emailPaperPublished: "immediate", emailCommentReply: "immediate", emailPaperDecision: "immediate", emailModeration: "immediate", emailMention: "immediate" } as const;

describe("set-based notify and the mail fanout", () => {
  it("writes every follower's notification in one statement and one fanout job, no mail in the request", async () => {
    const theme = await createTestTheme(db, { title: "Housing" });
    const followers = await createFollowers(db, { targetType: "theme", targetId: theme.id }, 150);
    bulk.push(...followers);
    const author = followers[0]!;
    const paper = await createTestPaper(db, { themeId: theme.id, authorId: author.id, title: "Homes for all" });
    const statements: string[] = [];
    const sent = await db.transaction(async (tx) => {
      // Count what notify() sends to the database: a constant, not one per follower.
      const client = (tx as unknown as { session: { client: { query: (...a: unknown[]) => unknown } } }).session.client;
      const query = client.query.bind(client);
      client.query = (...args: unknown[]) => (statements.push(String((args[0] as { text?: string }).text ?? args[0])), query(...args));
      try {
        return await notifyPaperPublished(tx, { id: paper.id, title: paper.title, themeId: theme.id, themeTitle: theme.title, authorId: author.id, version: 1 }, null);
      } finally {
        client.query = query;
      }
    });
    expect(sent).toBe(149); // everyone but the author
    expect(statements).toHaveLength(2); // the INSERT … SELECT and the one job
    expect(await db.select().from(outbox).where(inArray(outbox.to, followers.map((f) => f.email)))).toEqual([]);
    const rows = await db.select({ mailBatch: notifications.mailBatch, mailState: notifications.mailState, themeId: notifications.themeId, paperId: notifications.paperId }).from(notifications).where(eq(notifications.paperId, paper.id));
    expect(rows).toHaveLength(149);
    expect(new Set(rows.map((r) => r.mailBatch)).size).toBe(1);
    expect(rows.every((r) => r.mailState === "pending" && r.themeId === theme.id)).toBe(true);
    const jobs = (await pendingJobs(db, "mail.fanout")).filter((j) => (j.payload as { batch: string }).batch === rows[0]!.mailBatch);
    expect(jobs).toHaveLength(1);

    const run = await runJobsUntilIdle(db);
    expect(run.failed).toBe(0);
    
    const mails = followers.slice(1).map((f) => received(f.email));
    expect(mails.every((m) => m.length === 1)).toBe(true);
    expect(mails[0]![0]!.subject).toBe("New in Housing: Homes for all");
    expect(mails[0]![0]!.raw).toContain(`${SITE}/papers/${paper.id}`);
    expect(received(author.email)).toEqual([]);
  }, 60_000);

  it("respects each member's choice: at once is mailed, daily waits for the digest, never is skipped", async () => {
    const paper = await createTestPaper(db, { title: "Tram lines" });
    const [now, daily, never] = await Promise.all([person(), person(), person()]);
    await updateNotificationSettings(db, daily.actor, { ...atOnce, emailCommentReply: "daily" });
    await updateNotificationSettings(db, never.actor, { ...atOnce, emailCommentReply: "never" });
    for (const p of [now, daily, never]) await db.execute(sql`insert into follows (user_id, target_type, target_id) values (${p.id}, 'paper', ${paper.id})`);
    const commenter = await person();
    const comment = await createTestComment(db, { paperId: paper.id, authorId: commenter.id });
    await db.transaction((tx) => notifyComment(tx, { id: comment.id, paperId: paper.id, paperTitle: paper.title, authorId: commenter.id, authorName: commenter.displayName, parentAuthorId: null }));
    const [batch] = await db.select({ b: notifications.mailBatch }).from(notifications).where(eq(notifications.userId, now.id));

    expect(await fanOutBatch(db, batch!.b!, "A comment.")).toEqual({ mailed: 1, digest: 1, skipped: 1 });
    const state = async (id: string) => (await db.select({ s: notifications.mailState }).from(notifications).where(eq(notifications.userId, id)))[0]!.s;
    expect([await state(now.id), await state(daily.id), await state(never.id)]).toEqual(["sent", "digest", "skipped"]);
    // A second run (a worker killed mid-job runs it again) mails nobody twice.
    expect(await fanOutBatch(db, batch!.b!, "A comment.")).toEqual({ mailed: 0, digest: 0, skipped: 0 });
    await runJobsUntilIdle(db);
    expect(received(now.email)).toHaveLength(1);
    expect(received(daily.email)).toEqual([]);
    expect(received(never.email)).toEqual([]);
    // In the app everyone has it.
    for (const p of [now, daily, never]) expect(await db.select().from(notifications).where(eq(notifications.userId, p.id))).toHaveLength(1);
  });

  it("rolls back with the change: no notification, no job", async () => {
    const reader = await person();
    const before = (await pendingJobs(db, "mail.fanout")).length;
    await db.transaction(async (tx) => {
      await notify(tx, [reader.id], { kind: "paper_published", title: "Never happened", url: "/papers/n", text: "x" });
      tx.rollback();
    }).catch(() => {});
    expect(await db.select().from(notifications).where(eq(notifications.userId, reader.id))).toEqual([]);
    expect((await pendingJobs(db, "mail.fanout")).length).toBe(before);
  });
});

describe("the daily digest", () => {
  it("is in the crontab, once a day", () => {
    expect(crontab.find((c) => c.task === "mail.digest")).toMatchObject({ match: "0 7 * * *" });
  });

  it("sends each member one e-mail of their waiting notifications, grouped by theme and paper, with links from SITE_URL", async () => {
    const [energy, transport] = [await createTestTheme(db, { title: "Energy" }), await createTestTheme(db, { title: "Transport" })];
    const [wind, rail] = [await createTestPaper(db, { themeId: energy.id, title: "Wind first" }), await createTestPaper(db, { themeId: transport.id, title: "Rail nights" })];
    const me = await person();
    const other = await person();
    await updateNotificationSettings(db, me.actor, { ...atOnce, emailPaperPublished: "daily", emailCommentReply: "daily" });
    await updateNotificationSettings(db, other.actor, { ...atOnce, emailPaperPublished: "daily" });
    await db.transaction(async (tx) => {
      await notify(tx, [me.id, other.id], { kind: "paper_published", title: "New in Energy: Wind first", url: `/papers/${wind.id}`, text: "x", themeId: energy.id, paperId: wind.id });
      await notify(tx, [me.id], { kind: "paper_comment", title: "New comment on “Rail nights”", url: `/papers/${rail.id}/c/1`, text: "x", paperId: rail.id });
      await notify(tx, [me.id], { kind: "comment_reply", title: "Someone replied on “Wind first”", url: `/papers/${wind.id}/c/2`, text: "x", paperId: wind.id });
      await notify(tx, [me.id], { kind: "content_hidden", title: "Mailed at once", url: "/moderation-log", text: "x" });
    });
    await runJobsUntilIdle(db);
    expect(received(me.email).map((m) => m.subject)).toEqual(["Mailed at once"]);

    const digests = await sendDailyDigests(db);
    expect(digests.members).toBeGreaterThanOrEqual(2);
    await runJobsUntilIdle(db);
    const [digest] = received(me.email).filter((m) => m.subject.startsWith("Your daily digest"));
    expect(digest!.subject).toBe("Your daily digest: 3 notifications");
    const text = decode(digest!.raw);
    // Grouped: Energy (Wind first: the paper and the reply), then Transport (Rail nights).
    const order = ["== Energy ==", "-- Wind first --", "New in Energy: Wind first", "Someone replied on", "== Transport ==", "-- Rail nights --", "New comment on"].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain(`${SITE}/papers/${wind.id}`);
    expect(text).toContain(`${SITE}/settings/notifications`);
    expect(text).not.toContain("localhost");
    expect(received(other.email).filter((m) => m.subject.startsWith("Your daily digest"))).toHaveLength(1);
    const states = await db.select({ s: notifications.mailState }).from(notifications).where(and(eq(notifications.userId, me.id), eq(notifications.kind, "paper_published")));
    expect(states.map((r) => r.s)).toEqual(["digested"]);

    // The next day's run has nothing new for them.
    await sendDailyDigests(db);
    await runJobsUntilIdle(db);
    expect(received(me.email)).toHaveLength(2);
  });

  it("leaves out what a member has since turned to never", async () => {
    const me = await person();
    await updateNotificationSettings(db, me.actor, { ...atOnce, emailPaperPublished: "daily" });
    await db.transaction((tx) => notify(tx, [me.id], { kind: "paper_published", title: "Queued for the digest", url: "/papers/q", text: "x" }));
    await runJobsUntilIdle(db);
    await updateNotificationSettings(db, me.actor, { ...atOnce, emailPaperPublished: "never" });
    await sendDailyDigests(db);
    await runJobsUntilIdle(db);
    expect(received(me.email)).toEqual([]);
    const [row] = await db.select({ s: notifications.mailState }).from(notifications).where(eq(notifications.userId, me.id));
    expect(row!.s).toBe("skipped");
  });
});

/** The message body as text (nodemailer may quote-print long lines). */
function decode(raw: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  return /quoted-printable/i.test(raw) ? body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : body;
}
