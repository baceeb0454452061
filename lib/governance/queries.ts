/** What the governance pages read: small view types, names shown as members chose, never e-mails. */
import { and, asc, count, desc, eq, ilike, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { decisionOptions, decisions, decisionSeconds, decisionVotes, electionNominations, elections, moderatorTerms, roleGrants, themes, users, type DecisionChoice } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import type { ElectionPhase } from "@/lib/auth/rules/governance";
import { AppError, notFound } from "@/lib/errors";
import { decisionResource } from "./decisions";
import { electionPhase, hasVoted, receiptHash, type ElectionResultData, type PublishedBallots } from "./elections";
import { shownName } from "./names";
import type { Tally } from "./tally";

export interface ElectionSummary {
  id: string;
  title: string;
  seats: number;
  phase: ElectionPhase;
  nominationsCloseAt: Date;
  votingClosesAt: Date;
  candidates: number;
}

export async function listElections(db: Tx, now = new Date()): Promise<ElectionSummary[]> {
  const rows = await db
    .select({
      id: elections.id,
      title: elections.title,
      seats: elections.seats,
      status: elections.status,
      nominationsCloseAt: elections.nominationsCloseAt,
      votingClosesAt: elections.votingClosesAt,
      candidates: sql<number>`(select count(*)::int from ${electionNominations} where ${electionNominations.electionId} = ${elections.id} and ${electionNominations.status} = 'accepted')`,
    })
    .from(elections)
    .orderBy(desc(elections.votingClosesAt))
    .limit(100);
  return rows.map(({ status, ...r }) => ({ ...r, phase: electionPhase({ status, nominationsCloseAt: r.nominationsCloseAt, votingClosesAt: r.votingClosesAt }, now) }));
}

export interface ElectionView {
  id: string;
  title: string;
  seats: number;
  phase: ElectionPhase;
  nominationsCloseAt: Date;
  votingClosesAt: Date;
  termEndsAt: Date;
  seedHash: string;
  /** Revealed only once counted. */
  seed: string | null;
  fillsVacancyOf: string | null;
  candidates: { nominationId: string; userId: string; name: string; statement: string | null }[];
  /** The viewer's own pending nominations, to accept or decline. */
  myPending: { nominationId: string; note: string | null; nominatedBy: string | null }[];
  viewerHasVoted: boolean;
  counted: null | {
    countedAt: Date;
    result: ElectionResultData;
    reconciliation: PublishedBallots["reconciliation"];
    bltSha256: string;
    jsonSha256: string;
    recounts: { at: Date; elected: string[]; withdrawn: string[] }[];
  };
}

export async function getElection(db: Tx, viewer: Actor, id: string, now = new Date()): Promise<ElectionView> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("election", "That election does not exist.");
  const [e] = await db.select().from(elections).where(eq(elections.id, id));
  if (!e) throw notFound("election", "That election does not exist.");
  const phase = electionPhase(e, now);
  const noms = await db
    .select({ nominationId: electionNominations.id, userId: electionNominations.nomineeId, name: shownName, statement: electionNominations.statement, status: electionNominations.status, note: electionNominations.note, nominatedBy: electionNominations.nominatedBy })
    .from(electionNominations)
    .innerJoin(users, eq(users.id, electionNominations.nomineeId))
    .where(eq(electionNominations.electionId, e.id))
    .orderBy(asc(shownName), asc(electionNominations.id));
  const nominatorNames = new Map<string, string>();
  const pendingMine = noms.filter((n) => n.status === "pending" && n.userId === viewer.id);
  for (const n of pendingMine) {
    if (!n.nominatedBy) continue;
    const [u] = await db.select({ name: shownName }).from(users).where(eq(users.id, n.nominatedBy));
    if (u) nominatorNames.set(n.nominatedBy, u.name);
  }
  const recounts =
    e.status === "counted"
      ? (
          await db.execute<{ created_at: Date; details: { elected?: string[]; withdrawn?: string[] } }>(
            sql`select created_at, details from audit_log where action = 'election.recount' and target_type = 'election' and target_id = ${e.id} order by chain_seq`,
          )
        ).rows.map((r) => ({ at: new Date(r.created_at), elected: r.details.elected ?? [], withdrawn: r.details.withdrawn ?? [] }))
      : [];
  return {
    id: e.id,
    title: e.title,
    seats: e.seats,
    phase,
    nominationsCloseAt: e.nominationsCloseAt,
    votingClosesAt: e.votingClosesAt,
    termEndsAt: e.termEndsAt,
    seedHash: e.seedHash,
    seed: e.status === "counted" ? e.seed : null,
    fillsVacancyOf: e.fillsVacancyOf,
    candidates: noms.filter((n) => n.status === "accepted").map((n) => ({ nominationId: n.nominationId, userId: n.userId, name: n.name, statement: n.statement })),
    myPending: pendingMine.map((n) => ({ nominationId: n.nominationId, note: n.note, nominatedBy: n.nominatedBy ? (nominatorNames.get(n.nominatedBy) ?? null) : null })),
    viewerHasVoted: await hasVoted(db, e.id, viewer.id),
    counted:
      e.status === "counted" && e.result && e.reconciliation
        ? { countedAt: e.countedAt!, result: e.result as unknown as ElectionResultData, reconciliation: e.reconciliation, bltSha256: e.bltSha256!, jsonSha256: e.jsonSha256!, recounts }
        : null,
  };
}

