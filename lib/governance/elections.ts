/**
 * Moderator elections: nomination (self, or by another and accepted by the nominee with a
 * statement), a voting period with secret ballots, a public count (Scottish STV, ./stv.ts) and
 * published ballots anyone can recount. Who voted (election_voters) is kept apart from what was
 * voted (election_ballots: no voter, no time, random keys); each voter gets a private receipt whose
 * hash finds their ballot in the published file. Individual votes are never logged (the log's
 * times would tie a ballot to a voter); nominations, the close and the result are.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { and, asc, count, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { electionBallots, electionNominations, elections, electionVoters, moderatorTerms, users, type Election } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import type { ElectionPhase, ElectionResource } from "@/lib/auth/rules/governance";
import { recordAudit } from "@/lib/audit/record";
import { scheduleDeadline } from "@/lib/jobs/deadlines";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { toBlt } from "./blt";
import { shownName } from "./names";
import { grantRoleByProcess, revokeRoleByProcess } from "./roles";
import { getGovernanceSettings } from "./settings";
import { countStv, type StvResult } from "./stv";

export const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const DAY = 86_400_000;
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

export function electionPhase(e: Pick<Election, "status" | "nominationsCloseAt" | "votingClosesAt">, now: Date): ElectionPhase {
  if (e.status === "cancelled") return "cancelled";
  if (e.status === "counted") return "counted";
  if (now < e.nominationsCloseAt) return "nominating";
  if (now < e.votingClosesAt) return "voting";
  return "counting";
}

export function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

async function loadElection(tx: Tx, id: string, opts: { lock?: boolean } = {}): Promise<Election> {
  const q = tx.select().from(elections).where(eq(elections.id, id));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw notFound("election", "That election does not exist.");
  return row;
}

const resourceOf = (e: Election, now: Date): ElectionResource => ({ id: e.id, phase: electionPhase(e, now) });

export interface CreateElectionInput {
  title: string;
  seats?: number;
  nominationsCloseAt?: Date;
  votingClosesAt?: Date;
  termEndsAt?: Date;
  fillsVacancyOf?: string | null;
}

/** Calls an election; its seed is committed now (only its hash is shown) and revealed at the count. */
export async function createElection(db: Db, actor: Actor, input: CreateElectionInput, now = new Date()): Promise<string> {
  assertCan(actor, "election.create", null);
  return db.transaction((tx) => insertElection(tx, actor.id, input, now));
}

async function insertElection(tx: Tx, actorId: string | null, input: CreateElectionInput, now: Date): Promise<string> {
  const settings = await getGovernanceSettings(tx);
  const nominationsCloseAt = input.nominationsCloseAt ?? new Date(now.getTime() + settings.nominationDays * DAY);
  const votingClosesAt = input.votingClosesAt ?? new Date(nominationsCloseAt.getTime() + settings.votingDays * DAY);
  if (nominationsCloseAt <= now) throw new AppError("invalid:election", "Nominations must close in the future.", "nominationsCloseAt");
  if (votingClosesAt <= nominationsCloseAt) throw new AppError("invalid:election", "Voting must close after nominations close.", "votingClosesAt");
  const seats = input.seats ?? settings.moderatorSeats;
  const termEndsAt = input.termEndsAt ?? addMonths(votingClosesAt, settings.termMonths);
  const seed = randomBytes(32).toString("hex");
  const seedHash = sha256(seed);
  const [row] = await tx
    .insert(elections)
    .values({ title: input.title, seats, nominationsCloseAt, votingClosesAt, termEndsAt, seed, seedHash, createdBy: actorId, fillsVacancyOf: input.fillsVacancyOf ?? null })
    .returning({ id: elections.id });
  await scheduleDeadline(tx, "election.count", row!.id, votingClosesAt);
  await recordAudit(tx, {
    actorId,
    action: "election.create",
    targetType: "election",
    targetId: row!.id,
    details: { title: input.title, seats, nominationsCloseAt: nominationsCloseAt.toISOString(), votingClosesAt: votingClosesAt.toISOString(), seedHash, ...(input.fillsVacancyOf ? { fillsVacancyOf: input.fillsVacancyOf } : {}) },
  });
  return row!.id;
}

