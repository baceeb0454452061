import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { anecdoteAttestations, anecdoteConsents, anecdoteUses, anecdotes, pressPackItems, pressPacks, roleGrants, themes, type ConsentLevel } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { ensureResponse } from "@/lib/collab/documents";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { notify } from "@/lib/following/notify";
import { scheduleDeadline } from "@/lib/jobs/deadlines";
import { loadPaperResource } from "@/lib/papers/resource";
import { CONSENT_LABELS, CONSENT_WORDING, WITHDRAWAL_WORDING, addMonths, allows, consentRank, currentConsent, type GrantableLevel } from "./consent";
import { loadAnecdoteResource } from "./resource";
import type { ConsentChangeInput, EditStoryInput, StoryInput } from "./validation";

const newToken = () => randomBytes(18).toString("base64url");
const storyUrl = (id: string) => `/stories/${id}`;

async function curatorsOf(tx: Tx, themeId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, "curator"), eq(roleGrants.themeId, themeId), isNull(roleGrants.revokedAt)));
  return rows.map((r) => r.userId);
}

function wordingFor(level: GrantableLevel, version: number) {
  const wording = CONSENT_WORDING[level];
  // The words the storyteller saw must be the words recorded: a stale form is refused, not guessed.
  if (wording.version !== version) throw new AppError("conflict:consentLevel", "The consent wording has changed since this page was opened. Read it again and choose.", "consentLevel");
  return wording;
}

export async function submitStory(db: Db, actor: Actor, input: StoryInput, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "story.submit", null);
  const wording = wordingFor(input.consentLevel, input.wordingVersion);
  return db.transaction(async (tx) => {
    const [theme] = await tx.select({ id: themes.id }).from(themes).where(and(eq(themes.id, input.themeId), isNull(themes.archivedAt)));
    if (!theme) throw new AppError("invalid:themeId", "Choose a theme from the list.", "themeId");
    const [story] = await tx
      .insert(anecdotes)
      .values({ authorId: actor.id, themeId: input.themeId, title: input.title, body: input.body, occurredOn: input.occurredOn, place: input.place, role: input.role, attestToken: newToken() })
      .returning({ id: anecdotes.id });
    await tx.insert(anecdoteConsents).values({
      anecdoteId: story!.id,
      memberId: actor.id,
      change: "grant",
      level: input.consentLevel,
      wordingVersion: wording.version,
      wording: wording.text,
      expiresAt: addMonths(now, input.expiryMonths),
      createdAt: now,
    });
    await scheduleDeadline(tx, "story.consentExpiry", story!.id, addMonths(now, input.expiryMonths));
    await notify(tx, await curatorsOf(tx, input.themeId), { kind: "story_update", title: `A new story to review: ${input.title}`, url: storyUrl(story!.id), text: "A member submitted a first-hand story for your theme." }, { actorId: actor.id });
    return { id: story!.id };
  });
}

/** The storyteller revises a story curators asked changes to; it goes back for review. */
export async function editStory(db: Db, actor: Actor, input: EditStoryInput): Promise<void> {
  await db.transaction(async (tx) => {
    const story = await loadAnecdoteResource(tx, input.storyId);
    assertCan(actor, "story.edit", story);
    const { storyId, ...fields } = input;
    await tx
      .update(anecdotes)
      .set({ ...fields, status: "submitted", redactionStatus: "none", redactedBody: null, updatedAt: new Date() })
      .where(eq(anecdotes.id, storyId));
  });
}

export async function regenerateAttestLink(db: Db, actor: Actor, storyId: string): Promise<void> {
  const story = await loadAnecdoteResource(db, storyId);
  assertCan(actor, "story.edit", story);
  await db.update(anecdotes).set({ attestToken: newToken() }).where(eq(anecdotes.id, storyId));
}

async function storyByToken(tx: Tx, token: string) {
  const [row] = await tx.select({ id: anecdotes.id }).from(anecdotes).where(eq(anecdotes.attestToken, token));
  if (!row) throw notFound("story", "That attestation link is not valid any more. Ask the storyteller for a new one.");
  return loadAnecdoteResource(tx, row.id);
}

/** A second member vouches for a story, through the link its teller shared with them. */
export async function attestStory(db: Db, actor: Actor, input: { token: string; relation: string }): Promise<{ storyId: string }> {
  return db.transaction(async (tx) => {
    const story = await storyByToken(tx, input.token);
    if (actor.id !== null && story.authorId === actor.id) throw new AppError("invalid:relation", "You cannot attest your own story: a second member has to vouch for it.", "relation");
    assertCan(actor, "story.attest", story);
    try {
      await tx.insert(anecdoteAttestations).values({ anecdoteId: story.id, attesterId: actor.id, relation: input.relation });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError("conflict:relation", "You have already attested this story.", "relation");
      throw e;
    }
    await notify(tx, [story.authorId], { kind: "story_update", title: "A member attested your story", url: storyUrl(story.id), text: "A second member vouched for your story." }, { actorId: actor.id });
    return { storyId: story.id };
  });
}