export async function getPublishedBallots(db: Tx, id: string, format: "blt" | "json"): Promise<{ body: string; sha256: string; title: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [e] = await db.select({ title: elections.title, blt: elections.ballotsBlt, json: elections.ballotsJson, bltSha: elections.bltSha256, jsonSha: elections.jsonSha256 }).from(elections).where(eq(elections.id, id));
  if (!e || !e.blt || !e.json) return null;
  return format === "blt" ? { body: e.blt, sha256: e.bltSha!, title: e.title } : { body: e.json, sha256: e.jsonSha!, title: e.title };
}

/** Finds a ballot in the published file by its receipt: the page shows the ranking by name. */
export async function findBallotByReceipt(db: Tx, electionId: string, receipt: string): Promise<{ ranking: string[] } | null> {
  const published = await getPublishedBallots(db, electionId, "json");
  if (!published) throw new AppError("conflict:election", "The ballots are published when the election has been counted. Come back after voting closes.", "receipt");
  const file = JSON.parse(published.body) as PublishedBallots;
  const hash = receiptHash(receipt);
  const ballot = file.ballots.find((b) => b.receiptHash === hash);
  if (!ballot) return null;
  const names = new Map(file.candidates.map((c) => [c.number, c.name]));
  return { ranking: ballot.ranking.map((n) => names.get(n) ?? `Candidate ${n}`) };
}

/** Sitting moderators with the end of their term (elected), for the hub. */
export async function listModerators(db: Tx): Promise<{ userId: string; name: string; termEndsAt: Date | null }[]> {
  const rows = await db
    .select({ userId: roleGrants.userId, name: shownName, termEndsAt: sql<Date | null>`(select min(${moderatorTerms.endsAt}) from ${moderatorTerms} where ${moderatorTerms.userId} = ${roleGrants.userId} and ${moderatorTerms.endedAt} is null)` })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, "moderator"), isNull(roleGrants.revokedAt)))
    .orderBy(asc(shownName));
  return rows.map((r) => ({ ...r, termEndsAt: r.termEndsAt ? new Date(r.termEndsAt) : null }));
}

export async function listFactEditors(db: Tx): Promise<{ userId: string; name: string }[]> {
  return db
    .select({ userId: roleGrants.userId, name: shownName })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, "fact_editor"), isNull(roleGrants.revokedAt)))
    .orderBy(asc(shownName));
}

/**
 * A verified member by the name they show, for nominating and appointing without exposing
 * e-mails. Exact (case-insensitive) match; several with one name ask for more.
 */
export async function findMemberByName(db: Tx, name: string, field: string): Promise<{ id: string; name: string }> {
  const pattern = name.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .select({ id: users.id, name: shownName })
    .from(users)
    .where(and(sql`${users.verifiedAt} is not null`, isNull(users.suspendedAt), ilike(shownName, pattern)))
    .limit(3);
  if (rows.length === 0) throw new AppError("invalid:member", "No verified member shows that name. Check the spelling as it appears on the site.", field);
  if (rows.length > 1) throw new AppError("invalid:member", "Several members show that name: ask them to nominate themself instead.", field);
  return rows[0]!;
}

export interface DecisionSummary {
  id: string;
  question: string;
  kind: "consent" | "approval" | "ranked" | "score";
  electorate: "members" | "theme" | "council";
  themeTitle: string | null;
  status: "seeking_seconds" | "open" | "closed";
  closesAt: Date;
  outcome: string | null;
  votes: number;
}