/** Nominates a member, or oneself. A self-nomination carries the statement and stands at once. */
export async function nominate(db: Db, actor: Actor, input: { electionId: string; nomineeId: string; note?: string; statement?: string }, now = new Date()): Promise<string> {
  return db.transaction(async (tx) => {
    const election = await loadElection(tx, input.electionId, { lock: true });
    const phase = electionPhase(election, now);
    if (phase !== "nominating") {
      throw new AppError("forbidden:election.nominate", `Nominations for this election closed on ${when.format(election.nominationsCloseAt)} UTC.`);
    }
    const [nominee] = await tx.select({ id: users.id, verifiedAt: users.verifiedAt, suspendedAt: users.suspendedAt, name: shownName }).from(users).where(eq(users.id, input.nomineeId));
    if (!nominee) throw new AppError("invalid:nominee", "Choose a member to nominate.", "nomineeName");
    const verified = nominee.verifiedAt !== null && nominee.suspendedAt === null;
    if (!verified && actor.standing === "member") throw new AppError("invalid:nominee", "Only verified members in good standing can stand.", "nomineeName");
    assertCan(actor, "election.nominate", { election: resourceOf(election, now), nominee: { id: nominee.id, verified } });
    const self = nominee.id === actor.id;
    if (self && !input.statement?.trim()) throw new AppError("invalid:statement", "Write a statement for the members: why you are standing.", "statement");
    try {
      const [row] = await tx
        .insert(electionNominations)
        .values({
          electionId: election.id,
          nomineeId: nominee.id,
          nominatedBy: actor.id,
          note: self ? null : (input.note?.trim() || null),
          statement: self ? input.statement!.trim() : null,
          status: self ? "accepted" : "pending",
          respondedAt: self ? now : null,
        })
        .returning({ id: electionNominations.id });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "election.nominate",
        targetType: "election",
        targetId: election.id,
        details: { title: election.title, nominee: nominee.name, self },
      });
      return row!.id;
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError("conflict:nomination", `${nominee.name} is already nominated in this election.`, "nomineeName");
      throw e;
    }
  });
}

/** The nominee accepts (with their statement) or declines. */
export async function respondToNomination(db: Db, actor: Actor, input: { nominationId: string; accept: boolean; statement?: string }, now = new Date()): Promise<{ electionId: string }> {
  return db.transaction(async (tx) => {
    const [nom] = await tx.select().from(electionNominations).where(eq(electionNominations.id, input.nominationId)).for("update");
    if (!nom) throw notFound("nomination", "That nomination does not exist.");
    const election = await loadElection(tx, nom.electionId);
    if (nom.nomineeId === actor.id && electionPhase(election, now) !== "nominating") {
      throw new AppError("forbidden:election.respond", `Nominations for this election closed on ${when.format(election.nominationsCloseAt)} UTC.`);
    }
    assertCan(actor, "election.respond", { id: nom.id, nomineeId: nom.nomineeId, status: nom.status, election: resourceOf(election, now) });
    if (input.accept && !input.statement?.trim()) throw new AppError("invalid:statement", "Write a statement for the members: why you are standing.", "statement");
    await tx
      .update(electionNominations)
      .set({ status: input.accept ? "accepted" : "declined", statement: input.accept ? input.statement!.trim() : null, respondedAt: now })
      .where(eq(electionNominations.id, nom.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.accept ? "election.accept" : "election.decline",
      targetType: "election",
      targetId: election.id,
      details: { title: election.title },
    });
    return { electionId: election.id };
  });
}

/** A receipt: 80 random bits in Crockford's base32, in four groups, e.g. 7KQ2-M9XD-4TRA-ZB3C. */
export function newReceipt(): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let s = "";
  for (let i = 0; i < 16; i++) s += alphabet[randomInt(32)];
  return s.match(/.{4}/g)!.join("-");
}
/** What is stored and published: the hash of the receipt, spaces, dashes and case ignored. */
export const receiptHash = (receipt: string) => sha256(receipt.toUpperCase().replace(/[^0-9A-Z]/g, ""));

/**
 * Checks a ranking against the candidates: each a standing candidate, none twice. Returns the
 * message to show, or null.
 */
export function rankingProblem(ranking: readonly string[], candidateIds: ReadonlySet<string>): string | null {
  const seen = new Set<string>();
  for (const id of ranking) {
    if (!candidateIds.has(id)) return "Your ballot names someone who is not a candidate. Reload the page and vote again.";
    if (seen.has(id)) return "Each candidate can be ranked only once.";
    seen.add(id);
  }
  return null;
}

/**
 * Turns the form's rank per candidate ({candidateId: "1" | "2" | "" ...}) into a ranking. Ranks
 * must be 1, 2, 3 ... without gaps or repeats; unranked candidates are left out.
 */
