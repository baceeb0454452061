/**
 * Appeals (EU DSA art. 20): the member a moderation act hit appeals within the period the
 * settings give (at least six months); a panel drawn by lot from the council, leaving out the
 * moderator who acted and the appellant, decides by majority with written findings and a remedy.
 * "restore" restores the content or reinstates the member; "uphold" changes nothing; "amend" asks
 * the moderator to apply the panel's remedy as written (it is not applied automatically).
 */
import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { appealVotes, appeals, auditLog, comments, councilDraws, papers, roleGrants, users, type Appeal } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { AppealResource } from "@/lib/auth/rules/council";
import type { Actor } from "@/lib/auth/permissions";
import { isAdmin, isCouncil } from "@/lib/auth/permissions";
import { publicNameSql } from "@/lib/auth/public-name";
import { recordAudit } from "@/lib/audit/record";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { notify } from "@/lib/following/notify";
import { executeDrawTx, freezeAnnouncement, insertDraw, usersOf } from "./draws";
import { getCouncilSettings } from "./settings";

const DAY = 86_400_000;
export type AppealSubject = "comment" | "paper" | "suspension";
export type AppealOutcome = "restore" | "uphold" | "amend";
export const OUTCOME_LABELS: Record<AppealOutcome, string> = { restore: "Restore", uphold: "Uphold the decision", amend: "Amend the decision" };

interface Act {
  subject: AppealSubject;
  subjectId: string;
  affectedUserId: string | null;
  moderatorId: string | null;
  actedAt: Date;
  reason: string | null;
  auditEntryId: number | null;
  /** a short description for pages and notifications */
  label: string;
  url: string;
}

async function lastAuditEntry(tx: Tx, action: string, targetId: string) {
  const [row] = await tx
    .select({ id: auditLog.id, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row ?? null;
}

/** The moderation act in force on a comment, paper or account, or null when there is none. */
export async function findAct(tx: Tx, subject: AppealSubject, subjectId: string): Promise<Act | null> {
  if (subject === "comment") {
    const [c] = await tx
      .select({ authorId: comments.authorId, hiddenAt: comments.hiddenAt, hiddenBy: comments.hiddenBy, reason: comments.hiddenReason, paperId: comments.paperId, body: comments.body })
      .from(comments)
      .where(eq(comments.id, subjectId));
    if (!c?.hiddenAt) return null;
    const entry = await lastAuditEntry(tx, "comment.hide", subjectId);
    return {
      subject,
      subjectId,
      affectedUserId: c.authorId,
      moderatorId: c.hiddenBy ?? entry?.actorId ?? null,
      actedAt: c.hiddenAt,
      reason: c.reason,
      auditEntryId: entry?.id ?? null,
      label: `Your comment “${c.body.slice(0, 60)}${c.body.length > 60 ? "…" : ""}” was hidden`,
      url: `/papers/${c.paperId}/c/${subjectId}`,
    };
  }
  if (subject === "paper") {
    const [p] = await tx.select({ authorId: papers.authorId, hiddenAt: papers.hiddenAt, reason: papers.hiddenReason, title: papers.title }).from(papers).where(eq(papers.id, subjectId));
    if (!p?.hiddenAt) return null;
    const entry = await lastAuditEntry(tx, "paper.hide", subjectId);
    return { subject, subjectId, affectedUserId: p.authorId, moderatorId: entry?.actorId ?? null, actedAt: p.hiddenAt, reason: p.reason, auditEntryId: entry?.id ?? null, label: `Your paper “${p.title}” was hidden`, url: `/papers/${subjectId}` };
  }
  const [u] = await tx.select({ suspendedAt: users.suspendedAt, reason: users.suspendedReason }).from(users).where(eq(users.id, subjectId));
  if (!u?.suspendedAt) return null;
  const entry = await lastAuditEntry(tx, "member.suspend", subjectId);
  return { subject, subjectId, affectedUserId: subjectId, moderatorId: entry?.actorId ?? null, actedAt: u.suspendedAt, reason: u.reason, auditEntryId: entry?.id ?? null, label: "Your account was suspended", url: "/governance/appeals" };
}

export interface AppealableAct {
  subject: AppealSubject;
  subjectId: string;
  label: string;
  actedAt: Date;
  reason: string | null;
  deadline: Date;
  appealed: boolean;
}

/** The acts a member may still appeal: their hidden comments and papers and their suspension, within the period. */
export async function listAppealableActs(db: Db, actor: Actor, now = new Date()): Promise<AppealableAct[]> {
  if (!actor.id) return [];
  const settings = await getCouncilSettings(db);
  const since = new Date(now.getTime() - settings.appealWindowDays * DAY);
  const hiddenComments = await db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.authorId, actor.id), isNotNull(comments.hiddenAt), sql`${comments.hiddenAt} > ${since}`))
    .orderBy(desc(comments.hiddenAt))
    .limit(50);
  const hiddenPapers = await db
    .select({ id: papers.id })
    .from(papers)
    .where(and(eq(papers.authorId, actor.id), isNotNull(papers.hiddenAt), sql`${papers.hiddenAt} > ${since}`))
    .limit(50);
  const acts: Act[] = [];
  for (const c of hiddenComments) acts.push((await findAct(db, "comment", c.id))!);
  for (const p of hiddenPapers) acts.push((await findAct(db, "paper", p.id))!);
  const suspension = await findAct(db, "suspension", actor.id);
  if (suspension && suspension.actedAt > since) acts.push(suspension);
  const filed = acts.length
    ? await db.select({ subjectId: appeals.subjectId, actedAt: appeals.actedAt }).from(appeals).where(and(eq(appeals.appellantId, actor.id), inArray(appeals.subjectId, acts.map((a) => a.subjectId))))
    : [];
  return acts.map((a) => ({
    subject: a.subject,
    subjectId: a.subjectId,
    label: a.label,
    actedAt: a.actedAt,
    reason: a.reason,
    deadline: new Date(a.actedAt.getTime() + settings.appealWindowDays * DAY),
    appealed: filed.some((f) => f.subjectId === a.subjectId && f.actedAt.getTime() === a.actedAt.getTime()),
  }));
}

