/**
 * Decisions, after Loomio's proposals: a question, a closing time, an electorate (all verified
 * members, a theme's participants, the council) and a kind (consent, approval, ranked, score).
 * Council members open any decision, curators one for their theme at once, and any member one for
 * a theme, which opens when enough others second it. Votes change until the close; the close runs
 * on time (closeDueDecisions, from the job queue), announces the outcome and logs it.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, eq, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { comments, decisionOptions, decisions, decisionSeconds, decisionVotes, follows, papers, roleGrants, themes, type Decision, type DecisionChoice } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { isCouncil, type Actor } from "@/lib/auth/permissions";
import type { DecisionResource } from "@/lib/auth/rules/governance";
import { recordAudit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import { followersOf, notify } from "@/lib/following/notify";
import { scheduleDeadline } from "@/lib/jobs/deadlines";
import { getGovernanceSettings } from "./settings";
import { choiceProblem, tallyDecision, type DecisionKind, type Tally } from "./tally";

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
export const MAX_OPTIONS = 20;
const YEAR = 366 * 86_400_000;

export interface OpenDecisionInput {
  question: string;
  details?: string;
  kind: DecisionKind;
  electorate: "members" | "theme" | "council";
  themeId?: string | null;
  options?: string[];
  seats?: number;
  anonymous: boolean;
  closesAt: Date;
}

/** Whether a member takes part in a theme: they follow it, curate it, or wrote a paper or comment in it. */
export async function isThemeParticipant(tx: Tx, themeId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const rows = await tx.execute<{ yes: boolean }>(sql`select (
    exists (select 1 from ${follows} where ${follows.userId} = ${userId} and ${follows.targetType} = 'theme' and ${follows.targetId} = ${themeId})
    or exists (select 1 from ${roleGrants} where ${roleGrants.userId} = ${userId} and ${roleGrants.role} = 'curator' and ${roleGrants.themeId} = ${themeId} and ${roleGrants.revokedAt} is null)
    or exists (select 1 from ${papers} where ${papers.authorId} = ${userId} and ${papers.themeId} = ${themeId})
    or exists (select 1 from ${comments} join ${papers} on ${papers.id} = ${comments.paperId} where ${comments.authorId} = ${userId} and ${papers.themeId} = ${themeId})
  ) as yes`);
  return rows.rows[0]?.yes === true;
}

export async function decisionResource(tx: Tx, d: Decision, actor: Actor): Promise<DecisionResource> {
  return {
    id: d.id,
    status: d.status,
    closesAt: d.closesAt,
    electorate: d.electorate,
    themeId: d.themeId,
    openedBy: d.openedBy,
    actorIsParticipant: d.themeId ? await isThemeParticipant(tx, d.themeId, actor.id) : false,
  };
}

async function loadDecision(tx: Tx, id: string, lock = false): Promise<Decision> {
  const q = tx.select().from(decisions).where(eq(decisions.id, id));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("decision", "That decision does not exist.");
  return row;
}

export async function openDecision(db: Db, actor: Actor, input: OpenDecisionInput, now = new Date()): Promise<string> {
  return db.transaction(async (tx) => {
    const theme = input.themeId ? (await tx.select().from(themes).where(eq(themes.id, input.themeId)))[0] : undefined;
    if (input.electorate === "theme" && !theme) throw new AppError("invalid:decision", "Choose the theme whose members decide.", "themeId");
    assertCan(actor, "decision.open", { electorate: input.electorate, theme: theme ? { id: theme.id, archivedAt: theme.archivedAt, discussionPublic: theme.discussionPublic } : null });
    if (input.closesAt <= now) throw new AppError("invalid:decision", "The closing time must be in the future.", "closesAt");
    if (input.closesAt.getTime() - now.getTime() > YEAR) throw new AppError("invalid:decision", "A decision can stay open for a year at most.", "closesAt");
    const options = input.kind === "consent" ? [] : (input.options ?? []).map((o) => o.trim()).filter(Boolean);
    if (input.kind !== "consent") {
      if (options.length < 2) throw new AppError("invalid:decision", "Give at least two options, one a line.", "options");
      if (options.length > MAX_OPTIONS) throw new AppError("invalid:decision", `Give at most ${MAX_OPTIONS} options.`, "options");
      if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) throw new AppError("invalid:decision", "Two options are the same: each must differ.", "options");
    }
    const seats = input.kind === "ranked" ? (input.seats ?? 1) : 1;
    if (input.kind === "ranked" && (!Number.isInteger(seats) || seats < 1 || seats >= options.length)) {
      throw new AppError("invalid:decision", "Choose at least one winner, and fewer winners than options.", "seats");
    }
    const openedAs = isCouncil(actor) ? "council" : theme && actor.curatorOf.has(theme.id) ? "curator" : "member";
    const secondsRequired = openedAs === "member" ? (await getGovernanceSettings(tx)).decisionSecondsRequired : 0;
    const seed = randomBytes(32).toString("hex");
    const [row] = await tx
      .insert(decisions)
      .values({
        question: input.question.trim(),
        details: input.details?.trim() ?? "",
        kind: input.kind,
        electorate: input.electorate,
        themeId: input.electorate === "theme" ? theme!.id : null,
        seats,
        anonymous: input.anonymous,
        status: secondsRequired > 0 ? "seeking_seconds" : "open",
        secondsRequired,
        closesAt: input.closesAt,
        openedBy: actor.id,
        openedAs,
        seed,
        seedHash: sha256(seed),
      })
      .returning({ id: decisions.id });
    await scheduleDeadline(tx, "decision.close", row!.id, input.closesAt);
    if (options.length) await tx.insert(decisionOptions).values(options.map((label, position) => ({ decisionId: row!.id, label, position })));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "decision.open",
      targetType: "decision",
      targetId: row!.id,
      details: { title: input.question.trim(), kind: input.kind, electorate: input.electorate, anonymous: input.anonymous, closesAt: input.closesAt.toISOString(), seedHash: sha256(seed), secondsRequired },
    });
    return row!.id;
  });
}