export function rankingFromForm(ranks: Record<string, string>): { ranking: string[] } | { error: string } {
  const entries = Object.entries(ranks).filter(([, v]) => v.trim() !== "");
  const numbers = entries.map(([id, v]) => [id, Number(v)] as const);
  if (numbers.some(([, n]) => !Number.isInteger(n) || n < 1)) return { error: "Ranks are whole numbers from 1." };
  const sorted = [...numbers].sort((a, b) => a[1] - b[1]);
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i]![1] === sorted[i - 1]![1]) return { error: `Two candidates are ranked ${sorted[i]![1]}: give each a different number.` };
    if (sorted[i]![1] !== i + 1) return { error: `Your ranks skip ${i + 1}: number your choices 1, 2, 3 … without gaps.` };
  }
  return { ranking: sorted.map(([id]) => id) };
}

async function acceptedCandidates(tx: Tx, electionId: string) {
  return tx
    .select({ id: electionNominations.id, userId: electionNominations.nomineeId, name: shownName, statement: electionNominations.statement })
    .from(electionNominations)
    .innerJoin(users, eq(users.id, electionNominations.nomineeId))
    .where(and(eq(electionNominations.electionId, electionId), eq(electionNominations.status, "accepted")))
    .orderBy(asc(shownName), asc(electionNominations.id));
}

/** Casts a secret ballot (an empty ranking is a blank ballot). Returns the receipt, shown once. */
export async function castBallot(db: Db, actor: Actor, input: { electionId: string; ranking: string[] }, now = new Date()): Promise<{ receipt: string }> {
  return db.transaction(async (tx) => {
    const election = await loadElection(tx, input.electionId);
    const phase = electionPhase(election, now);
    if (phase !== "voting") {
      throw new AppError("forbidden:election.vote", phase === "nominating" ? "Voting has not opened yet: nominations are still open." : "Voting in this election has closed.");
    }
    assertCan(actor, "election.vote", resourceOf(election, now));
    const candidates = await acceptedCandidates(tx, election.id);
    const problem = rankingProblem(input.ranking, new Set(candidates.map((c) => c.id)));
    if (problem) throw new AppError("invalid:ballot", problem, "ranking");
    const receipt = newReceipt();
    try {
      await tx.insert(electionVoters).values({ electionId: election.id, userId: actor.id! });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError("conflict:ballot", "You have already voted in this election. A ballot cannot be changed or cast twice.");
      throw e;
    }
    await tx.insert(electionBallots).values({ electionId: election.id, ranking: input.ranking, receiptHash: receiptHash(receipt) });
    return { receipt };
  });
}

export async function hasVoted(db: Tx, electionId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const [row] = await db.select({ n: count() }).from(electionVoters).where(and(eq(electionVoters.electionId, electionId), eq(electionVoters.userId, userId)));
  return (row?.n ?? 0) > 0;
}

export interface PublishedCandidate {
  number: number;
  nominationId: string;
  userId: string;
  name: string;
}
export interface ElectionResultData {
  candidates: PublishedCandidate[];
  /** The lot's seed: the committed seed with the sha256 of the published BLT file. */
  lotSeed: string;
  stv: StvResult;
}

export interface PublishedBallots {
  format: "commonplace-ballots/1";
  election: { id: string; title: string; seats: number; seedHash: string; seed: string; lotSeed: string };
  candidates: { number: number; name: string }[];
  /** Sorted by ranking, then receipt hash: nothing about the order ballots were cast in. */
  ballots: { receiptHash: string; ranking: number[] }[];
  reconciliation: { eligible: number; voted: number; blank: number; valid: number; counted: number };
}

/** Verified members in good standing: the electorate of every election. */
async function countEligible(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(users).where(and(sql`${users.verifiedAt} is not null`, isNull(users.suspendedAt)));
  return row?.n ?? 0;
}

/**
 * Counts an election whose voting has closed: shuffles the ballot rows, publishes the ballots
 * (BLT and JSON with sha256), runs the count, grants the seats, and logs it. Idempotent: an
 * election already counted is left alone.
 */