export async function fileAppeal(db: Db, actor: Actor, input: { subject: AppealSubject; subjectId: string; statement: string }, now = new Date()): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const act = await findAct(tx, input.subject, input.subjectId);
    if (!act) throw new AppError("invalid:appeal", input.subject === "suspension" ? "That account is not suspended, so there is nothing to appeal." : "That is not hidden, so there is nothing to appeal.");
    if (act.affectedUserId !== actor.id)
      throw forbidden("appeal.file", "Only the person whose content was hidden, or who was suspended, may appeal this decision.");
    assertCan(actor, "appeal.file", { affectedUserId: act.affectedUserId, moderatorId: act.moderatorId });
    const settings = await getCouncilSettings(tx);
    const deadline = new Date(act.actedAt.getTime() + settings.appealWindowDays * DAY);
    if (now > deadline) throw new AppError("invalid:appeal", `The period for appealing this decision (${settings.appealWindowDays} days) ended on ${deadline.toISOString().slice(0, 10)}.`);
    const [existing] = await tx
      .select({ id: appeals.id })
      .from(appeals)
      .where(and(eq(appeals.subject, act.subject), eq(appeals.subjectId, act.subjectId), eq(appeals.actedAt, act.actedAt)));
    if (existing) throw new AppError("conflict:appeal", "You have already appealed this decision.");
    const [appeal] = await tx
      .insert(appeals)
      .values({
        appellantId: actor.id!,
        subject: act.subject,
        subjectId: act.subjectId,
        auditEntryId: act.auditEntryId,
        moderatorId: act.moderatorId,
        actedAt: act.actedAt,
        actReason: act.reason,
        statement: input.statement,
        filedAt: now,
      })
      .returning();
    await recordAudit(tx, { actorId: actor.id, action: "appeal.file", targetType: "appeal", targetId: appeal!.id, details: { subject: act.subject, subjectId: act.subjectId, auditEntryId: act.auditEntryId } });
    await announcePanel(tx, actor, appeal!, settings.appealPanelSize, now);
    return { id: appeal!.id };
  });
}