export async function listDecisions(db: Tx, opts: { status?: "open" | "closed" } = {}): Promise<DecisionSummary[]> {
  return db
    .select({
      id: decisions.id,
      question: decisions.question,
      kind: decisions.kind,
      electorate: decisions.electorate,
      themeTitle: themes.title,
      status: decisions.status,
      closesAt: decisions.closesAt,
      outcome: decisions.outcome,
      votes: sql<number>`(select count(*)::int from ${decisionVotes} where ${decisionVotes.decisionId} = ${decisions.id})`,
    })
    .from(decisions)
    .leftJoin(themes, eq(themes.id, decisions.themeId))
    .where(opts.status === "closed" ? eq(decisions.status, "closed") : opts.status === "open" ? sql`${decisions.status} <> 'closed'` : undefined)
    .orderBy(opts.status === "closed" ? desc(decisions.closedAt) : asc(decisions.closesAt))
    .limit(100);
}

export interface DecisionView {
  id: string;
  question: string;
  details: string;
  kind: "consent" | "approval" | "ranked" | "score";
  electorate: "members" | "theme" | "council";
  theme: { title: string; slug: string } | null;
  seats: number;
  anonymous: boolean;
  status: "seeking_seconds" | "open" | "closed";
  closesAt: Date;
  openedBy: string | null;
  openedAs: "council" | "curator" | "member";
  seedHash: string;
  seed: string | null;
  options: { id: string; label: string }[];
  seconds: number;
  secondsRequired: number;
  votes: number;
  outcome: string | null;
  result: Tally | null;
  myVote: DecisionChoice | null;
  canVote: boolean;
  canSecond: boolean;
  /** Named decisions, closed, for verified members: who chose what. */
  named: { name: string; choice: DecisionChoice }[] | null;
}

export async function getDecision(db: Tx, viewer: Actor, id: string): Promise<DecisionView> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("decision", "That decision does not exist.");
  const [d] = await db.select().from(decisions).where(eq(decisions.id, id));
  if (!d) throw notFound("decision", "That decision does not exist.");
  const [theme] = d.themeId ? await db.select({ title: themes.title, slug: themes.slug }).from(themes).where(eq(themes.id, d.themeId)) : [];
  const [opener] = d.openedBy ? await db.select({ name: shownName }).from(users).where(eq(users.id, d.openedBy)) : [];
  const options = await db.select({ id: decisionOptions.id, label: decisionOptions.label }).from(decisionOptions).where(eq(decisionOptions.decisionId, d.id)).orderBy(asc(decisionOptions.position));
  const [seconds] = await db.select({ n: count() }).from(decisionSeconds).where(eq(decisionSeconds.decisionId, d.id));
  const [votes] = await db.select({ n: count() }).from(decisionVotes).where(eq(decisionVotes.decisionId, d.id));
  const [mine] = viewer.id ? await db.select({ choice: decisionVotes.choice }).from(decisionVotes).where(and(eq(decisionVotes.decisionId, d.id), eq(decisionVotes.userId, viewer.id))) : [];
  const resource = await decisionResource(db, d, viewer);
  const named =
    !d.anonymous && d.status === "closed" && viewer.standing === "member"
      ? await db.select({ name: shownName, choice: decisionVotes.choice }).from(decisionVotes).innerJoin(users, eq(users.id, decisionVotes.userId)).where(eq(decisionVotes.decisionId, d.id)).orderBy(asc(shownName))
      : null;
  return {
    id: d.id,
    question: d.question,
    details: d.details,
    kind: d.kind,
    electorate: d.electorate,
    theme: theme ?? null,
    seats: d.seats,
    anonymous: d.anonymous,
    status: d.status,
    closesAt: d.closesAt,
    openedBy: opener?.name ?? null,
    openedAs: d.openedAs,
    seedHash: d.seedHash,
    seed: d.status === "closed" ? d.seed : null,
    options,
    seconds: seconds?.n ?? 0,
    secondsRequired: d.secondsRequired,
    votes: votes?.n ?? 0,
    outcome: d.outcome,
    result: (d.result as unknown as Tally | null) ?? null,
    myVote: mine?.choice ?? null,
    canVote: can(viewer, "decision.vote", resource),
    canSecond: can(viewer, "decision.second", resource) && viewer.id !== null,
    named,
  };
}
