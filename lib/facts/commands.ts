import { afterCommit, cacheTags } from "@/lib/cache/tags";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { disputeComments, disputes, factReviews, factSources, factThemes, factVersions, facts, themes } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import type { FactInput } from "@/lib/validation/facts";
import { renderMarkdownLight } from "./markdown";
import { loadDisputeResource, loadFactResource } from "./resource";
import { recomputeForReviewersOf, recomputeHardness } from "./score";
import { factSearchText, updateFactWords } from "./words";

type TxOf = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function assertThemes(tx: Tx, themeIds: string[]) {
  const found = themeIds.length
    ? await tx.select({ id: themes.id }).from(themes).where(and(inArray(themes.id, themeIds), isNull(themes.archivedAt)))
    : [];
  if (found.length !== new Set(themeIds).size) throw new AppError("invalid:themes", "Choose themes from the list.", "themeIds");
}

/** Writes version `number` of a fact and makes it the current one: text, sources, themes, search text. */
async function writeVersion(tx: Tx, factId: string, number: number, input: FactInput, authorId: string | null, reason: string) {
  await assertThemes(tx, input.themeIds);
  // Version 1 is the fact's first text: none of its words has been counted for it yet.
  const before = number === 1 ? "" : await factSearchText(tx, factId);
  const sources = input.sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher, publishedOn: s.publishedOn, kind: s.kind }));
  await tx.insert(factVersions).values({
    factId,
    number,
    statement: input.statement,
    figureValue: input.figureValue,
    figureUnit: input.figureUnit,
    asOf: input.asOf,
    period: input.period,
    place: input.place,
    timeSensitive: input.timeSensitive,
    sources,
    themeIds: input.themeIds,
    authorId,
    reason,
  });
  await tx
    .update(facts)
    .set({
      statement: input.statement,
      figureValue: input.figureValue,
      figureUnit: input.figureUnit,
      asOf: input.asOf,
      period: input.period,
      place: input.place,
      timeSensitive: input.timeSensitive,
      currentVersion: number,
      sourceText: sources.map((s) => `${s.title} ${s.publisher}`).join(" · "),
      updatedAt: new Date(),
    })
    .where(eq(facts.id, factId));
  await tx.delete(factSources).where(eq(factSources.factId, factId));
  await tx.insert(factSources).values(sources.map((s, position) => ({ ...s, factId, position })));
  await tx.delete(factThemes).where(eq(factThemes.factId, factId));
  await tx.insert(factThemes).values([...new Set(input.themeIds)].map((themeId) => ({ factId, themeId })));
  await updateFactWords(tx, factId, before);
}

async function currentStatement(tx: Tx, factId: string): Promise<{ statement: string; currentVersion: number }> {
  const [row] = await tx.select({ statement: facts.statement, currentVersion: facts.currentVersion }).from(facts).where(eq(facts.id, factId));
  if (!row) throw notFound("fact", "That fact could not be found.");
  return row;
}

/** A member proposes a fact; it waits for a fact editor. */
export async function proposeFact(db: Db, actor: Actor, input: FactInput): Promise<{ id: string }> {
  assertCan(actor, "fact.propose", null);
  return db.transaction(async (tx) => {
    const [fact] = await tx.insert(facts).values({ statement: input.statement, proposedBy: actor.id, status: "proposed" }).returning({ id: facts.id });
    await writeVersion(tx, fact!.id, 1, input, actor.id, "Proposed");
    await recomputeHardness(tx, fact!.id);
    return { id: fact!.id };
  });
}

/** The proposer corrects their proposal before a fact editor decides; each correction is a version. */
export async function editProposedFact(db: Db, actor: Actor, factId: string, input: FactInput): Promise<void> {
  await db.transaction(async (tx) => {
    const fact = await loadFactResource(tx, factId, { forUpdate: true });
    assertCan(actor, "fact.edit", fact);
    const { currentVersion } = await currentStatement(tx, factId);
    await writeVersion(tx, factId, currentVersion + 1, input, actor.id, "Corrected by the proposer before review");
    await recomputeHardness(tx, factId);
  });
}

async function decide(tx: TxOf, actor: Actor, factId: string, status: "accepted" | "rejected" | "retracted", reason: string | null) {
  await tx.update(facts).set({ status, decidedBy: actor.id, decidedAt: new Date(), decisionReason: reason, updatedAt: new Date() }).where(eq(facts.id, factId));
}

