/**
 * The site's messages: a plain thread between two members, the channel through which contact is
 * exchanged after an invitation is accepted. No e-mail address is ever part of it.
 */
import { and, asc, desc, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { messageThreads, messages, users } from "@/db/schema";
import { aliasedTable } from "drizzle-orm";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/core";
import { notFound } from "@/lib/errors";
import { memberNameSql, publicNameSql } from "./public-name";

const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

/** The one thread between two members, made on first use. */
export async function ensureThread(tx: Tx, x: string, y: string): Promise<string> {
  const [memberA, memberB] = ordered(x, y);
  await tx.insert(messageThreads).values({ memberA, memberB }).onConflictDoNothing();
  const [row] = await tx.select({ id: messageThreads.id }).from(messageThreads).where(and(eq(messageThreads.memberA, memberA), eq(messageThreads.memberB, memberB)));
  return row!.id;
}

/** Adds a message (senderId null: written by the site) and moves the thread to the top. */
export async function appendMessage(tx: Tx, threadId: string, senderId: string | null, body: string, helpRequestId: string | null = null): Promise<void> {
  await tx.insert(messages).values({ threadId, senderId, body, helpRequestId });
  await tx.update(messageThreads).set({ lastMessageAt: new Date() }).where(eq(messageThreads.id, threadId));
}

async function loadThread(db: Tx, threadId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(threadId)) throw notFound("thread", "That conversation could not be found.");
  const [t] = await db.select({ id: messageThreads.id, memberA: messageThreads.memberA, memberB: messageThreads.memberB }).from(messageThreads).where(eq(messageThreads.id, threadId));
  if (!t) throw notFound("thread", "That conversation could not be found.");
  return t;
}

export async function sendMessage(db: Db, actor: Actor, threadId: string, body: string): Promise<void> {
  await db.transaction(async (tx) => {
    const t = await loadThread(tx, threadId);
    assertCan(actor, "message.send", t);
    await appendMessage(tx, threadId, actor.id, body);
  });
}

export interface ThreadSummary {
  id: string;
  otherName: string;
  lastMessageAt: Date;
  unread: number;
}

const other = aliasedTable(users, "other_member");

export async function listThreads(db: Tx, actor: Actor): Promise<ThreadSummary[]> {
  if (!actor.id) return [];
  const me = actor.id;
  return db
    .select({
      id: messageThreads.id,
      otherName: memberNameSql(other),
      lastMessageAt: messageThreads.lastMessageAt,
      unread: sql<number>`(select count(*) from ${messages} m where m.thread_id = ${messageThreads.id} and m.read_at is null and m.sender_id is distinct from ${me}::uuid)`.mapWith(Number),
    })
    .from(messageThreads)
    .innerJoin(other, eq(other.id, sql`case when ${messageThreads.memberA} = ${me}::uuid then ${messageThreads.memberB} else ${messageThreads.memberA} end`))
    .where(or(eq(messageThreads.memberA, me), eq(messageThreads.memberB, me)))
    .orderBy(desc(messageThreads.lastMessageAt));
}

export interface ThreadView {
  id: string;
  otherName: string;
  messages: { id: string; fromMe: boolean; fromSite: boolean; senderName: string; body: string; createdAt: Date }[];
}

/** A thread and its messages, for one of its two members; reading it marks the other's messages read. */
export async function getThread(db: Db, actor: Actor, threadId: string): Promise<ThreadView> {
  const t = await loadThread(db, threadId);
  assertCan(actor, "message.read", t);
  const me = actor.id!;
  const otherId = t.memberA === me ? t.memberB : t.memberA;
  const [o] = await db.select({ name: publicNameSql() }).from(users).where(eq(users.id, otherId));
  const rows = await db
    .select({ id: messages.id, senderId: messages.senderId, senderName: publicNameSql(), body: messages.body, createdAt: messages.createdAt })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(eq(messages.threadId, threadId))
    .orderBy(asc(messages.createdAt));
  await db.update(messages).set({ readAt: new Date() }).where(and(eq(messages.threadId, threadId), isNull(messages.readAt), or(isNull(messages.senderId), ne(messages.senderId, me))));
  return {
    id: t.id,
    otherName: o?.name ?? "Former member",
    messages: rows.map((r) => ({ id: r.id, fromMe: r.senderId === me, fromSite: r.senderId === null, senderName: r.senderId === null ? "Commonplace" : (r.senderName ?? "Former member"), body: r.body, createdAt: r.createdAt })),
  };
}
