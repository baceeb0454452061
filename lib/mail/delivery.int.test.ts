import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { notifications, outbox } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { notify } from "@/lib/following/notify";
import { createPerson } from "@/lib/testing/factories";
import { pendingJobs, runJobsUntilIdle } from "@/lib/testing/jobs";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { closeMailTransport } from "./deliver";
import { listOutbox } from "./queries";
import { sendMail } from "./send";

const db = getDb();
let sink: SmtpSink;
const saved = { smtp: process.env.SMTP_URL, rate: process.env.MAIL_RATE_PER_MINUTE };

beforeAll(async () => {
  // Mail other files queued (no worker runs in integration tests) is delivered nowhere first, so
  // the sink and the send limit see this file's messages only.
  delete process.env.SMTP_URL;
  await runJobsUntilIdle(db);
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
});
beforeEach(async () => {
  process.env.MAIL_RATE_PER_MINUTE = "6000";
  sink.reject = null;
  await db.execute(sql`delete from mail_send_clock`);
});
afterAll(async () => {
  process.env.SMTP_URL = saved.smtp;
  process.env.MAIL_RATE_PER_MINUTE = saved.rate;
  if (!saved.smtp) delete process.env.SMTP_URL;
  if (!saved.rate) delete process.env.MAIL_RATE_PER_MINUTE;
  closeMailTransport();
  await sink.close();
  await closeDb();
});

/**
 * As if `ms` passed: the send limit's clock and the slots held move that far into the past, and
 * the jobs waiting for them run (a job run early finds its slot still ahead and waits again).
 */
async function timePassesAndJobsRun(ms: number) {
  const by = `${ms} milliseconds`;
  await db.execute(sql`update mail_send_clock set next_free_at = next_free_at - ${by}::interval`);
  await db.execute(sql`update outbox set rate_slot_at = rate_slot_at - ${by}::interval, next_attempt_at = next_attempt_at - ${by}::interval where sent_at is null and rate_slot_at is not null`);
  await runJobsUntilIdle(db, { advanceMs: ms, advanceTasks: ["mail.send"], maxRounds: 1 });
}
const rowsTo = (emails: string[]) => db.select().from(outbox).where(inArray(outbox.to, emails));
const received = (email: string) => sink.messages.filter((m) => m.to.includes(email));

