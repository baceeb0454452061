/**
 * Recall petitions: any verified member petitions against a role-holder; at the threshold (an
 * absolute number and a share of active members, whichever is larger) the role is removed in
 * the signing transaction and the seat refilled. Expired petitions close through the job queue.
 */
import { and, count, desc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { aliasedTable } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { auditLog, moderatorTerms, recallPetitions, recallSignatures, roleGrants, themes, users, type RecallPetition } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { publicNameSql } from "@/lib/auth/public-name";
import { recordAudit } from "@/lib/audit/record";
import { announceRevocation } from "@/lib/collab/announce";
import { cancelDeadline, scheduleDeadline } from "@/lib/jobs/deadlines";
import { AppError, notFound } from "@/lib/errors";
import { fillVacancy } from "@/lib/governance/elections";
import { refillCouncilSeat } from "./draws";
import { countActiveMembers, getCouncilSettings, recallThreshold } from "./settings";

export type RecallableRole = "moderator" | "council" | "fact_editor" | "curator";
export const RECALLABLE_ROLES: RecallableRole[] = ["moderator", "council", "fact_editor", "curator"];
export const RECALL_ROLE_LABELS: Record<RecallableRole, string> = { moderator: "Moderator", council: "Council member", fact_editor: "Fact editor", curator: "Curator" };

const DAY = 86_400_000;

export interface OpenPetitionInput {
  targetUserId: string;
  role: RecallableRole;
  themeId?: string | null;
  reason: string;
}

/**
 * What else happens the moment a role goes: the seat is refilled (council: the draw's reserve;
 * an elected moderator: a recount of the original ballots without them, or a by-election when
 * the ballots are stale; curator, fact editor and an appointed moderator: left vacant).
 * Open editor sockets are told through announceRevocation (delivered when this transaction
 * commits); the next page request reads the new roles from the database anyway.
 */
async function afterRemoval(tx: Tx, petition: RecallPetition, now: Date): Promise<string> {
  const note =
    petition.role === "council"
      ? (await refillCouncilSeat(tx, petition.targetUserId, now))
        ? "The next on the draw's reserve list takes the seat."
        : "The seat stays vacant: no one was left on the reserve list."
      : petition.role === "moderator"
        ? await refillModeratorSeats(tx, petition.targetUserId, now)
        : `The ${RECALL_ROLE_LABELS[petition.role as RecallableRole].toLowerCase()} role is vacant; it is not refilled automatically.`;
  await recordAudit(tx, { actorId: null, action: "role.vacant", targetType: "member", targetId: petition.targetUserId, reason: note, details: { role: petition.role, themeId: petition.themeId, petitionId: petition.id } });
  return note;
}

/** Each elected seat the recalled moderator held is refilled as the brief says: a recount, or a by-election when the ballots are stale. */
async function refillModeratorSeats(tx: Tx, userId: string, now: Date): Promise<string> {
  const terms = await tx.selectDistinct({ electionId: moderatorTerms.electionId }).from(moderatorTerms).where(and(eq(moderatorTerms.userId, userId), isNull(moderatorTerms.endedAt)));
  if (terms.length === 0) return "The moderator was appointed, not elected, so there are no ballots to refill the seat from: it stays vacant until the next election.";
  const notes: string[] = [];
  for (const { electionId } of terms) {
    const outcome = await fillVacancy(tx, electionId, userId, now);
    notes.push(
      outcome.kind === "recount"
        ? `${outcome.name} takes the seat, from a recount of the original ballots without the recalled moderator.`
        : outcome.kind === "by-election"
          ? "The ballots are too old to recount, so a by-election for the seat has been called."
          : `The seat stays vacant: ${outcome.reason.charAt(0).toLowerCase()}${outcome.reason.slice(1)}`,
    );
  }
  return notes.join(" ");
}

export async function openPetition(db: Db, actor: Actor, input: OpenPetitionInput, now = new Date()): Promise<{ id: string }> {
  if (actor.id !== null && actor.id === input.targetUserId) throw new AppError("forbidden:recall.open", "You cannot petition to recall yourself.", "targetUserId");
  assertCan(actor, "recall.open", { userId: input.targetUserId, role: input.role });
  const themeId = input.role === "curator" ? (input.themeId ?? null) : null;
  if (input.role === "curator" && !themeId) throw new AppError("invalid:recall", "Choose which theme's curator this petition is about.", "themeId");
  return db.transaction(async (tx) => {
    // Serialise petitions against one person so the once-per-period rule cannot be raced.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`recall:${input.targetUserId}`}))`);
    const [grant] = await tx
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, input.targetUserId), eq(roleGrants.role, input.role), isNull(roleGrants.revokedAt), themeId ? eq(roleGrants.themeId, themeId) : isNull(roleGrants.themeId)));
    if (!grant) throw new AppError("invalid:recall", "That member does not hold this role, so there is nothing to recall.", "role");
    const settings = await getCouncilSettings(tx);
    const [recent] = await tx
      .select({ openedAt: recallPetitions.openedAt })
      .from(recallPetitions)
      .where(
        and(
          eq(recallPetitions.targetUserId, input.targetUserId),
          eq(recallPetitions.role, input.role),
          themeId ? eq(recallPetitions.themeId, themeId) : isNull(recallPetitions.themeId),
          gt(recallPetitions.openedAt, new Date(now.getTime() - settings.recallCooldownDays * DAY)),
        ),
      )
      .orderBy(desc(recallPetitions.openedAt))
      .limit(1);
    if (recent) {
      const from = new Date(recent.openedAt.getTime() + settings.recallCooldownDays * DAY);
      throw new AppError("conflict:recall", `A petition against this role was opened on ${recent.openedAt.toISOString().slice(0, 10)}; the next may be opened from ${from.toISOString().slice(0, 10)}.`);
    }
    const [mine] = await tx
      .select({ n: count() })
      .from(recallPetitions)
      .where(and(eq(recallPetitions.openedBy, actor.id!), eq(recallPetitions.status, "open")));
    if ((mine?.n ?? 0) >= settings.maxOpenPetitionsPerMember)
      throw new AppError("conflict:recall", `You already have ${mine!.n} open petitions, the most one member may have open at once.`);
    const [petition] = await tx
      .insert(recallPetitions)
      .values({ targetUserId: input.targetUserId, role: input.role, themeId, openedBy: actor.id, reason: input.reason, openedAt: now, closesAt: new Date(now.getTime() + settings.recallWindowDays * DAY) })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "recall.open",
      targetType: "petition",
      targetId: petition!.id,
      reason: input.reason,
      details: { targetUserId: input.targetUserId, role: input.role, themeId, closesAt: petition!.closesAt.toISOString() },
    });
    await scheduleDeadline(tx, "recall.close", petition!.id, petition!.closesAt);
    // The member who opens it is its first signature, as an initiator is in LiquidFeedback.
    await addSignature(tx, petition!, actor.id!, now);
    return { id: petition!.id };
  });
}