/** Seconds a member's decision; at the threshold it opens to its electorate. */
export async function secondDecision(db: Db, actor: Actor, decisionId: string, now = new Date()): Promise<{ opened: boolean }> {
  return db.transaction(async (tx) => {
    const d = await loadDecision(tx, decisionId, true);
    if (d.status === "seeking_seconds" && d.closesAt <= now) throw new AppError("forbidden:decision.second", "This decision's closing time has passed.");
    assertCan(actor, "decision.second", await decisionResource(tx, d, actor));
    const inserted = await tx.insert(decisionSeconds).values({ decisionId: d.id, userId: actor.id! }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw new AppError("conflict:decision", "You have already seconded this decision.");
    const [c] = await tx.select({ n: count() }).from(decisionSeconds).where(eq(decisionSeconds.decisionId, d.id));
    const opened = (c?.n ?? 0) >= d.secondsRequired;
    if (opened) {
      await tx.update(decisions).set({ status: "open" }).where(eq(decisions.id, d.id));
      await recordAudit(tx, { actorId: null, action: "decision.seconded", targetType: "decision", targetId: d.id, details: { title: d.question, seconds: c?.n ?? 0 } });
    }
    return { opened };
  });
}

/** Casts or changes a vote until the close. Votes themselves are not logged. */
export async function castDecisionVote(db: Db, actor: Actor, input: { decisionId: string; choice: DecisionChoice }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const d = await loadDecision(tx, input.decisionId);
    if (d.status === "closed" || d.closesAt <= now) throw new AppError("forbidden:decision.vote", "This decision has closed: votes can no longer be cast or changed.");
    if (d.status === "seeking_seconds") throw new AppError("forbidden:decision.vote", "This decision is not open for votes yet: it still needs seconds.");
    assertCan(actor, "decision.vote", await decisionResource(tx, d, actor));
    const options = await tx.select({ id: decisionOptions.id, label: decisionOptions.label }).from(decisionOptions).where(eq(decisionOptions.decisionId, d.id));
    const problem = choiceProblem(d.kind, options, input.choice);
    if (problem) throw new AppError("invalid:vote", problem, "choice");
    await tx
      .insert(decisionVotes)
      .values({ decisionId: d.id, userId: actor.id!, choice: input.choice, updatedAt: now })
      .onConflictDoUpdate({ target: [decisionVotes.decisionId, decisionVotes.userId], set: { choice: input.choice, updatedAt: now } });
  });
}

/** Closes one decision if its time has come: counts, records, announces. */
export async function closeDecision(tx: Tx, id: string, now = new Date()): Promise<boolean> {
  const d = await loadDecision(tx, id, true);
  if (d.status === "closed" || d.closesAt > now) return false;
  let tally: Tally | null = null;
  let outcome: string;
  const voters: string[] = [];
  if (d.status === "seeking_seconds") {
    outcome = "Not held: it did not find enough seconds before its closing time.";
  } else {
    const options = await tx.select({ id: decisionOptions.id, label: decisionOptions.label }).from(decisionOptions).where(eq(decisionOptions.decisionId, d.id)).orderBy(asc(decisionOptions.position));
    const votes = await tx.select({ userId: decisionVotes.userId, choice: decisionVotes.choice }).from(decisionVotes).where(eq(decisionVotes.decisionId, d.id)).orderBy(asc(decisionVotes.userId));
    voters.push(...votes.map((v) => v.userId));
    tally = tallyDecision({ kind: d.kind, options, votes: votes.map((v) => v.choice), seats: d.seats, seed: d.seed });
    outcome = tally.outcome;
  }
  await tx.update(decisions).set({ status: "closed", closedAt: now, outcome, result: tally as unknown as Record<string, unknown> }).where(eq(decisions.id, d.id));
  await recordAudit(tx, { actorId: null, action: "decision.close", targetType: "decision", targetId: d.id, details: { title: d.question, outcome, voters: voters.length, seed: d.seed } });
  const followers = d.themeId ? await followersOf(tx, "theme", d.themeId) : [];
  await notify(tx, [d.openedBy, ...voters, ...followers], { kind: "decision_closed", title: `Decided: ${d.question}`, url: `/governance/decisions/${d.id}`, text: `The decision “${d.question}” has closed. ${outcome}` });
  return true;
}

export async function closeDueDecisions(db: Db, now = new Date()): Promise<string[]> {
  const due = await db
    .select({ id: decisions.id })
    .from(decisions)
    .where(and(or(eq(decisions.status, "open"), eq(decisions.status, "seeking_seconds")), lte(decisions.closesAt, now)));
  const closed: string[] = [];
  for (const { id } of due) if (await db.transaction((tx) => closeDecision(tx, id, now))) closed.push(id);
  return closed;
}
