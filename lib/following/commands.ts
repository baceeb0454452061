import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { follows, notificationPreferences, notifications } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid, loadPaperResource } from "@/lib/papers/resource";
import type { NotificationSettingsInput } from "@/lib/validation/following";
import { loadThemeResource } from "@/lib/themes/resource";

export type FollowTarget = { targetType: "theme" | "paper"; targetId: string };

const ownerOf = (actor: Actor) => ({ userId: actor.id ?? "" });

/** One can only follow what one can read: an archived theme or a hidden paper is "not found". */
async function assertFollowable(db: Db, actor: Actor, target: FollowTarget): Promise<void> {
  if (target.targetType === "theme") {
    const theme = await loadThemeResource(db, target.targetId);
    if (!can(actor, "theme.view", theme)) throw notFound("theme", "That theme could not be found.");
    return;
  }
  const paper = await loadPaperResource(db, target.targetId);
  if (!can(actor, "paper.view", paper)) throw notFound("paper", "That paper could not be found.");
}

/** Follows or unfollows a theme or a paper. Both directions are idempotent: doing it twice changes nothing. */
export async function setFollowing(db: Db, actor: Actor, target: FollowTarget, following: boolean): Promise<{ following: boolean }> {
  assertCan(actor, "follow.manage", ownerOf(actor));
  const userId = actor.id!;
  if (!following) {
    // Unfollowing needs no check on the target: one may leave something that has since been hidden.
    await db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.targetType, target.targetType), eq(follows.targetId, target.targetId)));
    return { following: false };
  }
  await assertFollowable(db, actor, target);
  await db.insert(follows).values({ userId, ...target }).onConflictDoNothing();
  return { following: true };
}

export const follow = (db: Db, actor: Actor, target: FollowTarget) => setFollowing(db, actor, target, true);
export const unfollow = (db: Db, actor: Actor, target: FollowTarget) => setFollowing(db, actor, target, false);

/**
 * Marks one of the actor's notifications read and returns where it points. Another person's
 * notification is "not found", so ids cannot be probed.
 */
export async function openNotification(db: Db, actor: Actor, notificationId: string): Promise<{ url: string }> {
  if (!isUuid(notificationId)) throw notFound("notification", "That notification could not be found.");
  const [row] = await db.select({ userId: notifications.userId, url: notifications.url }).from(notifications).where(eq(notifications.id, notificationId));
  if (actor.id === null) assertCan(actor, "notification.read", { userId: row?.userId ?? "" });
  if (!row || !can(actor, "notification.read", { userId: row.userId })) throw notFound("notification", "That notification could not be found.");
  await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.id, notificationId), isNull(notifications.readAt)));
  return { url: safeLocalUrl(row.url) };
}

export async function markAllNotificationsRead(db: Db, actor: Actor): Promise<number> {
  assertCan(actor, "notification.read", ownerOf(actor));
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.id!), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function updateNotificationSettings(db: Db, actor: Actor, input: NotificationSettingsInput): Promise<void> {
  assertCan(actor, "notification.settings", ownerOf(actor));
  const values = { ...input, updatedAt: new Date() };
  await db
    .insert(notificationPreferences)
    .values({ userId: actor.id!, ...values })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
}

/** Notification links are site-relative; anything else (which notify never writes) goes home rather than off-site. */
export function safeLocalUrl(url: string): string {
  return url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") ? url : "/";
}