export interface SignOutcome {
  signatures: number;
  threshold: number;
  succeeded: boolean;
  note?: string;
}

async function addSignature(tx: Tx, petition: RecallPetition, userId: string, now: Date): Promise<SignOutcome> {
  const inserted = await tx.insert(recallSignatures).values({ petitionId: petition.id, userId, signedAt: now }).onConflictDoNothing().returning({ userId: recallSignatures.userId });
  if (inserted.length === 0) throw new AppError("conflict:recall", "You have already signed this petition.");
  const [updated] = await tx
    .update(recallPetitions)
    .set({ signatureCount: sql`${recallPetitions.signatureCount} + 1` })
    .where(eq(recallPetitions.id, petition.id))
    .returning();
  const settings = await getCouncilSettings(tx);
  const threshold = recallThreshold(settings, await countActiveMembers(tx, settings, now));
  const signatures = updated!.signatureCount;
  // Signers are not named in the public log: who signs a recall is a political opinion (GDPR art. 9).
  await recordAudit(tx, { actorId: null, action: "recall.sign", targetType: "petition", targetId: petition.id, details: { signatures, threshold } });
  if (signatures < threshold) return { signatures, threshold, succeeded: false };
  await tx.update(recallPetitions).set({ status: "succeeded", closedAt: now, thresholdAtClose: threshold }).where(eq(recallPetitions.id, petition.id));
  await cancelDeadline(tx, "recall.close", petition.id);
  const revoked = await tx
    .update(roleGrants)
    .set({ revokedAt: now, revokedBy: null })
    .where(
      and(
        eq(roleGrants.userId, petition.targetUserId),
        eq(roleGrants.role, petition.role),
        isNull(roleGrants.revokedAt),
        petition.themeId ? eq(roleGrants.themeId, petition.themeId) : isNull(roleGrants.themeId),
      ),
    )
    .returning({ id: roleGrants.id });
  await recordAudit(tx, { actorId: null, action: "recall.threshold", targetType: "petition", targetId: petition.id, details: { signatures, threshold, role: petition.role } });
  if (revoked.length) {
    await announceRevocation(tx, { userId: petition.targetUserId });
    await recordAudit(tx, {
      actorId: null,
      action: "role.revoke",
      targetType: "member",
      targetId: petition.targetUserId,
      reason: "Recalled by petition",
      details: { role: petition.role, themeId: petition.themeId, petitionId: petition.id },
    });
  }
  const note = revoked.length ? await afterRemoval(tx, petition, now) : "The role had already ended.";
  return { signatures, threshold, succeeded: true, note };
}