/** A fact editor's decision on a fact, with its audit entry: accept or reject a proposal, or retract. */
async function decideAndRecord(
  db: Db,
  actor: Actor,
  factId: string,
  decision: { status: "accepted" | "rejected" | "retracted"; rule: "fact.review" | "fact.retract"; action: "fact.accept" | "fact.reject" | "fact.retract" },
  reason: string | null,
): Promise<void> {
  await afterCommit(db.transaction(async (tx) => {
    const fact = await loadFactResource(tx, factId, { forUpdate: true });
    assertCan(actor, decision.rule, fact);
    await decide(tx, actor, factId, decision.status, reason);
    await recomputeHardness(tx, factId);
    const { statement } = await currentStatement(tx, factId);
    await recordAudit(tx, { actorId: actor.id, action: decision.action, targetType: "fact", targetId: factId, reason, details: { factId, statement } });
  }), () => [cacheTags.fact(factId), cacheTags.factChips]);
}

export const acceptFact = (db: Db, actor: Actor, factId: string, reason: string | null) =>
  decideAndRecord(db, actor, factId, { status: "accepted", rule: "fact.review", action: "fact.accept" }, reason);

export const rejectFact = (db: Db, actor: Actor, factId: string, reason: string) =>
  decideAndRecord(db, actor, factId, { status: "rejected", rule: "fact.review", action: "fact.reject" }, reason);

async function settle(tx: TxOf, actor: Actor, disputeId: string, factId: string, outcome: "upheld" | "amended" | "retracted", reason: string) {
  const dispute = await loadDisputeResource(tx, disputeId, { forUpdate: true });
  if (dispute.fact.id !== factId) throw notFound("dispute", "That dispute is about another fact.");
  assertCan(actor, "dispute.resolve", dispute);
  await tx.update(disputes).set({ status: outcome, resolutionReason: reason, resolvedBy: actor.id, resolvedAt: new Date() }).where(eq(disputes.id, disputeId));
}

/**
 * A fact editor changes a fact: a new version with the reason. Amending a proposal accepts it as
 * amended; amending in answer to a dispute settles that dispute as "amended".
 */
export async function amendFact(db: Db, actor: Actor, factId: string, input: FactInput, reason: string, opts: { disputeId?: string } = {}): Promise<void> {
  await afterCommit(db.transaction(async (tx) => {
    const fact = await loadFactResource(tx, factId, { forUpdate: true });
    assertCan(actor, "fact.amend", fact);
    if (opts.disputeId) await settle(tx, actor, opts.disputeId, factId, "amended", reason);
    const { currentVersion } = await currentStatement(tx, factId);
    await writeVersion(tx, factId, currentVersion + 1, input, actor.id, reason);
    await decide(tx, actor, factId, "accepted", reason);
    await recomputeHardness(tx, factId);
    if (opts.disputeId) await recomputeForReviewersOf(tx, factId);
    const details = { factId, statement: input.statement, version: currentVersion + 1 };
    await recordAudit(tx, { actorId: actor.id, action: "fact.amend", targetType: "fact", targetId: factId, reason, details });
    if (opts.disputeId) {
      await recordAudit(tx, { actorId: actor.id, action: "dispute.resolve", targetType: "dispute", targetId: opts.disputeId, reason, details: { ...details, outcome: "amended" } });
    }
  }), () => [cacheTags.fact(factId), cacheTags.factChips]);
}

export const retractFact = (db: Db, actor: Actor, factId: string, reason: string) =>
  decideAndRecord(db, actor, factId, { status: "retracted", rule: "fact.retract", action: "fact.retract" }, reason);

/** A member vouches for an accepted fact; it counts towards hardness by their track record. */
export async function confirmFact(db: Db, actor: Actor, factId: string, reason: string | null): Promise<void> {
  await afterCommit(db.transaction(async (tx) => {
    const fact = await loadFactResource(tx, factId, { forUpdate: true });
    assertCan(actor, "fact.confirm", fact);
    const { currentVersion } = await currentStatement(tx, factId);
    const [openOwn] = await tx
      .select({ id: disputes.id })
      .from(disputes)
      .where(and(eq(disputes.factId, factId), eq(disputes.openedBy, actor.id!), eq(disputes.status, "open")));
    if (openOwn) throw new AppError("conflict:dispute", "You have an open dispute about this fact; it must be settled before you can confirm it.");
    await tx
      .insert(factReviews)
      .values({ factId, reviewerId: actor.id!, stance: "confirm", reason, factVersion: currentVersion })
      .onConflictDoUpdate({
        target: [factReviews.factId, factReviews.reviewerId],
        set: { stance: "confirm", reason, counterSourceUrl: null, disputeId: null, factVersion: currentVersion, createdAt: new Date() },
      });
    await recomputeHardness(tx, factId);
  }), () => [cacheTags.fact(factId), cacheTags.factChips]);
}