export async function countElection(tx: Tx, electionId: string, now = new Date()): Promise<boolean> {
  const election = await loadElection(tx, electionId, { lock: true });
  if (electionPhase(election, now) !== "counting") return false;
  const candidates = (await acceptedCandidates(tx, election.id)).map((c, i) => ({ number: i + 1, nominationId: c.id, userId: c.userId, name: c.name }));
  // Rewrite the ballots in random order with fresh keys: the table's physical order and row
  // versions no longer follow the order of voting (dead rows go at the next vacuum).
  await tx.execute(sql`
    with old as (delete from election_ballots where election_id = ${election.id} returning ranking, receipt_hash)
    insert into election_ballots (election_id, ranking, receipt_hash) select ${election.id}, ranking, receipt_hash from old order by random()`);
  const rows = await tx.select({ ranking: electionBallots.ranking, receiptHash: electionBallots.receiptHash }).from(electionBallots).where(eq(electionBallots.electionId, election.id));
  const numberOf = new Map(candidates.map((c) => [c.nominationId, c.number]));
  const ballots = rows
    .map((r) => ({ receiptHash: r.receiptHash, ranking: r.ranking.map((id) => numberOf.get(id)!).filter((n) => n !== undefined) }))
    .sort((a, b) => {
      for (let i = 0; i < Math.min(a.ranking.length, b.ranking.length); i++) if (a.ranking[i] !== b.ranking[i]) return a.ranking[i]! - b.ranking[i]!;
      return a.ranking.length - b.ranking.length || (a.receiptHash < b.receiptHash ? -1 : 1);
    });
  const [voters] = await tx.select({ n: count() }).from(electionVoters).where(eq(electionVoters.electionId, election.id));
  const blank = ballots.filter((b) => b.ranking.length === 0).length;
  const stvBallots = ballots.filter((b) => b.ranking.length > 0).map((b) => ({ prefs: b.ranking.map((n) => n - 1) }));
  const names = candidates.map((c) => c.name);
  const blt = toBlt({ title: election.title, seats: election.seats, candidates: names, ballots: stvBallots });
  const bltSha256 = sha256(blt);
  const lotSeed = `${election.seed}:${bltSha256}`;
  const stv = countStv({ candidates: names.map((n, i) => `${i + 1}. ${n}`), seats: election.seats, ballots: stvBallots, seed: lotSeed });
  const reconciliation = { eligible: await countEligible(tx), voted: voters?.n ?? 0, blank, valid: stvBallots.length, counted: stv.valid };
  const published: PublishedBallots = {
    format: "commonplace-ballots/1",
    election: { id: election.id, title: election.title, seats: election.seats, seedHash: election.seedHash, seed: election.seed, lotSeed },
    candidates: candidates.map((c) => ({ number: c.number, name: c.name })),
    ballots,
    reconciliation,
  };
  const json = `${JSON.stringify(published, null, 1)}\n`;
  const jsonSha256 = sha256(json);
  const result: ElectionResultData = { candidates, lotSeed, stv };
  await tx
    .update(elections)
    .set({ status: "counted", countedAt: now, result: result as unknown as Record<string, unknown>, ballotsBlt: blt, ballotsJson: json, bltSha256, jsonSha256, reconciliation })
    .where(eq(elections.id, election.id));
  const elected = stv.elected.map((i) => candidates[i]!);
  for (const c of elected) await seatModerator(tx, election, c.userId, "count", now);
  await recordAudit(tx, {
    actorId: null,
    action: "election.count",
    targetType: "election",
    targetId: election.id,
    details: { title: election.title, elected: elected.map((c) => c.name), bltSha256, jsonSha256, ...reconciliation, seed: election.seed },
  });
  return true;
}

async function seatModerator(tx: Tx, election: Election, userId: string, via: "count" | "recount", now: Date) {
  const grantId = await grantRoleByProcess(tx, userId, "moderator", { via: via === "count" ? "election" : "recount", refType: "election", refId: election.id });
  await tx.insert(moderatorTerms).values({ electionId: election.id, userId, roleGrantId: grantId, via, startsAt: now, endsAt: election.termEndsAt });
}

/** Ends terms whose date has passed: the role goes unless another open term holds it. */
export async function endExpiredTerms(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.select().from(moderatorTerms).where(and(isNull(moderatorTerms.endedAt), lte(moderatorTerms.endsAt, now))).for("update", { skipLocked: true });
    for (const term of due) {
      await tx.update(moderatorTerms).set({ endedAt: now, endReason: "term ended" }).where(eq(moderatorTerms.id, term.id));
      const [other] = await tx.select({ n: count() }).from(moderatorTerms).where(and(eq(moderatorTerms.userId, term.userId), isNull(moderatorTerms.endedAt)));
      if ((other?.n ?? 0) === 0) await revokeRoleByProcess(tx, term.userId, "moderator", { via: "term", refType: "election", refId: term.electionId, reason: "The term ended." });
    }
    return due.length;
  });
}