export async function signPetition(db: Db, actor: Actor, petitionId: string, now = new Date()): Promise<SignOutcome> {
  return db.transaction(async (tx) => {
    const [petition] = await tx.select().from(recallPetitions).where(eq(recallPetitions.id, petitionId)).for("update");
    if (!petition) throw notFound("petition", "That petition does not exist.");
    if (actor.id !== null && actor.id === petition.targetUserId) throw new AppError("forbidden:recall.sign", "You cannot sign a petition to recall yourself.");
    if (petition.status !== "open" || petition.closesAt <= now) throw new AppError("conflict:recall", "This petition is closed and can no longer be signed.");
    assertCan(actor, "recall.sign", { id: petition.id, status: petition.status, targetUserId: petition.targetUserId });
    return addSignature(tx, petition, actor.id!, now);
  });
}

/** What became of the seat after a petition succeeded, as recorded in the public log; null while none is. */
export async function recallOutcomeNote(db: Db, petitionId: string): Promise<string | null> {
  const [row] = await db
    .select({ reason: auditLog.reason })
    .from(auditLog)
    .where(and(eq(auditLog.action, "role.vacant"), eq(auditLog.targetType, "member"), sql`${auditLog.details}->>'petitionId' = ${petitionId}`))
    .limit(1);
  return row?.reason ?? null;
}

/** Closes petitions whose window has passed without reaching the threshold. Run by the job queue. */
export async function closeExpiredPetitions(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const closed = await tx
      .update(recallPetitions)
      .set({ status: "expired", closedAt: now })
      .where(and(eq(recallPetitions.status, "open"), lte(recallPetitions.closesAt, now)))
      .returning({ id: recallPetitions.id, signatures: recallPetitions.signatureCount });
    for (const p of closed) await recordAudit(tx, { actorId: null, action: "recall.expired", targetType: "petition", targetId: p.id, details: { signatures: p.signatures } });
    return closed.length;
  });
}

export interface PetitionView {
  id: string;
  targetUserId: string;
  targetName: string;
  role: RecallableRole;
  themeTitle: string | null;
  reason: string;
  status: "open" | "succeeded" | "expired";
  signatures: number;
  threshold: number;
  openedAt: Date;
  closesAt: Date;
  signedByViewer: boolean;
}

const target = aliasedTable(users, "target");

/** Petitions, newest first, with the threshold as it stands now for open ones. */
export async function listPetitions(db: Db, viewer: Actor, opts: { status?: "open" | "closed"; id?: string; page?: number } = {}): Promise<{ rows: PetitionView[]; total: number }> {
  const where = and(
    opts.id ? eq(recallPetitions.id, opts.id) : undefined,
    opts.status === "open" ? eq(recallPetitions.status, "open") : opts.status === "closed" ? sql`${recallPetitions.status} <> 'open'` : undefined,
  );
  const pageSize = 20;
  const page = Math.max(1, opts.page ?? 1);
  const rows = await db
    .select({
      p: recallPetitions,
      targetName: publicNameSql(target),
      themeTitle: themes.title,
      signed: viewer.id
        ? sql<boolean>`exists (select 1 from ${recallSignatures} s where s.petition_id = ${recallPetitions.id} and s.user_id = ${viewer.id})`
        : sql<boolean>`false`,
    })
    .from(recallPetitions)
    .innerJoin(target, eq(target.id, recallPetitions.targetUserId))
    .leftJoin(themes, eq(themes.id, recallPetitions.themeId))
    .where(where)
    .orderBy(desc(recallPetitions.openedAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db.select({ n: count() }).from(recallPetitions).where(where);
  const settings = await getCouncilSettings(db);
  const thresholdNow = recallThreshold(settings, await countActiveMembers(db, settings));
  return {
    total: total?.n ?? 0,
    rows: rows.map((r) => ({
      id: r.p.id,
      targetUserId: r.p.targetUserId,
      targetName: r.targetName ?? "A former member",
      role: r.p.role as RecallableRole,
      themeTitle: r.themeTitle,
      reason: r.p.reason,
      status: r.p.status,
      signatures: r.p.signatureCount,
      threshold: r.p.thresholdAtClose ?? thresholdNow,
      openedAt: r.p.openedAt,
      closesAt: r.p.closesAt,
      signedByViewer: r.signed,
    })),
  };
}

export interface RoleHolder {
  userId: string;
  name: string;
  role: RecallableRole;
  themeId: string | null;
  themeTitle: string | null;
}

/** Everyone who holds a recallable role, for the "open a petition" form. */
export async function listRoleHolders(db: Db): Promise<RoleHolder[]> {
  const rows = await db
    .select({ userId: roleGrants.userId, role: roleGrants.role, themeId: roleGrants.themeId, themeTitle: themes.title, name: publicNameSql(users) })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(themes, eq(themes.id, roleGrants.themeId))
    .where(and(isNull(roleGrants.revokedAt), isNull(users.suspendedAt), sql`${roleGrants.role} in ('moderator','council','fact_editor','curator')`))
    .orderBy(roleGrants.role, publicNameSql(users));
  return rows.map((r) => ({ userId: r.userId, name: r.name ?? "", role: r.role as RecallableRole, themeId: r.themeId, themeTitle: r.themeTitle }));
}
