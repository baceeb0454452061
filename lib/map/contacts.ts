/**
 * "Find the people who agree with you": members near the viewer on a theme's map who opted in to
 * be findable, and mutual contact requests. Nobody's name is shown until both have said yes:
 * sending a request is the sender's yes, accepting it the recipient's.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { contactRequests, mapFindable, mapPoints, mapVersions, statementVotes, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { publicNameSql } from "@/lib/auth/public-name";
import type { Actor } from "@/lib/auth/permissions";
import type { ContactRequestResource } from "@/lib/auth/rules/convergence";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { notify } from "@/lib/following/notify";
import { authSecret } from "@/lib/secrets";
import type { ContactRequestInput, ContactResponseInput } from "@/lib/validation/convergence";
import { loadTheme } from "./statements";

export const NEAREST_LIMIT = 5;

/** The one rule for the name a member shows (lib/auth/public-name.ts). */
const publicName = publicNameSql();

/**
 * An opaque handle for a findable member on one theme: the page never carries their id, which
 * other pages pair with a name. HMAC-SHA256 keyed by the server secret, so it cannot be forged
 * or reversed; resolved by recomputing it for the theme's findable members.
 */
export function contactHandle(themeId: string, userId: string): string {
  return createHmac("sha256", authSecret()).update(`map-contact:${themeId}:${userId}`).digest("hex").slice(0, 32);
}

export async function setFindable(db: Db, actor: Actor, themeId: string, findable: boolean): Promise<void> {
  const theme = await loadTheme(db, themeId);
  assertCan(actor, "map.setFindable", theme);
  if (findable) await db.insert(mapFindable).values({ themeId: theme.id, userId: actor.id! }).onConflictDoNothing();
  else await db.delete(mapFindable).where(and(eq(mapFindable.themeId, theme.id), eq(mapFindable.userId, actor.id!)));
}

export interface NearbyMember {
  handle: string;
  /** Distance on the map, and agreement on the statements both voted on. */
  distance: number;
  shared: number;
  same: number;
  group: string | null;
  /** Where a request between the two stands, if any (from the viewer's side). */
  request: "sent" | "received" | "connected" | null;
}

/** The findable members nearest the viewer on the latest map, without names. Members only. */
export async function nearestFindable(db: Tx, actor: Actor, themeId: string): Promise<NearbyMember[]> {
  if (actor.id === null || actor.standing !== "member") return [];
  const [latest] = await db.select({ id: mapVersions.id }).from(mapVersions).where(eq(mapVersions.themeId, themeId)).orderBy(desc(mapVersions.version)).limit(1);
  if (!latest) return [];
  const [me] = await db.select({ x: mapPoints.x, y: mapPoints.y }).from(mapPoints).where(and(eq(mapPoints.mapVersionId, latest.id), eq(mapPoints.userId, actor.id)));
  if (!me) return [];
  const near = await db
    .select({ userId: mapPoints.userId, group: mapPoints.groupKey, distance: sql<number>`sqrt(power(${mapPoints.x} - ${me.x}, 2) + power(${mapPoints.y} - ${me.y}, 2))` })
    .from(mapPoints)
    .innerJoin(mapFindable, and(eq(mapFindable.userId, mapPoints.userId), eq(mapFindable.themeId, themeId)))
    .innerJoin(users, eq(users.id, mapPoints.userId))
    .where(and(eq(mapPoints.mapVersionId, latest.id), sql`${mapPoints.userId} <> ${actor.id}`, sql`${users.suspendedAt} is null`))
    .orderBy(sql`3`)
    .limit(NEAREST_LIMIT);
  if (!near.length) return [];
  const ids = near.map((n) => n.userId);
  const agreement = await db.execute<{ user_id: string; shared: number; same: number }>(sql`
    select o.user_id, count(*)::int shared, count(*) filter (where o.value = m.value)::int same
    from ${statementVotes} m join ${statementVotes} o on o.statement_id = m.statement_id
    where m.user_id = ${actor.id} and m.theme_id = ${themeId} and o.user_id in ${ids}
    group by o.user_id`);
  const byUser = new Map(agreement.rows.map((r) => [r.user_id, r]));
  const requests = await db
    .select({ fromId: contactRequests.fromId, toId: contactRequests.toId, status: contactRequests.status })
    .from(contactRequests)
    .where(and(eq(contactRequests.themeId, themeId), or(and(eq(contactRequests.fromId, actor.id), inArray(contactRequests.toId, ids)), and(eq(contactRequests.toId, actor.id), inArray(contactRequests.fromId, ids)))));
  return near.map((n) => {
    const r = requests.find((q) => q.fromId === n.userId || q.toId === n.userId);
    const request = !r || r.status === "withdrawn" || r.status === "declined" ? null : r.status === "accepted" ? "connected" : r.fromId === actor.id ? "sent" : "received";
    return { handle: contactHandle(themeId, n.userId), distance: n.distance, shared: byUser.get(n.userId)?.shared ?? 0, same: byUser.get(n.userId)?.same ?? 0, group: n.group, request };
  });
}