/** Counts every election whose voting has closed, each in its own transaction; ends expired terms. */
export async function closeDueElections(db: Db, now = new Date()): Promise<{ counted: string[]; termsEnded: number }> {
  const due = await db
    .select({ id: elections.id })
    .from(elections)
    .where(and(eq(elections.status, "open"), lte(elections.votingClosesAt, now)));
  const counted: string[] = [];
  for (const { id } of due) if (await db.transaction((tx) => countElection(tx, id, now))) counted.push(id);
  return { counted, termsEnded: await endExpiredTerms(db, now) };
}

export type VacancyOutcome = { kind: "recount"; userId: string; name: string } | { kind: "by-election"; electionId: string } | { kind: "none"; reason: string };

/**
 * Refills a seat that fell vacant mid-term (recall, resignation). From ballots no older than the
 * setting: recount the original ballots with everyone who has left this election's seats
 * withdrawn, and the first candidate elected who does not already sit takes the seat for the rest
 * of the term (seats are added to the count until one does, so sitting members are never unseated
 * by a recount). Older ballots, or no candidate left: a by-election for one seat. The caller has
 * removed the role already or not: the departed's term ends here and the role goes with it.
 */
export async function fillVacancy(tx: Tx, electionId: string, departedUserId: string, now = new Date()): Promise<VacancyOutcome> {
  const election = await loadElection(tx, electionId, { lock: true });
  if (election.status !== "counted" || !election.result) return { kind: "none", reason: "That election has not been counted." };
  if (election.termEndsAt <= now) return { kind: "none", reason: "The term of that election has ended." };
  const open = await tx.select().from(moderatorTerms).where(and(eq(moderatorTerms.electionId, election.id), eq(moderatorTerms.userId, departedUserId), isNull(moderatorTerms.endedAt)));
  if (open.length > 0) {
    await tx.update(moderatorTerms).set({ endedAt: now, endReason: "vacancy" }).where(inArray(moderatorTerms.id, open.map((t) => t.id)));
    await revokeRoleByProcess(tx, departedUserId, "moderator", { via: "vacancy", refType: "election", refId: election.id, reason: "The seat fell vacant." });
  }
  const terms = await tx.select({ userId: moderatorTerms.userId, endedAt: moderatorTerms.endedAt }).from(moderatorTerms).where(eq(moderatorTerms.electionId, election.id));
  const sitting = new Set(terms.filter((t) => t.endedAt === null).map((t) => t.userId));
  const departed = new Set([...terms.filter((t) => t.endedAt !== null).map((t) => t.userId), departedUserId]);
  const data = election.result as unknown as ElectionResultData;
  const stale = election.countedAt !== null && addMonths(election.countedAt, (await getGovernanceSettings(tx)).ballotsStaleAfterMonths) < now;

  const byElection = async (): Promise<VacancyOutcome> => {
    const id = await insertElection(tx, null, { title: `${election.title}: by-election`, seats: 1, termEndsAt: election.termEndsAt, fillsVacancyOf: election.id }, now);
    return { kind: "by-election", electionId: id };
  };
  if (stale) return byElection();

  const published = JSON.parse(election.ballotsJson!) as PublishedBallots;
  const ballots = published.ballots.filter((b) => b.ranking.length > 0).map((b) => ({ prefs: b.ranking.map((n) => n - 1) }));
  const withdrawn = data.candidates.filter((c) => departed.has(c.userId)).map((c) => c.number - 1);
  const names = data.candidates.map((c) => `${c.number}. ${c.name}`);
  for (let seats = election.seats; seats <= data.candidates.length; seats++) {
    const stv = countStv({ candidates: names, seats, ballots, seed: data.lotSeed, withdrawn });
    const filler = stv.elected.map((i) => data.candidates[i]!).find((c) => !sitting.has(c.userId) && !departed.has(c.userId));
    if (!filler) continue;
    const [standing] = await tx.select({ verifiedAt: users.verifiedAt, suspendedAt: users.suspendedAt }).from(users).where(eq(users.id, filler.userId));
    if (!standing || standing.verifiedAt === null || standing.suspendedAt !== null) {
      departed.add(filler.userId);
      withdrawn.push(filler.number - 1);
      seats--;
      continue;
    }
    await seatModerator(tx, election, filler.userId, "recount", now);
    await recordAudit(tx, {
      actorId: null,
      action: "election.recount",
      targetType: "election",
      targetId: election.id,
      details: { title: election.title, elected: [filler.name], withdrawn: withdrawn.map((i) => data.candidates[i]!.name), stages: stv.stages.length },
    });
    return { kind: "recount", userId: filler.userId, name: filler.name };
  }
  return byElection();
}