async function ledgerOf(tx: Tx, storyId: string) {
  return tx
    .select({ id: anecdoteConsents.id, change: anecdoteConsents.change, level: anecdoteConsents.level, expiresAt: anecdoteConsents.expiresAt, createdAt: anecdoteConsents.createdAt })
    .from(anecdoteConsents)
    .where(eq(anecdoteConsents.anecdoteId, storyId))
    .orderBy(asc(anecdoteConsents.createdAt));
}

export interface TakedownItem {
  useId: string;
  kind: "response_quote" | "press_pack";
  targetLabel: string;
  targetUrl: string;
}

/**
 * Uses that the consent now in force no longer covers are flagged for take-down, and the curators
 * who made them are told. Returns the take-down list.
 */
async function flagTakedowns(tx: Tx, storyId: string, level: ConsentLevel, now: Date): Promise<TakedownItem[]> {
  const uses = await tx
    .select({ id: anecdoteUses.id, kind: anecdoteUses.kind, targetLabel: anecdoteUses.targetLabel, targetUrl: anecdoteUses.targetUrl, levelUsed: anecdoteUses.levelUsed, usedBy: anecdoteUses.usedBy })
    .from(anecdoteUses)
    .where(and(eq(anecdoteUses.anecdoteId, storyId), isNull(anecdoteUses.takenDownAt)));
  const over = uses.filter((u) => !allows(level, u.levelUsed));
  if (!over.length) return [];
  await tx.update(anecdoteUses).set({ takedownRequestedAt: now }).where(and(inArray(anecdoteUses.id, over.map((u) => u.id)), isNull(anecdoteUses.takedownRequestedAt)));
  const [story] = await tx.select({ title: anecdotes.title }).from(anecdotes).where(eq(anecdotes.id, storyId));
  await notify(tx, over.map((u) => u.usedBy), {
    kind: "story_update",
    title: `Consent changed: take down “${story!.title}” from ${over.length} place${over.length === 1 ? "" : "s"}`,
    url: "/stories/takedowns",
    text: "A storyteller withdrew or lowered their consent. The take-down list shows where you used the story.",
  });
  return over.map((u) => ({ useId: u.id, kind: u.kind, targetLabel: u.targetLabel, targetUrl: u.targetUrl }));
}

/**
 * Grant, lower or withdraw consent: each is one new ledger row, and each is as easy as the other
 * (GDPR art. 7(3)). Lowering cannot raise: a higher level is a new grant, with its own wording.
 */
export async function changeConsent(db: Db, actor: Actor, input: ConsentChangeInput, now = new Date()): Promise<{ takedowns: TakedownItem[]; level: ConsentLevel }> {
  return db.transaction(async (tx) => {
    const story = await loadAnecdoteResource(tx, input.storyId);
    assertCan(actor, "story.consent", story);
    // One change at a time per story: the ledger's latest row is what the next change compares with.
    await tx.execute(sql`select 1 from ${anecdotes} where ${anecdotes.id} = ${story.id} for update`);
    const current = currentConsent(await ledgerOf(tx, story.id), now);
    let level: ConsentLevel;
    if (input.change === "withdraw") {
      if (current.level === "withdrawn") throw new AppError("conflict:change", "Your consent is already withdrawn; nothing is used.");
      level = "withdrawn";
      await tx.insert(anecdoteConsents).values({ anecdoteId: story.id, memberId: actor.id, change: "withdraw", level, wordingVersion: WITHDRAWAL_WORDING.version, wording: WITHDRAWAL_WORDING.text, createdAt: now });
    } else if (input.change === "lower") {
      if (consentRank(input.level) >= consentRank(current.level))
        throw new AppError("invalid:level", `Lowering has to choose a level below your current one (${CONSENT_LABELS[current.level]}). To allow more, give a new consent.`, "level");
      level = input.level;
      const wording = CONSENT_WORDING[input.level];
      await tx.insert(anecdoteConsents).values({ anecdoteId: story.id, memberId: actor.id, change: "lower", level, wordingVersion: wording.version, wording: wording.text, expiresAt: current.row?.expiresAt ?? null, createdAt: now });
    } else {
      const wording = wordingFor(input.level, input.wordingVersion);
      level = input.level;
      await tx.insert(anecdoteConsents).values({ anecdoteId: story.id, memberId: actor.id, change: "grant", level, wordingVersion: wording.version, wording: wording.text, expiresAt: addMonths(now, input.expiryMonths), createdAt: now });
      await scheduleDeadline(tx, "story.consentExpiry", story.id, addMonths(now, input.expiryMonths));
    }
    return { takedowns: await flagTakedowns(tx, story.id, level, now), level };
  });
}