/** Any member disputes an accepted fact with a reason and, ideally, a counter-source. */
export async function disputeFact(
  db: Db,
  actor: Actor,
  factId: string,
  input: { reason: string; counterSourceUrl: string | null; counterSourceTitle: string | null },
): Promise<{ id: string }> {
  return afterCommit(db.transaction(async (tx) => {
    const fact = await loadFactResource(tx, factId, { forUpdate: true });
    assertCan(actor, "fact.dispute", fact);
    const [existing] = await tx
      .select({ id: disputes.id })
      .from(disputes)
      .where(and(eq(disputes.factId, factId), eq(disputes.openedBy, actor.id!), eq(disputes.status, "open")));
    if (existing) throw new AppError("conflict:dispute", "You already have an open dispute about this fact: add to its discussion instead.", "reason");
    const { currentVersion } = await currentStatement(tx, factId);
    const [dispute] = await tx
      .insert(disputes)
      .values({ factId, factVersion: currentVersion, openedBy: actor.id, reason: input.reason, counterSourceUrl: input.counterSourceUrl, counterSourceTitle: input.counterSourceTitle })
      .returning({ id: disputes.id });
    await tx
      .insert(factReviews)
      .values({ factId, reviewerId: actor.id!, stance: "dispute", reason: input.reason, counterSourceUrl: input.counterSourceUrl, disputeId: dispute!.id, factVersion: currentVersion })
      .onConflictDoUpdate({
        target: [factReviews.factId, factReviews.reviewerId],
        set: { stance: "dispute", reason: input.reason, counterSourceUrl: input.counterSourceUrl, disputeId: dispute!.id, factVersion: currentVersion, createdAt: new Date() },
      });
    await recomputeHardness(tx, factId);
    return { id: dispute!.id };
  }), () => [cacheTags.fact(factId), cacheTags.factChips]);
}

/** A fact editor settles a dispute: the fact stands (upheld) or is retracted. Amending goes through amendFact. */
export async function resolveDispute(db: Db, actor: Actor, disputeId: string, input: { outcome: "upheld" | "retracted"; reason: string }): Promise<{ factId: string }> {
  return afterCommit(db.transaction(async (tx) => {
    const dispute = await loadDisputeResource(tx, disputeId);
    // Lock the fact first, then the dispute, in the same order as amendFact.
    await loadFactResource(tx, dispute.fact.id, { forUpdate: true });
    await settle(tx, actor, disputeId, dispute.fact.id, input.outcome, input.reason);
    const { statement } = await currentStatement(tx, dispute.fact.id);
    const factId = dispute.fact.id;
    if (input.outcome === "retracted") {
      await decide(tx, actor, factId, "retracted", input.reason);
      await recordAudit(tx, { actorId: actor.id, action: "fact.retract", targetType: "fact", targetId: factId, reason: input.reason, details: { factId, statement, disputeId } });
    }
    await recomputeHardness(tx, factId);
    await recomputeForReviewersOf(tx, factId);
    await recordAudit(tx, { actorId: actor.id, action: "dispute.resolve", targetType: "dispute", targetId: disputeId, reason: input.reason, details: { factId, statement, outcome: input.outcome } });
    return { factId };
  }), (r) => [cacheTags.fact(r.factId), cacheTags.factChips]);
}

/** A post in a dispute's discussion: flat, with replies one level deep. */
export async function commentOnDispute(db: Db, actor: Actor, disputeId: string, input: { body: string; parentId?: string }): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const dispute = await loadDisputeResource(tx, disputeId);
    assertCan(actor, "dispute.comment", dispute);
    let parentId: string | null = null;
    if (input.parentId) {
      const [parent] = await tx
        .select({ id: disputeComments.id, parentId: disputeComments.parentId })
        .from(disputeComments)
        .where(and(eq(disputeComments.id, input.parentId), eq(disputeComments.disputeId, disputeId)));
      if (!parent) throw new AppError("invalid:parent", "The post you replied to is not in this dispute.", "body");
      // Replies to a reply join the same thread, so the discussion stays two levels deep.
      parentId = parent.parentId ?? parent.id;
    }
    const [comment] = await tx
      .insert(disputeComments)
      .values({ disputeId, parentId, authorId: actor.id, body: input.body, bodyHtml: renderMarkdownLight(input.body) })
      .returning({ id: disputeComments.id });
    return { id: comment!.id };
  });
}

/** Recomputes every stored score, e.g. after track records shift; used by the seed. */
export async function recomputeAllHardness(db: Tx, factIds?: string[]): Promise<void> {
  const ids = factIds ?? (await db.select({ id: facts.id }).from(facts)).map((r) => r.id);
  for (const id of ids) await recomputeHardness(db, id);
}


/** For test factories only: writes version 1 of a fact inserted directly. */
export const writeFactVersionForTests = (db: Db, factId: string, input: FactInput, authorId: string | null) => writeVersion(db, factId, 1, input, authorId, "Proposed");