/** Announces the panel's draw from the council as it stands, leaving out everyone involved. */
async function announcePanel(tx: Tx, actor: Actor, appeal: Appeal, size: number, now: Date): Promise<boolean> {
  const council = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, "council"), isNull(roleGrants.revokedAt), isNull(users.suspendedAt), isNotNull(users.verifiedAt)));
  const involved = new Set([appeal.appellantId, appeal.moderatorId]);
  const pool = council.filter((c) => !involved.has(c.userId)).map((c) => ({ userId: c.userId, categories: {} }));
  if (pool.length === 0) return false;
  const id = crypto.randomUUID();
  const seats = Math.min(size, pool.length);
  const title = `Appeal panel for appeal ${appeal.id.slice(0, 8)}`;
  const frozen = await freezeAnnouncement({ drawId: id, title, seats, reserveSize: pool.length - seats, categories: [], quotas: [], pool });
  await insertDraw(tx, actor, "appeal_panel", id, frozen, { title, seats, quotas: [], termDays: 0, drawNotBefore: now });
  await tx.update(appeals).set({ panelDrawId: id }).where(eq(appeals.id, appeal.id));
  return true;
}

async function lockAppeal(tx: Tx, appealId: string): Promise<{ appeal: Appeal; resource: AppealResource }> {
  const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, appealId)).for("update");
  if (!appeal) throw notFound("appeal", "That appeal does not exist.");
  return { appeal, ...(await lockAppealRead(tx, appeal)) };
}

/** Runs the committed panel draw (or announces one first if the council was empty when the appeal was filed). */
export async function drawAppealPanel(db: Db, actor: Actor, appealId: string, now = new Date()): Promise<{ panel: string[] }> {
  return db.transaction(async (tx) => {
    const { appeal, resource } = await lockAppeal(tx, appealId);
    if (appeal.status !== "awaiting_panel") throw new AppError("conflict:appeal", "This appeal's panel has already been drawn.");
    assertCan(actor, "appeal.drawPanel", resource);
    if (!appeal.panelDrawId) {
      const settings = await getCouncilSettings(tx);
      if (!(await announcePanel(tx, actor, appeal, settings.appealPanelSize, now)))
        throw new AppError("conflict:appeal", "No council member who was not involved is available to sit on the panel.");
    }
    const [fresh] = await tx.select({ panelDrawId: appeals.panelDrawId }).from(appeals).where(eq(appeals.id, appeal.id));
    const result = await executeDrawTx(tx, actor, fresh!.panelDrawId!, now);
    await tx.update(appeals).set({ status: "panel_drawn" }).where(eq(appeals.id, appeal.id));
    const people = await usersOf(tx, fresh!.panelDrawId!, result.panel);
    await notify(tx, [...people.values()], { kind: "paper_decision", title: "You were drawn to hear an appeal", url: `/governance/appeals/${appeal.id}`, text: "You were drawn by lot to sit on an appeal panel. Read the appeal and give your findings." }, { actorId: actor.id });
    return { panel: result.panel };
  });
}

export interface VoteInput {
  outcome: AppealOutcome;
  findings: string;
  remedy?: string | null;
}

