import { and, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { follows, notifications, outbox } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import type { TaskList } from "graphile-worker";
import { tasks } from "@/lib/jobs/tasks";
import { createPerson, createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { runJobsUntilIdle } from "@/lib/testing/jobs";
import { follow, markAllNotificationsRead, openNotification, setFollowing, unfollow, updateNotificationSettings } from "./commands";
import { notify, notifyComment, notifyModeration, notifyPaperDecision, notifyPaperPublished } from "./notify";
import { getNotificationSettings, isFollowing, listFollows, listNotifications, NOTIFICATIONS_PAGE_SIZE, unreadNotificationCount } from "./queries";

const db = getDb();
afterAll(() => closeDb());

const person = async (spec?: Parameters<typeof createPerson>[1]) => {
  const p = await createPerson(db, spec);
  return { ...p, actor: await loadActor(db, p.id) };
};
const notificationsOf = (userId: string) => db.select().from(notifications).where(eq(notifications.userId, userId));
/** The e-mails a member was sent: the fanout jobs run first (they turn notifications into outbox rows). */
const mailTo = async (email: string) => {
  await runJobsUntilIdle(db, { taskList: { "mail.fanout": tasks["mail.fanout"] } as unknown as TaskList });
  return db.select().from(outbox).where(eq(outbox.to, email));
};
const atOnce = { emailPaperPublished: "immediate", emailCommentReply: "immediate", emailPaperDecision: "immediate", emailModeration: "immediate", emailMention: "immediate" } as const;
const none = { emailPaperPublished: "never", emailCommentReply: "never", emailPaperDecision: "never", emailModeration: "never", emailMention: "never" } as const;
const published = (paper: { id: string; title: string; themeId: string; authorId: string | null }, themeTitle: string, version = 1) => ({ ...paper, themeTitle, version });

describe("following", () => {
  it("follows and unfollows a theme, idempotently", async () => {
    const { actor } = await person();
    const theme = await createTestTheme(db);
    const target = { targetType: "theme" as const, targetId: theme.id };
    expect(await follow(db, actor, target)).toEqual({ following: true });
    expect(await follow(db, actor, target)).toEqual({ following: true });
    const rows = await db.select().from(follows).where(and(eq(follows.userId, actor.id!), eq(follows.targetId, theme.id)));
    expect(rows).toHaveLength(1);
    expect(await isFollowing(db, actor, "theme", theme.id)).toBe(true);
    expect(await unfollow(db, actor, target)).toEqual({ following: false });
    expect(await unfollow(db, actor, target)).toEqual({ following: false });
    expect(await isFollowing(db, actor, "theme", theme.id)).toBe(false);
  });

  it("lists what one follows with a label and link, newest first", async () => {
    const { actor } = await person();
    const theme = await createTestTheme(db, { title: "Followed theme" });
    const paper = await createTestPaper(db, { title: "Followed paper" });
    await follow(db, actor, { targetType: "theme", targetId: theme.id });
    await follow(db, actor, { targetType: "paper", targetId: paper.id });
    const list = await listFollows(db, actor);
    expect(list.map((f) => [f.targetType, f.label, f.href])).toEqual(
      expect.arrayContaining([
        ["theme", "Followed theme", `/themes/${theme.slug}`],
        ["paper", "Followed paper", `/papers/${paper.id}`],
      ]),
    );
  });

  it("refuses visitors and suspended accounts, and things one cannot read", async () => {
    const theme = await createTestTheme(db);
    await expect(follow(db, VISITOR, { targetType: "theme", targetId: theme.id })).rejects.toMatchObject({ kind: "unauthenticated" });
    const { actor: suspended } = await person({ standing: "suspended" });
    await expect(follow(db, suspended, { targetType: "theme", targetId: theme.id })).rejects.toMatchObject({ kind: "forbidden" });
    const { actor } = await person();
    const archived = await createTestTheme(db, { archivedAt: new Date() });
    await expect(follow(db, actor, { targetType: "theme", targetId: archived.id })).rejects.toMatchObject({ kind: "not_found" });
    const hidden = await createTestPaper(db, { hidden: true });
    await expect(follow(db, actor, { targetType: "paper", targetId: hidden.id })).rejects.toMatchObject({ kind: "not_found" });
    const draft = await createTestPaper(db, { status: "draft" });
    await expect(follow(db, actor, { targetType: "paper", targetId: draft.id })).rejects.toMatchObject({ kind: "not_found" });
    await expect(follow(db, actor, { targetType: "paper", targetId: "not-a-uuid" })).rejects.toMatchObject({ kind: "not_found" });
    // Leaving something since hidden is still allowed.
    await expect(setFollowing(db, actor, { targetType: "paper", targetId: hidden.id }, false)).resolves.toEqual({ following: false });
    expect(await isFollowing(db, VISITOR, "theme", theme.id)).toBe(false);
  });

  it("a registered (unverified) account may follow", async () => {
    const { actor } = await person({ standing: "registered" });
    const theme = await createTestTheme(db);
    await expect(follow(db, actor, { targetType: "theme", targetId: theme.id })).resolves.toEqual({ following: true });
  });
});

describe("notify rules", () => {
  it("tells a theme's followers of a new paper, in the app and by e-mail, but never the actor nor the author", async () => {
    const theme = await createTestTheme(db, { title: "Energy" });
    const [reader, council, author] = await Promise.all([person(), person({ roles: ["council"] }), person()]);
    for (const p of [reader, council, author]) await follow(db, p.actor, { targetType: "theme", targetId: theme.id });
    const paper = await createTestPaper(db, { themeId: theme.id, authorId: author.id, title: "Wind first" });
    const sent = await notifyPaperPublished(db, published(paper, theme.title), council.id);
    expect(sent).toBe(1);
    const [n] = await notificationsOf(reader.id);
    expect(n).toMatchObject({ kind: "paper_published", url: `/papers/${paper.id}`, title: "New in Energy: Wind first", readAt: null });
    expect(await notificationsOf(council.id)).toHaveLength(0);
    expect(await notificationsOf(author.id)).toHaveLength(0);
    const mail = await mailTo(reader.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(`/papers/${paper.id}`);
    expect(mail[0]!.text).toContain("/settings/notifications");
  });

  it("says so when a revised version is published", async () => {
    const theme = await createTestTheme(db);
    const reader = await person();
    await follow(db, reader.actor, { targetType: "theme", targetId: theme.id });
    const paper = await createTestPaper(db, { themeId: theme.id });
    await notifyPaperPublished(db, published(paper, theme.title, 2), null);
    expect((await mailTo(reader.email))[0]!.text).toContain("A revised version (v2)");
  });

  it("a reply to a follower of the paper makes one notification, the reply; the commenter hears nothing", async () => {
    const [parentAuthor, follower, commenter] = await Promise.all([person(), person(), person()]);
    const paper = await createTestPaper(db, { title: "Rail" });
    for (const p of [parentAuthor, follower, commenter]) await follow(db, p.actor, { targetType: "paper", targetId: paper.id });
    const parent = await createTestComment(db, { paperId: paper.id, authorId: parentAuthor.id });
    const reply = await createTestComment(db, { paperId: paper.id, authorId: commenter.id, parentId: parent.id, depth: 1 });
    const sent = await notifyComment(db, { id: reply.id, paperId: paper.id, paperTitle: paper.title, authorId: commenter.id, authorName: commenter.displayName, parentAuthorId: parentAuthor.id });
    expect(sent).toBe(2);
    const toParent = await notificationsOf(parentAuthor.id);
    expect(toParent.map((n) => n.kind)).toEqual(["comment_reply"]);
    expect(toParent[0]!.url).toBe(`/papers/${paper.id}/c/${reply.id}`);
    expect((await notificationsOf(follower.id)).map((n) => n.kind)).toEqual(["paper_comment"]);
    expect(await notificationsOf(commenter.id)).toHaveLength(0);
  });

  it("replying to oneself notifies nobody but followers", async () => {
    const author = await person();
    const paper = await createTestPaper(db);
    const parent = await createTestComment(db, { paperId: paper.id, authorId: author.id });
    const reply = await createTestComment(db, { paperId: paper.id, authorId: author.id, parentId: parent.id });
    expect(await notifyComment(db, { id: reply.id, paperId: paper.id, paperTitle: paper.title, authorId: author.id, authorName: author.displayName, parentAuthorId: author.id })).toBe(0);
  });

  it("turning off one e-mail stops that e-mail but keeps the notification, and leaves the others on", async () => {
    const me = await person();
    await updateNotificationSettings(db, me.actor, { ...atOnce, emailCommentReply: "never" });
    expect(await getNotificationSettings(db, me.actor)).toMatchObject({ emailCommentReply: "never", emailPaperPublished: "immediate" });
    const other = await person();
    const paper = await createTestPaper(db, { authorId: me.id, title: "Mine" });
    const parent = await createTestComment(db, { paperId: paper.id, authorId: me.id });
    const reply = await createTestComment(db, { paperId: paper.id, authorId: other.id, parentId: parent.id });
    await notifyComment(db, { id: reply.id, paperId: paper.id, paperTitle: paper.title, authorId: other.id, authorName: other.displayName, parentAuthorId: me.id });
    expect((await notificationsOf(me.id)).map((n) => n.kind)).toEqual(["comment_reply"]);
    expect(await mailTo(me.email)).toHaveLength(0);

    await notifyPaperDecision(db, { id: paper.id, title: paper.title, authorId: me.id }, "return", "Please cite sources.", (await person({ roles: ["council"] })).id);
    const mail = await mailTo(me.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain("Please cite sources.");
    expect((await notificationsOf(me.id)).find((n) => n.kind === "paper_decision")?.url).toBe(`/papers/${paper.id}/edit`);
  });

  it("the moderation e-mail follows its own switch", async () => {
    const me = await person();
    await updateNotificationSettings(db, me.actor, { ...atOnce, emailModeration: "never" });
    const moderator = await person({ roles: ["moderator"] });
    await notifyModeration(db, { authorId: me.id, hidden: true, what: "comment", title: "a comment", url: "/papers/x/c/y", reason: "Off topic" }, moderator.id);
    expect((await notificationsOf(me.id)).map((n) => n.kind)).toEqual(["content_hidden"]);
    expect(await mailTo(me.email)).toHaveLength(0);
    // Settings saved twice update the same row.
    await updateNotificationSettings(db, me.actor, { ...atOnce, emailPaperPublished: "daily" });
    expect(await getNotificationSettings(db, me.actor)).toEqual({ ...atOnce, emailPaperPublished: "daily" });
  });

  it("settings are for active members only", async () => {
    const { actor: suspended } = await person({ standing: "suspended" });
    await expect(updateNotificationSettings(db, suspended, none)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(updateNotificationSettings(db, VISITOR, none)).rejects.toMatchObject({ kind: "unauthenticated" });
  });
});

describe("notifications", () => {
  it("counts unread, lists newest first with pages, opens one (marking it read) and marks all read", async () => {
    const me = await person();
    for (let i = 0; i < NOTIFICATIONS_PAGE_SIZE + 2; i++) {
      await notify(db, [me.id], { kind: "paper_published", title: `N${i}`, url: `/papers/${i}`, text: "x" });
    }
    expect(await unreadNotificationCount(db, me.actor)).toBe(NOTIFICATIONS_PAGE_SIZE + 2);
    const first = await listNotifications(db, me.actor, { page: 1 });
    expect(first.total).toBe(NOTIFICATIONS_PAGE_SIZE + 2);
    expect(first.rows).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.rows[0]!.title).toBe(`N${NOTIFICATIONS_PAGE_SIZE + 1}`);
    expect((await listNotifications(db, me.actor, { page: 2 })).rows.map((r) => r.title)).toEqual(["N1", "N0"]);

    const opened = await openNotification(db, me.actor, first.rows[0]!.id);
    expect(opened.url).toBe(`/papers/${NOTIFICATIONS_PAGE_SIZE + 1}`);
    expect(await unreadNotificationCount(db, me.actor)).toBe(NOTIFICATIONS_PAGE_SIZE + 1);
    const again = await listNotifications(db, me.actor, { page: 1 });
    expect(again.rows[0]!.read).toBe(true);
    expect(again.unread).toBe(NOTIFICATIONS_PAGE_SIZE + 1);

    expect(await markAllNotificationsRead(db, me.actor)).toBe(NOTIFICATIONS_PAGE_SIZE + 1);
    expect(await unreadNotificationCount(db, me.actor)).toBe(0);
    expect(await markAllNotificationsRead(db, me.actor)).toBe(0);
  });

  it("one member can neither open nor mark another's notifications", async () => {
    const [alice, bob] = await Promise.all([person(), person()]);
    await notify(db, [alice.id], { kind: "comment_reply", title: "For Alice", url: "/papers/a", text: "x" });
    const [theirs] = await notificationsOf(alice.id);
    await expect(openNotification(db, bob.actor, theirs!.id)).rejects.toMatchObject({ kind: "not_found" });
    await expect(openNotification(db, VISITOR, theirs!.id)).rejects.toMatchObject({ kind: "unauthenticated" });
    await markAllNotificationsRead(db, bob.actor);
    expect(await unreadNotificationCount(db, alice.actor)).toBe(1);
    expect((await listNotifications(db, bob.actor, { page: 1 })).rows).toHaveLength(0);
    await expect(listNotifications(db, VISITOR, { page: 1 })).rejects.toMatchObject({ kind: "unauthenticated" });
    await expect(openNotification(db, alice.actor, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ kind: "not_found" });
    expect(await unreadNotificationCount(db, VISITOR)).toBe(0);
  });

  it("a suspended member can still read their notifications", async () => {
    const me = await person({ standing: "suspended" });
    await notify(db, [me.id], { kind: "content_hidden", title: "Hidden", url: "/moderation-log", text: "x" });
    const [n] = await notificationsOf(me.id);
    await expect(openNotification(db, me.actor, n!.id)).resolves.toEqual({ url: "/moderation-log" });
  });

  it("never redirects off the site, whatever a row says", async () => {
    const me = await person();
    await db.insert(notifications).values({ userId: me.id, kind: "paper_published", title: "odd", url: "//evil.example/x" });
    const [n] = await db.select().from(notifications).where(and(eq(notifications.userId, me.id), inArray(notifications.title, ["odd"])));
    expect(await openNotification(db, me.actor, n!.id)).toEqual({ url: "/" });
  });
});
