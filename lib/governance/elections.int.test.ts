import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog, electionBallots, electionNominations, elections, electionVoters, moderatorTerms, roleGrants } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { createPerson } from "@/lib/testing/factories";
import { parseBlt } from "./blt";
import { castBallot, closeDueElections, countElection, createElection, endExpiredTerms, fillVacancy, nominate, rankingFromForm, receiptHash, respondToNomination, sha256, type ElectionResultData, type PublishedBallots } from "./elections";
import { countStv } from "./stv";
import { createTestElection } from "./test-factory";

const db = getDb();
afterAll(() => closeDb());
const HOUR = 3_600_000;
const actorOf = async (id: string) => loadActor(db, id);
const member = async () => actorOf((await createPerson(db)).id);
const holdsModerator = async (userId: string) =>
  (await db.select().from(roleGrants).where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, "moderator"), sql`${roleGrants.revokedAt} is null`))).length > 0;

async function vote(electionId: string, ranking: string[], now: Date) {
  return castBallot(db, await member(), { electionId, ranking }, now);
}

describe("a moderator election from nomination to published ballots", () => {
  it("nominates, votes in secret, counts, publishes ballots a voter finds by receipt, and seats the winners", async () => {
    const t0 = new Date();
    const admin = await actorOf((await createPerson(db, { roles: ["admin"] })).id);
    const electionId = await createElection(db, admin, { title: "Moderators test", seats: 2, nominationsCloseAt: new Date(t0.getTime() + HOUR), votingClosesAt: new Date(t0.getTime() + 2 * HOUR) }, t0);
    const [created] = await db.select().from(elections).where(eq(elections.id, electionId));
    expect(created!.seedHash).toBe(sha256(created!.seed));

    const ann = await member();
    const bob = await member();
    const cat = await member();
    const nominator = await member();
    const annNom = await nominate(db, ann, { electionId, nomineeId: ann.id!, statement: "I stand for calm moderation." }, t0);
    const bobNom = await nominate(db, nominator, { electionId, nomineeId: bob.id!, note: "Bob is fair." }, t0);
    const [pending] = await db.select().from(electionNominations).where(eq(electionNominations.id, bobNom));
    expect(pending!.status).toBe("pending");
    await expect(respondToNomination(db, bob, { nominationId: bobNom, accept: true, statement: "  " }, t0)).rejects.toThrow("Write a statement");
    await expect(respondToNomination(db, nominator, { nominationId: bobNom, accept: true, statement: "Not mine" }, t0)).rejects.toThrow();
    await respondToNomination(db, bob, { nominationId: bobNom, accept: true, statement: "Happy to serve." }, t0);
    const catNom = await nominate(db, cat, { electionId, nomineeId: cat.id!, statement: "Me too." }, t0);
    await expect(nominate(db, nominator, { electionId, nomineeId: ann.id! }, t0)).rejects.toThrow("already nominated");

    // Bad input after the close of nominations changes nothing.
    const late = new Date(t0.getTime() + HOUR + 1000);
    const before = await db.$count(electionNominations, eq(electionNominations.electionId, electionId));
    await expect(nominate(db, await member(), { electionId, nomineeId: nominator.id!, note: "late" }, late)).rejects.toThrow(/Nominations for this election closed on/);
    expect(await db.$count(electionNominations, eq(electionNominations.electionId, electionId))).toBe(before);

    // Voting.
    await expect(vote(electionId, [annNom], t0)).rejects.toThrow("Voting has not opened yet");
    const voting = new Date(t0.getTime() + HOUR + 60_000);
    const receipts: string[] = [];
    for (let i = 0; i < 5; i++) receipts.push((await vote(electionId, [annNom, bobNom], voting)).receipt);
    for (let i = 0; i < 3; i++) receipts.push((await vote(electionId, [bobNom, catNom], voting)).receipt);
    receipts.push((await vote(electionId, [catNom, annNom], voting)).receipt);
    receipts.push((await vote(electionId, [], voting)).receipt); // blank

    const voter = await member();
    const mine = await castBallot(db, voter, { electionId, ranking: [catNom, bobNom, annNom] }, voting);
    expect(mine.receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const ballotsBefore = await db.$count(electionBallots, eq(electionBallots.electionId, electionId));
    await expect(castBallot(db, voter, { electionId, ranking: [annNom] }, voting)).rejects.toThrow("already voted");
    await expect(castBallot(db, await member(), { electionId, ranking: [annNom, annNom] }, voting)).rejects.toThrow("only once");
    await expect(castBallot(db, await member(), { electionId, ranking: [crypto.randomUUID()] }, voting)).rejects.toThrow("not a candidate");
    expect(await db.$count(electionBallots, eq(electionBallots.electionId, electionId))).toBe(ballotsBefore);

    // The ballot table knows nothing of voters or time.
    const columns = await db.execute<{ column_name: string }>(sql`select column_name from information_schema.columns where table_name = 'election_ballots'`);
    expect(columns.rows.map((c) => c.column_name).sort()).toEqual(["election_id", "id", "ranking", "receipt_hash"]);

    // Nothing is counted before the close; then the close counts it by itself.
    expect((await closeDueElections(db, voting)).counted).not.toContain(electionId);
    const after = new Date(t0.getTime() + 2 * HOUR + 1000);
    await expect(vote(electionId, [annNom], after)).rejects.toThrow("Voting in this election has closed");
    expect((await closeDueElections(db, after)).counted).toContain(electionId);
    expect(await db.transaction((tx) => countElection(tx, electionId, after))).toBe(false);

    const [counted] = await db.select().from(elections).where(eq(elections.id, electionId));
    expect(counted!.status).toBe("counted");
    expect(counted!.bltSha256).toBe(sha256(counted!.ballotsBlt!));
    expect(counted!.jsonSha256).toBe(sha256(counted!.ballotsJson!));
    const published = JSON.parse(counted!.ballotsJson!) as PublishedBallots;
    expect(published.reconciliation).toMatchObject({ voted: 11, blank: 1, valid: 10, counted: 10 });
    expect(published.reconciliation.eligible).toBeGreaterThanOrEqual(11);
    expect(published.election.seed).toBe(counted!.seed);
    // Sorted by content, not by the order of voting.
    const keys = published.ballots.map((b) => b.ranking.join(","));
    expect(keys).toEqual([...keys].sort((a, b) => {
      const x = a ? a.split(",").map(Number) : [];
      const y = b ? b.split(",").map(Number) : [];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    }));
    // The voter finds their own ballot by receipt.
    const found = published.ballots.find((b) => b.receiptHash === receiptHash(mine.receipt.toLowerCase()));
    const numberOf = (nom: string) => (counted!.result as unknown as ElectionResultData).candidates.find((c) => c.nominationId === nom)!.number;
    expect(found?.ranking).toEqual([numberOf(catNom), numberOf(bobNom), numberOf(annNom)]);

    // Anyone can recount the published BLT file with the published seed.
    const blt = parseBlt(counted!.ballotsBlt!);
    const recount = countStv({ ...blt, candidates: blt.candidates.map((n, i) => `${i + 1}. ${n}`), seed: published.election.lotSeed });
    const data = counted!.result as unknown as ElectionResultData;
    expect(recount.elected).toEqual(data.stv.elected);
    const winners = data.stv.elected.map((i) => data.candidates[i]!.userId);
    expect(winners.sort()).toEqual([ann.id, bob.id].sort());
    expect(await holdsModerator(ann.id!)).toBe(true);
    expect(await holdsModerator(cat.id!)).toBe(false);
    const grants = await db.select().from(auditLog).where(and(eq(auditLog.action, "role.grant"), eq(auditLog.targetId, ann.id!)));
    expect(grants[0]!.details).toMatchObject({ role: "moderator", via: "election", electionId });
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.targetId, electionId)));
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(["election.create", "election.nominate", "election.accept", "election.count"]));
    // Who voted is kept, without time: eleven rows.
    expect(await db.$count(electionVoters, eq(electionVoters.electionId, electionId))).toBe(11);
  });
});