/** A panellist's vote with findings; a majority of the panel decides, and a restore is applied at once. */
export async function voteOnAppeal(db: Db, actor: Actor, appealId: string, input: VoteInput, now = new Date()): Promise<{ decided: AppealOutcome | null }> {
  if (input.outcome === "amend" && !input.remedy?.trim()) throw new AppError("invalid:appeal", "Say how the decision should be amended.", "remedy");
  return db.transaction(async (tx) => {
    const { appeal, resource } = await lockAppeal(tx, appealId);
    if (appeal.status === "decided") throw new AppError("conflict:appeal", "This appeal has been decided.");
    assertCan(actor, "appeal.decide", resource);
    await tx
      .insert(appealVotes)
      .values({ appealId, userId: actor.id!, outcome: input.outcome, findings: input.findings, remedy: input.remedy ?? null, votedAt: now })
      .onConflictDoUpdate({ target: [appealVotes.appealId, appealVotes.userId], set: { outcome: input.outcome, findings: input.findings, remedy: input.remedy ?? null, votedAt: now } });
    const votes = await tx.select().from(appealVotes).where(eq(appealVotes.appealId, appealId)).orderBy(appealVotes.votedAt);
    const majority = Math.floor(resource.panel.size / 2) + 1;
    const winner = (["restore", "uphold", "amend"] as const).find((o) => votes.filter((v) => v.outcome === o && resource.panel.has(v.userId)).length >= majority);
    if (!winner) return { decided: null };
    const agreeing = votes.filter((v) => v.outcome === winner);
    const findings = agreeing.map((v, i) => `Panellist ${i + 1}: ${v.findings}`).join("\n\n");
    const remedy = winner === "amend" ? agreeing.map((v) => v.remedy).filter(Boolean).join("\n\n") : null;
    await tx.update(appeals).set({ status: "decided", outcome: winner, findings, remedy, decidedAt: now }).where(eq(appeals.id, appeal.id));
    await recordAudit(tx, {
      actorId: null,
      action: "appeal.decide",
      targetType: "appeal",
      targetId: appeal.id,
      reason: findings,
      details: { outcome: winner, subject: appeal.subject, subjectId: appeal.subjectId, votes: votes.length, panel: resource.panel.size, remedy },
    });
    if (winner === "restore") await restore(tx, appeal);
    const act = { comment: "comment", paper: "paper", suspension: "suspension" }[appeal.subject];
    const title =
      winner === "restore" ? `Appeal decided: the ${act} decision is reversed` : winner === "uphold" ? `Appeal decided: the ${act} decision stands` : `Appeal decided: the ${act} decision is to be amended`;
    await notify(tx, [appeal.moderatorId], { kind: winner === "restore" ? "content_restored" : "content_hidden", title: `${title} (your decision)`, url: `/governance/appeals/${appeal.id}`, text: `${title}.\n\nThe panel's findings:\n${findings}${remedy ? `\n\nRemedy to apply:\n${remedy}` : ""}` });
    await notify(tx, [appeal.appellantId], { kind: winner === "restore" ? "content_restored" : "content_hidden", title, url: `/governance/appeals/${appeal.id}`, text: `${title}.\n\n${findings}` });
    return { decided: winner };
  });
}

/** Undoes the act: the content is shown again, or the member reinstated. */
async function restore(tx: Tx, appeal: Appeal): Promise<void> {
  const reason = "Restored on appeal by a panel drawn from the council";
  if (appeal.subject === "comment") {
    await tx.update(comments).set({ hiddenAt: null, hiddenReason: null, hiddenBy: null }).where(eq(comments.id, appeal.subjectId));
    const [c] = await tx.select({ paperId: comments.paperId }).from(comments).where(eq(comments.id, appeal.subjectId));
    await recordAudit(tx, { actorId: null, action: "comment.restore", targetType: "comment", targetId: appeal.subjectId, reason, details: { appealId: appeal.id, paperId: c?.paperId } });
  } else if (appeal.subject === "paper") {
    await tx.update(papers).set({ hiddenAt: null, hiddenReason: null }).where(eq(papers.id, appeal.subjectId));
    await recordAudit(tx, { actorId: null, action: "paper.restore", targetType: "paper", targetId: appeal.subjectId, reason, details: { appealId: appeal.id } });
  } else {
    await tx.update(users).set({ suspendedAt: null, suspendedReason: null, updatedAt: new Date() }).where(eq(users.id, appeal.subjectId));
    await recordAudit(tx, { actorId: null, action: "member.reinstate", targetType: "member", targetId: appeal.subjectId, reason, details: { appealId: appeal.id } });
  }
}

export interface AppealView {
  id: string;
  subject: AppealSubject;
  subjectId: string;
  status: "awaiting_panel" | "panel_drawn" | "decided";
  appellantName: string;
  moderatorName: string | null;
  actReason: string | null;
  actedAt: Date;
  statement: string;
  filedAt: Date;
  outcome: AppealOutcome | null;
  findings: string | null;
  remedy: string | null;
  decidedAt: Date | null;
  panelDrawId: string | null;
  panel: { userId: string; name: string; voted: boolean }[];
  viewerOnPanel: boolean;
  viewerVote: { outcome: AppealOutcome; findings: string; remedy: string | null } | null;
  canDrawPanel: boolean;
  canDecide: boolean;
}