/** Asks to be put in touch with a findable member near one on the map. They see no name until they accept. */
export async function requestContact(db: Db, actor: Actor, input: ContactRequestInput): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const theme = await loadTheme(tx, input.themeId);
    const findable = await tx.select({ userId: mapFindable.userId }).from(mapFindable).where(eq(mapFindable.themeId, theme.id));
    const wanted = Buffer.from(input.handle);
    const target = findable.find((f) => timingSafeEqual(Buffer.from(contactHandle(theme.id, f.userId)), wanted));
    if (!target) throw notFound("contact", "That member is no longer findable on this map.");
    assertCan(actor, "contact.request", { userId: target.userId, findable: true, theme });
    // Asking someone who already asked you is saying yes to them.
    const [reverse] = await tx
      .select({ id: contactRequests.id, status: contactRequests.status })
      .from(contactRequests)
      .where(and(eq(contactRequests.themeId, theme.id), eq(contactRequests.fromId, target.userId), eq(contactRequests.toId, actor.id!)));
    if (reverse?.status === "pending") {
      await tx.update(contactRequests).set({ status: "accepted", respondedAt: new Date() }).where(eq(contactRequests.id, reverse.id));
      await notifyAccepted(tx, theme, target.userId, actor.id!);
      return { id: reverse.id };
    }
    try {
      const [row] = await tx
        .insert(contactRequests)
        .values({ themeId: theme.id, fromId: actor.id!, toId: target.userId })
        .onConflictDoUpdate({ target: [contactRequests.themeId, contactRequests.fromId, contactRequests.toId], set: { status: "pending", createdAt: new Date(), respondedAt: null }, where: sql`${contactRequests.status} = 'withdrawn'` })
        .returning({ id: contactRequests.id });
      if (!row) throw new AppError("conflict:contact", "You have already asked this member; they decide whether to accept.");
      await notify(tx, [target.userId], {
        kind: "contact_request",
        title: `A member near you on the “${theme.title}” map would like to be in touch`,
        url: `/themes/${theme.slug}/map#people`,
        text: "Neither of you sees the other's name unless you accept. You can also decline; they are not told why.",
      }, { actorId: actor.id });
      return row;
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError("conflict:contact", "You have already asked this member; they decide whether to accept.");
      throw e;
    }
  });
}

async function notifyAccepted(tx: Tx, theme: { slug: string; title: string }, senderId: string, accepterId: string) {
  await notify(tx, [senderId], {
    kind: "contact_request",
    title: `A member on the “${theme.title}” map accepted your request`,
    url: `/themes/${theme.slug}/map#people`,
    text: "You can now see each other's names on the map page.",
  }, { actorId: accepterId });
}

/** The recipient accepts (both names become visible to both) or declines (the sender is not told why). */
export async function respondToContact(db: Db, actor: Actor, input: ContactResponseInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: contactRequests.id, fromId: contactRequests.fromId, toId: contactRequests.toId, status: contactRequests.status, themeId: contactRequests.themeId })
      .from(contactRequests)
      .where(eq(contactRequests.id, input.requestId))
      .for("update");
    // Someone else's request is "not found", not "forbidden": its existence is the recipient's business.
    if (!row || (actor.id !== row.toId && actor.id !== row.fromId)) throw notFound("contact", "That request could not be found.");
    assertCan(actor, "contact.respond", row as ContactRequestResource);
    await tx.update(contactRequests).set({ status: input.accept ? "accepted" : "declined", respondedAt: new Date() }).where(eq(contactRequests.id, row.id));
    if (input.accept) await notifyAccepted(tx, await loadTheme(tx, row.themeId), row.fromId, actor.id!);
  });
}

export interface ContactView {
  id: string;
  direction: "incoming" | "outgoing";
  status: "pending" | "accepted" | "declined" | "withdrawn";
  /** Only once both have accepted. */
  name: string | null;
  createdAt: Date;
}

/** The viewer's contact requests on a theme, with names only where both said yes. */
export async function listContacts(db: Tx, actor: Actor, themeId: string): Promise<ContactView[]> {
  if (actor.id === null || actor.standing !== "member") return [];
  const rows = await db
    .select({ id: contactRequests.id, fromId: contactRequests.fromId, toId: contactRequests.toId, status: contactRequests.status, createdAt: contactRequests.createdAt })
    .from(contactRequests)
    .where(and(eq(contactRequests.themeId, themeId), or(eq(contactRequests.fromId, actor.id), eq(contactRequests.toId, actor.id))))
    .orderBy(desc(contactRequests.createdAt));
  const accepted = rows.filter((r) => r.status === "accepted").map((r) => (r.fromId === actor.id ? r.toId : r.fromId));
  const names = accepted.length ? await db.select({ id: users.id, name: publicName }).from(users).where(inArray(users.id, accepted)) : [];
  return rows
    .filter((r) => r.status !== "withdrawn" && !(r.status === "declined" && r.toId === actor.id))
    .map((r) => {
      const other = r.fromId === actor.id ? r.toId : r.fromId;
      return {
        id: r.id,
        direction: r.fromId === actor.id ? "outgoing" : "incoming",
        // A declined request shows the sender only "not accepted", never who.
        status: r.status,
        name: r.status === "accepted" ? (names.find((n) => n.id === other)?.name ?? null) : null,
        createdAt: r.createdAt,
      };
    });
}
