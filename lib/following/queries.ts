import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { follows, notificationPreferences, notifications, papers, themes } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { isUuid } from "@/lib/papers/resource";
import { DEFAULT_MAIL_SETTINGS, type MailSettings, type NotificationKind } from "@/lib/mail/preferences";

const ownerOf = (actor: Actor) => ({ userId: actor.id ?? "" });

/** Whether the viewer follows this theme or paper; false for anyone who may not follow. */
export async function isFollowing(db: Db, actor: Actor, targetType: "theme" | "paper", targetId: string): Promise<boolean> {
  if (!can(actor, "follow.manage", ownerOf(actor))) return false;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(follows)
    .where(and(eq(follows.userId, actor.id!), eq(follows.targetType, targetType), eq(follows.targetId, targetId)))
    .limit(1);
  return !!row;
}

export interface FollowedItem {
  targetType: "theme" | "paper";
  targetId: string;
  label: string;
  href: string;
  since: Date;
}

/** What the actor follows, newest first, with a label and link for each; things since removed are skipped. */
export async function listFollows(db: Db, actor: Actor): Promise<FollowedItem[]> {
  assertCan(actor, "notification.read", ownerOf(actor));
  const rows = await db
    .select({
      targetType: follows.targetType,
      targetId: follows.targetId,
      since: follows.createdAt,
      themeTitle: themes.title,
      themeSlug: themes.slug,
      paperTitle: papers.title,
    })
    .from(follows)
    .leftJoin(themes, and(eq(follows.targetType, "theme"), eq(themes.id, follows.targetId)))
    .leftJoin(papers, and(eq(follows.targetType, "paper"), eq(papers.id, follows.targetId)))
    .where(eq(follows.userId, actor.id!))
    // Follows made in one transaction share their time: the target breaks the tie, so the list
    // is the same on every instance and after a restore (the row order on disk is not).
    .orderBy(desc(follows.createdAt), follows.targetType, follows.targetId);
  return rows.flatMap((r): FollowedItem[] => {
    if (r.targetType === "theme" && r.themeTitle && r.themeSlug) return [{ targetType: "theme", targetId: r.targetId, label: r.themeTitle, href: `/themes/${r.themeSlug}`, since: r.since }];
    if (r.targetType === "paper" && r.paperTitle) return [{ targetType: "paper", targetId: r.targetId, label: r.paperTitle, href: `/papers/${r.targetId}`, since: r.since }];
    return [];
  });
}

/** The bell's number: one indexed count, made on every page for signed-in people. */
export async function unreadNotificationCount(db: Db, actor: Actor): Promise<number> {
  if (!can(actor, "notification.read", ownerOf(actor))) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id!), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  url: string;
  createdAt: Date;
  read: boolean;
}

export const NOTIFICATIONS_PAGE_SIZE = 30;

export async function listNotifications(db: Db, actor: Actor, opts: { page: number }): Promise<{ rows: NotificationView[]; total: number; unread: number }> {
  assertCan(actor, "notification.read", ownerOf(actor));
  const mine = eq(notifications.userId, actor.id!);
  const [totals, rows] = await Promise.all([
    db
      .select({ total: count(), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(Number) })
      .from(notifications)
      .where(mine),
    db
      .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, url: notifications.url, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(mine)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset((opts.page - 1) * NOTIFICATIONS_PAGE_SIZE),
  ]);
  return {
    total: totals[0]?.total ?? 0,
    unread: totals[0]?.unread ?? 0,
    rows: rows.map(({ readAt, ...r }) => ({ ...r, read: readAt !== null })),
  };
}

export type NotificationSettings = MailSettings;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = DEFAULT_MAIL_SETTINGS;

export async function getNotificationSettings(db: Db, actor: Actor): Promise<NotificationSettings> {
  assertCan(actor, "notification.read", ownerOf(actor));
  const [row] = await db
    .select({
      emailPaperPublished: notificationPreferences.emailPaperPublished,
      emailCommentReply: notificationPreferences.emailCommentReply,
      emailPaperDecision: notificationPreferences.emailPaperDecision,
      emailModeration: notificationPreferences.emailModeration,
      emailMention: notificationPreferences.emailMention,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, actor.id!));
  return row ?? DEFAULT_NOTIFICATION_SETTINGS;
}

/** The page of a followable thing, e.g. to come back to after signing in. */
export async function followTargetPath(db: Db, targetType: "theme" | "paper", targetId: string): Promise<string> {
  if (targetType === "paper") return `/papers/${targetId}`;
  if (!isUuid(targetId)) return "/";
  const [theme] = await db.select({ slug: themes.slug }).from(themes).where(eq(themes.id, targetId));
  return theme ? `/themes/${theme.slug}` : "/";
}