/**
 * Scheduled (job "story.consentExpiry" at each expiry, and the five-minute sweep): consents whose
 * time ran out get an "expire" row in the ledger, with their take-downs. Idempotent.
 */
export async function expireConsents(db: Db, now: Date = new Date(), onlyStoryId?: string): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.execute<{ anecdote_id: string }>(sql`
      select distinct on (anecdote_id) anecdote_id, change, expires_at
      from ${anecdoteConsents}
      where expires_at is not null ${onlyStoryId ? sql`and anecdote_id = ${onlyStoryId}::uuid` : sql``}
      order by anecdote_id, created_at desc`);
    let n = 0;
    for (const row of due.rows as unknown as { anecdote_id: string; change: string; expires_at: Date | null }[]) {
      if (row.change === "expire" || row.change === "withdraw" || !row.expires_at || new Date(row.expires_at) > now) continue;
      await tx.insert(anecdoteConsents).values({ anecdoteId: row.anecdote_id, memberId: null, change: "expire", level: "withdrawn", wordingVersion: WITHDRAWAL_WORDING.version, wording: "The consent's time ran out.", createdAt: now });
      await flagTakedowns(tx, row.anecdote_id, "withdrawn", now);
      n++;
    }
    return n;
  });
}

export async function reviewStory(db: Db, actor: Actor, input: { storyId: string; decision: "accept" | "changes" | "decline"; reason: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const story = await loadAnecdoteResource(tx, input.storyId);
    assertCan(actor, "story.review", story);
    const status = { accept: "accepted", changes: "changes_requested", decline: "declined" }[input.decision] as "accepted" | "changes_requested" | "declined";
    await tx.update(anecdotes).set({ status, reviewReason: input.reason, reviewedBy: actor.id, reviewedAt: new Date(), updatedAt: new Date() }).where(eq(anecdotes.id, story.id));
    const what = { accept: "was accepted", changes: "needs changes", decline: "was declined" }[input.decision];
    await notify(tx, [story.authorId], { kind: "story_update", title: `Your story ${what}`, url: storyUrl(story.id), text: input.reason ?? "A curator reviewed your story." }, { actorId: actor.id });
  });
}

export async function setStoryTags(db: Db, actor: Actor, input: { storyId: string; tags: string[] }): Promise<void> {
  const story = await loadAnecdoteResource(db, input.storyId);
  if (!can(actor, "story.review", story) && !can(actor, "story.use", story)) assertCan(actor, "story.review", story);
  await db.update(anecdotes).set({ tags: input.tags, updatedAt: new Date() }).where(eq(anecdotes.id, story.id));
}

/** The curator's redacted text waits for the storyteller's approval before any use. */
export async function proposeRedaction(db: Db, actor: Actor, input: { storyId: string; redactedBody: string; note: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const story = await loadAnecdoteResource(tx, input.storyId);
    assertCan(actor, "story.redact", story);
    await tx.update(anecdotes).set({ redactedBody: input.redactedBody, redactionNote: input.note, redactedBy: actor.id, redactionStatus: "proposed", redactionDecidedAt: null, updatedAt: new Date() }).where(eq(anecdotes.id, story.id));
    await notify(tx, [story.authorId], { kind: "story_update", title: "Approve the redacted text of your story", url: storyUrl(story.id), text: "A curator removed names and identifying details; your approval is needed before it is used." }, { actorId: actor.id });
  });
}

export async function decideRedaction(db: Db, actor: Actor, input: { storyId: string; decision: "approve" | "reject" }): Promise<void> {
  await db.transaction(async (tx) => {
    const story = await loadAnecdoteResource(tx, input.storyId);
    assertCan(actor, "story.approveRedaction", story);
    const [row] = await tx.select({ redactedBy: anecdotes.redactedBy }).from(anecdotes).where(eq(anecdotes.id, story.id));
    await tx.update(anecdotes).set({ redactionStatus: input.decision === "approve" ? "approved" : "rejected", redactionDecidedAt: new Date(), updatedAt: new Date() }).where(eq(anecdotes.id, story.id));
    await notify(tx, [row?.redactedBy], { kind: "story_update", title: input.decision === "approve" ? "The storyteller approved your redaction" : "The storyteller rejected your redaction", url: storyUrl(story.id), text: "" }, { actorId: actor.id });
  });
}

/** Checks a use against the consent in force and returns the ledger row that allows it. */
async function consentForUse(tx: Tx, storyId: string, needed: "anonymous" | "named", now: Date) {
  const current = currentConsent(await ledgerOf(tx, storyId), now);
  if (!allows(current.level, needed)) {
    const why = current.expired ? "its consent has expired" : `its teller chose “${CONSENT_LABELS[current.level]}”`;
    throw new AppError("invalid:as", `This story cannot be used ${needed === "named" ? "with its teller's name" : "outside the membership"}: ${why}.`, "as");
  }
  return current.row!;
}