/** One appeal in full, for those the rules let read it (the appellant, the moderator, the council, admins). */
export async function getAppeal(db: Db, viewer: Actor, appealId: string): Promise<AppealView> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(appeals).where(eq(appeals.id, appealId));
    if (!row) throw notFound("appeal", "That appeal does not exist.");
    const { resource } = await lockAppealRead(tx, row);
    assertCan(viewer, "appeal.view", resource);
    const names = await tx
      .select({ id: users.id, name: publicNameSql(users) })
      .from(users)
      .where(inArray(users.id, [row.appellantId, ...(row.moderatorId ? [row.moderatorId] : []), ...resource.panel]));
    const nameOf = (id: string | null) => (id ? (names.find((n) => n.id === id)?.name ?? "A former member") : null);
    const votes = await tx.select().from(appealVotes).where(eq(appealVotes.appealId, appealId));
    const mine = votes.find((v) => v.userId === viewer.id);
    return {
      id: row.id,
      subject: row.subject,
      subjectId: row.subjectId,
      status: row.status,
      appellantName: nameOf(row.appellantId)!,
      moderatorName: nameOf(row.moderatorId),
      actReason: row.actReason,
      actedAt: row.actedAt,
      statement: row.statement,
      filedAt: row.filedAt,
      outcome: row.outcome,
      findings: row.findings,
      remedy: row.remedy,
      decidedAt: row.decidedAt,
      panelDrawId: row.panelDrawId,
      panel: [...resource.panel].map((id) => ({ userId: id, name: nameOf(id)!, voted: votes.some((v) => v.userId === id) })),
      viewerOnPanel: viewer.id !== null && resource.panel.has(viewer.id),
      viewerVote: mine ? { outcome: mine.outcome, findings: mine.findings, remedy: mine.remedy } : null,
      canDrawPanel: resource.status === "awaiting_panel" && (isCouncil(viewer) || isAdmin(viewer)) && viewer.id !== row.appellantId && viewer.id !== row.moderatorId,
      canDecide: resource.status === "panel_drawn" && viewer.id !== null && resource.panel.has(viewer.id) && isCouncil(viewer),
    };
  });
}

async function lockAppealRead(tx: Tx, appeal: Appeal) {
  let panel = new Set<string>();
  if (appeal.panelDrawId) {
    const [draw] = await tx.select({ status: councilDraws.status, result: councilDraws.result }).from(councilDraws).where(eq(councilDraws.id, appeal.panelDrawId));
    if (draw?.status === "drawn" && draw.result) panel = new Set((await usersOf(tx, appeal.panelDrawId, draw.result.panel)).values());
  }
  const resource: AppealResource = { id: appeal.id, status: appeal.status, appellantId: appeal.appellantId, moderatorId: appeal.moderatorId, panel };
  return { resource };
}

export interface AppealListItem {
  id: string;
  subject: AppealSubject;
  status: "awaiting_panel" | "panel_drawn" | "decided";
  outcome: AppealOutcome | null;
  filedAt: Date;
  mine: boolean;
}

/** Appeals the viewer may read: their own, those about their decisions, and all of them for the council and admins. */
export async function listAppeals(db: Db, viewer: Actor): Promise<AppealListItem[]> {
  if (!viewer.id) return [];
  const all = isCouncil(viewer) || isAdmin(viewer);
  const rows = await db
    .select({ id: appeals.id, subject: appeals.subject, status: appeals.status, outcome: appeals.outcome, filedAt: appeals.filedAt, appellantId: appeals.appellantId })
    .from(appeals)
    .where(all ? undefined : or(eq(appeals.appellantId, viewer.id), eq(appeals.moderatorId, viewer.id)))
    .orderBy(desc(appeals.filedAt))
    .limit(100);
  return rows.map((r) => ({ id: r.id, subject: r.subject, status: r.status, outcome: r.outcome, filedAt: r.filedAt, mine: r.appellantId === viewer.id }));
}