describe("vacancies and terms", () => {
  async function countedElection() {
    const { election, candidates } = await createTestElection(db, { phase: "voting", seats: 2, candidates: 3 });
    const [a, b, c] = candidates;
    const now = new Date();
    for (let i = 0; i < 4; i++) await vote(election.id, [a!.nominationId, c!.nominationId], now);
    for (let i = 0; i < 3; i++) await vote(election.id, [b!.nominationId], now);
    for (let i = 0; i < 2; i++) await vote(election.id, [c!.nominationId], now);
    await db.update(elections).set({ votingClosesAt: new Date(now.getTime() - 1000) }).where(eq(elections.id, election.id));
    await db.transaction((tx) => countElection(tx, election.id, now));
    return { election, a: a!, b: b!, c: c! };
  }

  it("refills a seat from the original ballots without the departed, for the rest of the term", async () => {
    const { election, a, b, c } = await countedElection();
    expect(await holdsModerator(a.userId)).toBe(true);
    expect(await holdsModerator(b.userId)).toBe(true);
    const outcome = await db.transaction((tx) => fillVacancy(tx, election.id, a.userId));
    expect(outcome).toMatchObject({ kind: "recount", userId: c.userId });
    expect(await holdsModerator(a.userId)).toBe(false);
    expect(await holdsModerator(b.userId)).toBe(true);
    expect(await holdsModerator(c.userId)).toBe(true);
    const [term] = await db.select().from(moderatorTerms).where(and(eq(moderatorTerms.userId, c.userId), eq(moderatorTerms.electionId, election.id)));
    expect(term).toMatchObject({ via: "recount", endsAt: election.termEndsAt });
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.targetId, election.id), eq(auditLog.action, "election.recount")));
    expect(logged).toHaveLength(1);
  });

  it("calls a by-election when the ballots are stale", async () => {
    const { election, a } = await countedElection();
    await db.update(elections).set({ countedAt: new Date(Date.now() - 400 * 24 * HOUR) }).where(eq(elections.id, election.id));
    const outcome = await db.transaction((tx) => fillVacancy(tx, election.id, a.userId));
    expect(outcome.kind).toBe("by-election");
    const [by] = await db.select().from(elections).where(eq(elections.fillsVacancyOf, election.id));
    expect(by).toMatchObject({ seats: 1, status: "open", termEndsAt: election.termEndsAt });
  });

  it("ends terms on their date and the role with them", async () => {
    const { election, b } = await countedElection();
    const ended = await endExpiredTerms(db, new Date(election.termEndsAt.getTime() + 1000));
    expect(ended).toBeGreaterThanOrEqual(2);
    expect(await holdsModerator(b.userId)).toBe(false);
    const [revoke] = await db.select().from(auditLog).where(and(eq(auditLog.action, "role.revoke"), eq(auditLog.targetId, b.userId)));
    expect(revoke!.details).toMatchObject({ role: "moderator", via: "term" });
  });
});

describe("ranks from the ballot form", () => {
  it("accepts 1, 2, 3 and refuses gaps and repeats", () => {
    expect(rankingFromForm({ x: "2", y: "1", z: "" })).toEqual({ ranking: ["y", "x"] });
    expect(rankingFromForm({ x: "1", y: "3" })).toEqual({ error: expect.stringContaining("skip 2") });
    expect(rankingFromForm({ x: "1", y: "1" })).toEqual({ error: expect.stringContaining("Two candidates are ranked 1") });
    expect(rankingFromForm({ x: "0" })).toEqual({ error: expect.stringContaining("whole numbers") });
    expect(rankingFromForm({})).toEqual({ ranking: [] });
  });
});