describe("e-mail through the job queue", () => {
  it("writes the notification and its fanout job in the transaction, and mails it after commit", async () => {
    const reader = await createPerson(db);
    let sentDuringTransaction = -1;
    await db.transaction(async (tx) => {
      await notify(tx, [reader.id], { kind: "paper_published", title: "New in Health: a paper", url: "/papers/x", text: "A new paper was published." });
      // Inside the transaction: the job is not visible to any worker yet, and nothing was sent.
      await runJobsUntilIdle(db);
      sentDuringTransaction = received(reader.email).length;
    });
    expect(sentDuringTransaction).toBe(0);
    // Committed: the notification waits for its batch's one fanout job, which writes the outbox row.
    const [pending] = await db.select().from(notifications).where(eq(notifications.userId, reader.id));
    expect(pending).toMatchObject({ mailState: "pending" });
    expect((await pendingJobs(db, "mail.fanout")).filter((j) => (j.payload as { batch: string }).batch === pending!.mailBatch)).toHaveLength(1);
    expect(await rowsTo([reader.email])).toEqual([]);
    const run = await runJobsUntilIdle(db);
    expect(run.failed).toBe(0);
    expect(received(reader.email).map((m) => m.subject)).toEqual(["New in Health: a paper"]);
    expect(received(reader.email)[0]!.raw).toContain("/papers/x");
    const [sent] = await rowsTo([reader.email]);
    expect(sent!.sentAt).toBeInstanceOf(Date);
    expect(sent!.attempts).toBe(1);
    // Running again sends nothing twice.
    await runJobsUntilIdle(db, { advanceMs: 60_000 });
    expect(received(reader.email)).toHaveLength(1);
  });

  it("sends nothing and keeps nothing when the transaction rolls back", async () => {
    const reader = await createPerson(db);
    await db
      .transaction(async (tx) => {
        await notify(tx, [reader.id], { kind: "comment_reply", title: "A reply", url: "/papers/y", text: "Someone replied." });
        throw new Error("the comment failed to save");
      })
      .catch(() => {});
    await runJobsUntilIdle(db, { advanceMs: 60_000 });
    expect(received(reader.email)).toEqual([]);
    expect(await rowsTo([reader.email])).toEqual([]);
  });

  it("retries a failing server with backoff, shows the error to admins, then delivers", async () => {
    const to = `retry-${Date.now()}@example.test`;
    let refusals = 0;
    sink.reject = (rcpt) => rcpt.includes(to) && refusals++ < 2;
    await db.transaction((tx) => sendMail(tx, { to, subject: "Reset your password", text: "A link." }));

    const first = await runJobsUntilIdle(db);
    expect(first.failed).toBe(1);
    const [failing] = await rowsTo([to]);
    expect(failing!.sentAt).toBeNull();
    expect(failing!.attempts).toBe(1);
    expect(failing!.error).toMatch(/451|Try again later/);
    // graphile-worker's backoff after one failure is e^1 ≈ 2.7 s; the row says when.
    const wait = failing!.nextAttemptAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(1000);
    expect(wait).toBeLessThan(4000);
    const [job] = await pendingJobs(db, "mail.send").then((jobs) => jobs.filter((j) => j.key === `mail:${failing!.id}`));
    expect(Math.abs(job!.runAt.getTime() - failing!.nextAttemptAt!.getTime())).toBeLessThan(1500);

    // What an admin sees at /outbox.
    const admin = await loadActor(db, (await createPerson(db, { roles: ["admin"] })).id);
    const listed = (await listOutbox(db, admin, { developmentMode: false })).find((m) => m.id === failing!.id);
    expect(listed).toMatchObject({ attempts: 1, error: failing!.error, nextAttemptAt: failing!.nextAttemptAt });

    const rest = await runJobsUntilIdle(db, { advanceMs: 60_000 });
    expect(rest).toMatchObject({ failed: 1, succeeded: 1 });
    expect(received(to)).toHaveLength(1);
    const [delivered] = await rowsTo([to]);
    expect(delivered).toMatchObject({ attempts: 3, nextAttemptAt: null });
    expect(delivered!.sentAt).toBeInstanceOf(Date);
  });

  it("keeps to the per-minute send limit, spacing messages in order instead of dropping them", async () => {
    process.env.MAIL_RATE_PER_MINUTE = "3"; // one every 20 s
    const people = await Promise.all(Array.from({ length: 4 }, () => createPerson(db)));
    await db.transaction((tx) => notify(tx, people.map((p) => p.id), { kind: "paper_published", title: "Rate-limited", url: "/papers/z", text: "Hello." }));
    const emails = people.map((p) => p.email);

    await runJobsUntilIdle(db);
    expect(sink.messages.filter((m) => emails.some((e) => m.to.includes(e)))).toHaveLength(1);
    const waiting = (await rowsTo(emails)).filter((r) => !r.sentAt).sort((a, b) => a.rateSlotAt!.getTime() - b.rateSlotAt!.getTime());
    expect(waiting).toHaveLength(3);
    // Each holds its own slot, 20 s after the one before; waiting is not an attempt.
    const gaps = waiting.slice(1).map((r, i) => r.rateSlotAt!.getTime() - waiting[i]!.rateSlotAt!.getTime());
    for (const gap of gaps) expect(Math.abs(gap - 20_000)).toBeLessThan(50);
    expect(waiting.every((r) => r.attempts === 0 && r.error === null)).toBe(true);
    expect(waiting[0]!.rateSlotAt!.getTime() - Date.now()).toBeGreaterThan(15_000);

    // Half a minute passes (every stored time moves 30 s earlier): one more is due, not the others.
    await timePassesAndJobsRun(30_000);
    expect(sink.messages.filter((m) => emails.some((e) => m.to.includes(e)))).toHaveLength(2);
    await timePassesAndJobsRun(60_000);
    expect(sink.messages.filter((m) => emails.some((e) => m.to.includes(e)))).toHaveLength(4);
    const sent = await rowsTo(emails);
    expect(sent.every((r) => r.sentAt && r.attempts === 1 && r.rateSlotAt === null)).toBe(true);
  });

  it("respects a member's choice of no e-mail for a kind", async () => {
    const quiet = await createPerson(db);
    await db.execute(sql`insert into notification_preferences (user_id, email_paper_published) values (${quiet.id}, 'never')`);
    await db.transaction((tx) => notify(tx, [quiet.id], { kind: "paper_published", title: "Not mailed", url: "/papers/q", text: "x" }));
    await runJobsUntilIdle(db);
    expect(await db.select().from(outbox).where(eq(outbox.to, quiet.email))).toEqual([]);
  });
});