async function recordUse(tx: Tx, actor: Actor, use: { storyId: string; consentId: string; kind: "response_quote" | "press_pack"; targetId: string; targetLabel: string; targetUrl: string; level: "anonymous" | "named" }) {
  await tx
    .insert(anecdoteUses)
    .values({ anecdoteId: use.storyId, consentId: use.consentId, kind: use.kind, targetId: use.targetId, targetLabel: use.targetLabel, targetUrl: use.targetUrl, levelUsed: use.level, usedBy: actor.id })
    .onConflictDoUpdate({
      target: [anecdoteUses.anecdoteId, anecdoteUses.kind, anecdoteUses.targetId],
      set: { consentId: use.consentId, levelUsed: use.level, usedBy: actor.id, usedAt: new Date(), takedownRequestedAt: null, takenDownAt: null },
    });
}

/**
 * Quoting a story in a paper's Response: the use is recorded against the consent that allows it
 * first, then the curator's editor inserts the quote (as "Add to response" does for a comment).
 */
export async function quoteStoryInResponse(db: Db, actor: Actor, input: { storyId: string; paperId: string; as: "anonymous" | "named" }, now = new Date()): Promise<{ responseId: string }> {
  return db.transaction(async (tx) => {
    const story = await loadAnecdoteResource(tx, input.storyId);
    assertCan(actor, "story.use", story);
    const paper = await loadPaperResource(tx, input.paperId);
    if (!can(actor, "response.edit", { id: "", paper })) throw new AppError("invalid:paperId", "Choose a published paper whose response you may edit.", "paperId");
    const consent = await consentForUse(tx, story.id, input.as, now);
    const responseId = await ensureResponse(tx, paper.id);
    const [p] = await tx.execute<{ title: string }>(sql`select title from papers where id = ${paper.id}`).then((r) => r.rows);
    await recordUse(tx, actor, { storyId: story.id, consentId: consent.id, kind: "response_quote", targetId: responseId, targetLabel: `Response to “${p!.title}”`, targetUrl: `/papers/${paper.id}/response`, level: input.as });
    return { responseId };
  });
}

/** A press pack of stories for a theme; each is recorded as used at the level its consent allows now. */
export async function createPressPack(db: Db, actor: Actor, input: { themeId: string; title: string; storyIds: string[] }, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "pressPack.create", { themeId: input.themeId });
  return db.transaction(async (tx) => {
    const [pack] = await tx.insert(pressPacks).values({ themeId: input.themeId, title: input.title, createdBy: actor.id }).returning({ id: pressPacks.id });
    let position = 0;
    for (const storyId of [...new Set(input.storyIds)]) {
      const story = await loadAnecdoteResource(tx, storyId);
      if (story.themeId !== input.themeId) throw new AppError("invalid:stories", "Every story in a press pack has to belong to its theme.", "stories");
      assertCan(actor, "story.use", story);
      const current = currentConsent(await ledgerOf(tx, storyId), now);
      const level = current.level === "named" ? "named" : "anonymous";
      const consent = await consentForUse(tx, storyId, level, now).catch(() => {
        throw new AppError("invalid:stories", "One of the chosen stories is internal only or its consent was withdrawn, so it cannot go in a press pack.", "stories");
      });
      await tx.insert(pressPackItems).values({ packId: pack!.id, anecdoteId: storyId, position: position++ });
      await recordUse(tx, actor, { storyId, consentId: consent.id, kind: "press_pack", targetId: pack!.id, targetLabel: `Press pack “${input.title}”`, targetUrl: `/stories/press/${pack!.id}`, level });
    }
    return { id: pack!.id };
  });
}

/** The curator confirms a use was taken down. */
export async function markTakenDown(db: Db, actor: Actor, useId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(useId)) throw notFound("use", "That use could not be found.");
  await db.transaction(async (tx) => {
    const [use] = await tx.select({ id: anecdoteUses.id, anecdoteId: anecdoteUses.anecdoteId, usedBy: anecdoteUses.usedBy }).from(anecdoteUses).where(eq(anecdoteUses.id, useId));
    if (!use) throw notFound("use", "That use could not be found.");
    const story = await loadAnecdoteResource(tx, use.anecdoteId);
    if (!(actor.id !== null && use.usedBy === actor.id) && !can(actor, "story.review", story) && !(actor.curatorOf.has(story.themeId))) throw new AppError("forbidden:use", "Only the curator who used the story, or a curator of its theme, confirms its take-down.");
    await tx.update(anecdoteUses).set({ takenDownAt: new Date() }).where(and(eq(anecdoteUses.id, useId), isNull(anecdoteUses.takenDownAt)));
  });
}

