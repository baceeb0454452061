import { and, eq, isNull } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog, comments, councilDraws, councilSeats, councilSettings, drawEntries, elections, memberActivity, moderatorTerms, poolVolunteers, recallPetitions, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { castBallot, countElection } from "@/lib/governance/elections";
import { createTestElection } from "@/lib/governance/test-factory";
import { createPerson, createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { pendingJobs } from "@/lib/testing/jobs";
import { drawAppealPanel, fileAppeal, getAppeal, listAppealableActs, voteOnAppeal } from "./appeals";
import { quotaBreaches, verifyDraw } from "./draw";
import { announceCouncilDraw, endExpiredCouncilTerms, executeDraw, getPublishedDraw, previewDraw } from "./draws";
import { getMyPool, volunteerForPool } from "./pool";
import { closeExpiredPetitions, listPetitions, openPetition, recallOutcomeNote, signPetition } from "./recall";
import { countActiveMembers, getCouncilSettings, recallThreshold, updateCouncilSettings } from "./settings";

const db = getDb();
afterAll(() => closeDb());

const REGIONS = ["North", "Midlands", "South", "London", "Wales", "Scotland", "Northern Ireland"];
async function volunteers(n: number) {
  const people = [];
  for (let i = 0; i < n; i++) {
    const p = await createPerson(db);
    await volunteerForPool(db, await loadActor(db, p.id), { region: REGIONS[i % 3], gender: i % 2 ? "Woman" : "Man" });
    people.push(p);
  }
  return people;
}

const anAdmin = async () => loadActor(db, (await createPerson(db, { roles: ["admin"] })).id);

/**
 * The council's pool, its one announced draw and its settings are site-wide, so each test that
 * draws starts from a pool of exactly its own volunteers with no draw left announced (by another
 * test or file), and each recall test from the thresholds it assumes.
 */
async function freshPool(n: number) {
  await getCouncilSettings(db);
  await db.update(councilDraws).set({ status: "cancelled" }).where(and(eq(councilDraws.purpose, "council"), eq(councilDraws.status, "announced")));
  await db.delete(poolVolunteers);
  return volunteers(n);
}
/** Known thresholds: 3 signatures or 0% of active members, at most 2 open petitions each. */
async function knownRecallSettings() {
  await getCouncilSettings(db);
  await db.update(councilSettings).set({ recallMinSignatures: 3, recallSharePercent: 0, maxOpenPetitionsPerMember: 2 });
}

describe("the council draw, end to end", () => {
  it("refuses an empty pool and says so before anything is committed", async () => {
    const admin = await anAdmin();
    await freshPool(0);
    const preview = await previewDraw(db, admin, { seats: 3, quotas: [] });
    expect(preview).toMatchObject({ ok: false, problems: ["Nobody has volunteered for the pool yet."] });
    await expect(announceCouncilDraw(db, admin, { title: "Empty", seats: 3, quotas: [], drawNotBefore: new Date() })).rejects.toThrow(/Nobody has volunteered/);
    expect(await db.select().from(councilDraws).where(eq(councilDraws.title, "Empty"))).toHaveLength(0);
  });

  it("reports infeasible quotas with the shortfall and commits nothing", async () => {
    const admin = await anAdmin();
    // Six volunteers from the North, Midlands and South: nobody from Wales.
    await freshPool(6);
    const quotas = [{ category: "region", value: "Wales", min: 2, max: 3 }];
    const preview = await previewDraw(db, admin, { seats: 3, quotas });
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(preview.problems[0]).toMatch(/Region “Wales” \(2–3\): only 0 volunteered, 2 short of the minimum/);
    await expect(announceCouncilDraw(db, admin, { title: "Infeasible", seats: 3, quotas, drawNotBefore: new Date() })).rejects.toThrow(/2 short/);
    expect(await db.select().from(councilDraws).where(eq(councilDraws.title, "Infeasible"))).toHaveLength(0);
  });

  it("announces with a commitment, shows each volunteer their chance, runs once, seats the panel and verifies", async () => {
    const admin = await anAdmin();
    await freshPool(6);
    const quotas = [{ category: "gender", value: "Woman", min: 1, max: 2 }];
    const now = new Date();
    const { id } = await announceCouncilDraw(db, admin, { title: "Council 2027", seats: 3, quotas, drawNotBefore: now }, now);
    const before = await getPublishedDraw(db, id);
    expect(before!.result).toBeNull();
    expect(JSON.stringify(before)).not.toContain((await db.select({ seed: councilDraws.seed }).from(councilDraws).where(eq(councilDraws.id, id)))[0]!.seed);
    expect(verifyDraw(before!).ok).toBe(true);

    const [entry] = await db.select().from(drawEntries).where(eq(drawEntries.drawId, id)).limit(1);
    const mine = await getMyPool(db, await loadActor(db, entry!.userId));
    const listed = mine.draws.find((d) => d.drawId === id)!;
    expect(listed.poolId).toBe(entry!.poolId);
    expect(listed.probability).toBeGreaterThan(0);
    expect(listed.seated).toBeNull();

    const member = await loadActor(db, (await createPerson(db)).id);
    await expect(executeDraw(db, member, id)).rejects.toMatchObject({ kind: "forbidden" });
    const result = await executeDraw(db, admin, id, now);
    expect(result.panel).toHaveLength(3);
    await expect(executeDraw(db, admin, id)).rejects.toThrow(/already been run; a draw runs once/);

    const after = await getPublishedDraw(db, id);
    expect(verifyDraw(after!).ok).toBe(true);
    expect(quotaBreaches(after!.announcement, after!.result!.panel)).toEqual([]);
    const seats = await db.select().from(councilSeats).where(and(eq(councilSeats.drawId, id), isNull(councilSeats.endedAt)));
    expect(seats).toHaveLength(3);
    for (const seat of seats) expect((await loadActor(db, seat.userId)).roles.has("council")).toBe(true);
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.targetType, "draw"), eq(auditLog.targetId, id)));
    expect(logged.map((l) => l.action).sort()).toEqual(["draw.announce", "draw.run"]);
  });

  it("a seed committed for later cannot be drawn early", async () => {
    const admin = await anAdmin();
    await freshPool(4);
    const later = new Date(Date.now() + 3600_000);
    const { id } = await announceCouncilDraw(db, admin, { title: "Later", seats: 2, quotas: [], drawNotBefore: later });
    await expect(executeDraw(db, admin, id)).rejects.toThrow(/not before/);
    await executeDraw(db, admin, id, new Date(later.getTime() + 1));
  });
});

async function roleHolder(role: "moderator" | "fact_editor" | "council") {
  const p = await createPerson(db, { roles: [role] });
  return p;
}
async function signer() {
  return loadActor(db, (await createPerson(db)).id);
}

describe("recall petitions", () => {
  it("refuses a petition on oneself, on a role not held, and double signing, changing nothing", async () => {
    await knownRecallSettings();
    const mod = await roleHolder("moderator");
    const modActor = await loadActor(db, mod.id);
    await expect(openPetition(db, modActor, { targetUserId: mod.id, role: "moderator", reason: "Myself" })).rejects.toThrow("You cannot petition to recall yourself.");
    const m = await signer();
    await expect(openPetition(db, m, { targetUserId: mod.id, role: "fact_editor", reason: "Wrong role" })).rejects.toThrow(/does not hold this role/);
    expect(await db.select().from(recallPetitions).where(eq(recallPetitions.targetUserId, mod.id))).toHaveLength(0);
    const { id } = await openPetition(db, m, { targetUserId: mod.id, role: "moderator", reason: "Hid comments without reasons" });
    await expect(signPetition(db, m, id)).rejects.toThrow("You have already signed this petition.");
    await expect(signPetition(db, modActor, id)).rejects.toThrow("You cannot sign a petition to recall yourself.");
    const [p] = await db.select().from(recallPetitions).where(eq(recallPetitions.id, id));
    expect(p!.signatureCount).toBe(1);
    // One petition per role-holder per period.
    await expect(openPetition(db, await signer(), { targetUserId: mod.id, role: "moderator", reason: "Again" })).rejects.toThrow(/the next may be opened from/);
  });

  it("limits how many open petitions one member may have", async () => {
    await knownRecallSettings();
    const m = await signer();
    for (let i = 0; i < 2; i++) await openPetition(db, m, { targetUserId: (await roleHolder("fact_editor")).id, role: "fact_editor", reason: `Reason ${i}` });
    await expect(openPetition(db, m, { targetUserId: (await roleHolder("fact_editor")).id, role: "fact_editor", reason: "Third" })).rejects.toThrow(/already have 2 open petitions/);
  });

  it("at the threshold the role goes in the signing transaction and takes effect on the next load", async () => {
    await knownRecallSettings();
    const mod = await roleHolder("moderator");
    const { id } = await openPetition(db, await signer(), { targetUserId: mod.id, role: "moderator", reason: "Abused the hide button" });
    expect((await signPetition(db, await signer(), id)).succeeded).toBe(false);
    const out = await signPetition(db, await signer(), id);
    expect(out).toMatchObject({ signatures: 3, threshold: 3, succeeded: true });
    expect((await pendingJobs(db, "recall.close")).some((j) => j.key === `recall.close:${id}`)).toBe(false);
    expect((await loadActor(db, mod.id)).roles.has("moderator")).toBe(false);
    const [p] = await db.select().from(recallPetitions).where(eq(recallPetitions.id, id));
    expect(p).toMatchObject({ status: "succeeded", thresholdAtClose: 3 });
    await expect(signPetition(db, await signer(), id)).rejects.toThrow(/closed/);
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, mod.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["role.revoke", "role.vacant"]));
  });

  /** A counted two-seat election: a and b elected, c the runner-up who takes a vacated seat on a recount. */
  async function electedModerators() {
    const { election, candidates } = await createTestElection(db, { phase: "voting", seats: 2, candidates: 3 });
    const [a, b, c] = candidates as [(typeof candidates)[0], (typeof candidates)[0], (typeof candidates)[0]];
    const now = new Date();
    const vote = async (ranking: string[]) => castBallot(db, await signer(), { electionId: election.id, ranking }, now);
    for (let i = 0; i < 4; i++) await vote([a.nominationId, c.nominationId]);
    for (let i = 0; i < 3; i++) await vote([b.nominationId]);
    for (let i = 0; i < 2; i++) await vote([c.nominationId]);
    await db.update(elections).set({ votingClosesAt: new Date(now.getTime() - 1000) }).where(eq(elections.id, election.id));
    await db.transaction((tx) => countElection(tx, election.id, now));
    return { election, a, b, c };
  }
  async function recall(userId: string) {
    const { id } = await openPetition(db, await signer(), { targetUserId: userId, role: "moderator", reason: "Hid a whole thread without a word" });
    await signPetition(db, await signer(), id);
    return signPetition(db, await signer(), id);
  }

  it("a recalled elected moderator's seat is refilled by a recount of the original ballots without them", async () => {
    await knownRecallSettings();
    const { election, a, b, c } = await electedModerators();
    expect((await loadActor(db, a.userId)).roles.has("moderator")).toBe(true);
    expect((await loadActor(db, c.userId)).roles.has("moderator")).toBe(false);
    const out = await recall(a.userId);
    expect(out.succeeded).toBe(true);
    expect(out.note).toBe(`${c.name} takes the seat, from a recount of the original ballots without the recalled moderator.`);
    expect((await loadActor(db, a.userId)).roles.has("moderator")).toBe(false);
    expect((await loadActor(db, b.userId)).roles.has("moderator")).toBe(true);
    expect((await loadActor(db, c.userId)).roles.has("moderator")).toBe(true);
    const terms = await db.select().from(moderatorTerms).where(eq(moderatorTerms.electionId, election.id));
    expect(terms.find((t) => t.userId === a.userId)).toMatchObject({ endReason: "vacancy" });
    expect(terms.find((t) => t.userId === c.userId)).toMatchObject({ via: "recount", endedAt: null, endsAt: election.termEndsAt });
    const logged = await db.select({ action: auditLog.action, reason: auditLog.reason }).from(auditLog).where(eq(auditLog.targetId, election.id));
    expect(logged.map((l) => l.action)).toContain("election.recount");
    const [vacant] = await db.select({ reason: auditLog.reason }).from(auditLog).where(and(eq(auditLog.action, "role.vacant"), eq(auditLog.targetId, a.userId)));
    expect(vacant!.reason).toBe(out.note);
  });

  it("when the ballots are stale, a recalled moderator's seat goes to a by-election", async () => {
    await knownRecallSettings();
    const { election, a, c } = await electedModerators();
    await db.update(elections).set({ countedAt: new Date(Date.now() - 400 * 86_400_000) }).where(eq(elections.id, election.id));
    const out = await recall(a.userId);
    expect(out.note).toBe("The ballots are too old to recount, so a by-election for the seat has been called.");
    expect((await loadActor(db, a.userId)).roles.has("moderator")).toBe(false);
    expect((await loadActor(db, c.userId)).roles.has("moderator")).toBe(false);
    const [by] = await db.select().from(elections).where(eq(elections.fillsVacancyOf, election.id));
    expect(by).toMatchObject({ seats: 1, status: "open", termEndsAt: election.termEndsAt });
    expect((await pendingJobs(db, "election.count")).some((j) => j.key === `election.count:${by!.id}`)).toBe(true);
  });

  it("the threshold is the larger of the number and the share of active members", async () => {
    const settings = await getCouncilSettings(db);
    const active = await countActiveMembers(db, settings);
    const fresh = await createPerson(db);
    await db.insert(memberActivity).values({ userId: fresh.id });
    expect(await countActiveMembers(db, settings)).toBe(active + 1);
    await db.update(memberActivity).set({ lastSeenAt: new Date(Date.now() - 91 * 86_400_000) }).where(eq(memberActivity.userId, fresh.id));
    expect(await countActiveMembers(db, settings)).toBe(active);
    expect(recallThreshold({ recallMinSignatures: 25, recallSharePercent: 5 }, 1000)).toBe(50);
    expect(recallThreshold({ recallMinSignatures: 25, recallSharePercent: 5 }, 100)).toBe(25);
  });

  it("a recalled council member is replaced by the next on the reserve list", async () => {
    await knownRecallSettings();
    const admin = await anAdmin();
    await freshPool(6);
    const now = new Date();
    const { id } = await announceCouncilDraw(db, admin, { title: "Council for recall", seats: 2, quotas: [], drawNotBefore: now }, now);
    const { panel, reserve } = await executeDraw(db, admin, id, now);
    const entries = await db.select().from(drawEntries).where(eq(drawEntries.drawId, id));
    const userOf = (poolId: string) => entries.find((e) => e.poolId === poolId)!.userId;
    const recalled = userOf(panel[0]!);
    const { id: petition } = await openPetition(db, await signer(), { targetUserId: recalled, role: "council", reason: "Never attends" });
    await signPetition(db, await signer(), petition);
    await signPetition(db, await signer(), petition);
    expect((await loadActor(db, recalled)).roles.has("council")).toBe(false);
    const replacement = await loadActor(db, userOf(reserve[0]!));
    expect(replacement.roles.has("council")).toBe(true);
    const [seat] = await db.select().from(councilSeats).where(and(eq(councilSeats.userId, replacement.id!), isNull(councilSeats.endedAt)));
    expect(seat!.fromReserve).toBe(true);
    expect(await recallOutcomeNote(db, petition)).toBe("The next on the draw's reserve list takes the seat.");
  });

  it("petitions past their window close as expired", async () => {
    await knownRecallSettings();
    const fe = await roleHolder("fact_editor");
    const { id } = await openPetition(db, await signer(), { targetUserId: fe.id, role: "fact_editor", reason: "Accepts unsourced facts" });
    // Its closing is a job on the queue, at the end of the window.
    const job = (await pendingJobs(db, "recall.close")).find((j) => j.key === `recall.close:${id}`);
    expect(job?.runAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(await closeExpiredPetitions(db, later)).toBeGreaterThanOrEqual(1);
    const { rows } = await listPetitions(db, await signer(), { id });
    expect(rows[0]!.status).toBe("expired");
    expect((await loadActor(db, fe.id)).roles.has("fact_editor")).toBe(true);
  });

  it("council seats end with their term, and the council role with them", async () => {
    const admin = await anAdmin();
    await freshPool(4);
    const now = new Date();
    const { id } = await announceCouncilDraw(db, admin, { title: "Council for a term", seats: 2, quotas: [], drawNotBefore: now }, now);
    await executeDraw(db, admin, id, now);
    const seats = await db.select().from(councilSeats).where(and(eq(councilSeats.drawId, id), isNull(councilSeats.endedAt)));
    expect(seats).toHaveLength(2);
    const keys = new Set((await pendingJobs(db, "council.termEnd")).map((j) => j.key));
    for (const seat of seats) expect(keys.has(`council.termEnd:${seat.id}`)).toBe(true);
    expect(await endExpiredCouncilTerms(db, new Date(Date.now() + 400 * 86_400_000))).toBeGreaterThanOrEqual(seats.length);
    for (const seat of seats) expect((await loadActor(db, seat.userId)).roles.has("council")).toBe(false);
    const ended = await db.select().from(councilSeats).where(eq(councilSeats.drawId, id));
    expect(ended.map((s) => s.endReason)).toEqual(["Term ended", "Term ended"]);
  });

  it("only admins change the settings, and the change is logged", async () => {
    const admin = await anAdmin();
    const settings = await getCouncilSettings(db);
    const { id: _i, updatedAt: _u, updatedBy: _b, ...input } = settings;
    await expect(updateCouncilSettings(db, await signer(), input)).rejects.toMatchObject({ kind: "forbidden" });
    await updateCouncilSettings(db, admin, { ...input, recallWindowDays: input.recallWindowDays + 1 });
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.action, "council.settings"), eq(auditLog.actorId, admin.id!)));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ changed: { recallWindowDays: input.recallWindowDays + 1 } });
    await updateCouncilSettings(db, admin, input);
  });
});

describe("appeals", () => {
  async function council(n: number) {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await createPerson(db, { roles: ["council"] }));
    return out;
  }

  it("refuses an appeal by someone not affected, out of time, or twice; changes nothing", async () => {
    const mod = await loadActor(db, (await createPerson(db, { roles: ["moderator"] })).id);
    const paper = await createTestPaper(db);
    const author = await createPerson(db);
    const comment = await createTestComment(db, { paperId: paper.id, authorId: author.id });
    await db.update(comments).set({ hiddenAt: new Date(), hiddenBy: mod.id, hiddenReason: "Off topic" }).where(eq(comments.id, comment.id));
    const stranger = await signer();
    await expect(fileAppeal(db, stranger, { subject: "comment", subjectId: comment.id, statement: "Not mine" })).rejects.toThrow(/Only the person whose content was hidden/);
    const authorActor = await loadActor(db, author.id);
    const late = new Date(Date.now() + 200 * 86_400_000);
    await expect(fileAppeal(db, authorActor, { subject: "comment", subjectId: comment.id, statement: "Too late" }, late)).rejects.toThrow(/period for appealing this decision \(183 days\) ended/);
    const visible = await createTestComment(db, { paperId: paper.id, authorId: author.id });
    await expect(fileAppeal(db, authorActor, { subject: "comment", subjectId: visible.id, statement: "Nothing" })).rejects.toThrow(/not hidden/);
    await fileAppeal(db, authorActor, { subject: "comment", subjectId: comment.id, statement: "It was on topic." });
    await expect(fileAppeal(db, authorActor, { subject: "comment", subjectId: comment.id, statement: "Again" })).rejects.toThrow(/already appealed/);
  });

  it("a panel drawn from the council, without the moderator, decides by majority and a restore restores", async () => {
    const admin = await anAdmin();
    const members = await council(4);
    // The moderator who acted also sits on the council: they must not be drawn.
    const modPerson = await createPerson(db, { roles: ["moderator", "council"] });
    const mod = await loadActor(db, modPerson.id);
    const theme = await createTestTheme(db);
    const author = await createPerson(db);
    const paper = await createTestPaper(db, { themeId: theme.id });
    const comment = await createTestComment(db, { paperId: paper.id, authorId: author.id });
    await db.update(comments).set({ hiddenAt: new Date(), hiddenBy: mod.id, hiddenReason: "Rude" }).where(eq(comments.id, comment.id));
    const authorActor = await loadActor(db, author.id);
    expect((await listAppealableActs(db, authorActor)).some((a) => a.subjectId === comment.id)).toBe(true);
    const { id } = await fileAppeal(db, authorActor, { subject: "comment", subjectId: comment.id, statement: "I was quoting the paper." });
    await expect(drawAppealPanel(db, mod, id)).rejects.toMatchObject({ kind: "forbidden" });
    const drawer = await loadActor(db, members[0]!.id);
    const { panel } = await drawAppealPanel(db, admin, id);
    expect(panel).toHaveLength(3);
    const view = await getAppeal(db, drawer, id);
    expect(view.panel.map((p) => p.userId)).not.toContain(mod.id);
    expect(view.panel.map((p) => p.userId)).not.toContain(author.id);
    const published = await getPublishedDraw(db, view.panelDrawId!);
    expect(verifyDraw(published!).ok).toBe(true);

    const panellists = await Promise.all(view.panel.map((p) => loadActor(db, p.userId)));
    const outsider = (await Promise.all(members.map((m) => loadActor(db, m.id)))).find((m) => !view.panel.some((p) => p.userId === m.id));
    if (outsider) await expect(voteOnAppeal(db, outsider, id, { outcome: "restore", findings: "Not on the panel" })).rejects.toMatchObject({ kind: "forbidden" });
    await expect(voteOnAppeal(db, panellists[0]!, id, { outcome: "amend", findings: "x" })).rejects.toThrow(/how the decision should be amended/);
    expect((await voteOnAppeal(db, panellists[0]!, id, { outcome: "restore", findings: "The quote was from the paper." })).decided).toBeNull();
    expect((await voteOnAppeal(db, panellists[1]!, id, { outcome: "restore", findings: "Agree: no rule was broken." })).decided).toBe("restore");
    const [restored] = await db.select({ hiddenAt: comments.hiddenAt }).from(comments).where(eq(comments.id, comment.id));
    expect(restored!.hiddenAt).toBeNull();
    const decided = await getAppeal(db, authorActor, id);
    expect(decided).toMatchObject({ status: "decided", outcome: "restore" });
    expect(decided.findings).toContain("The quote was from the paper.");
    const logged = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id));
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(["appeal.file", "appeal.decide"]));
  });

  it("a suspended member appeals their suspension and is reinstated", async () => {
    const admin = await anAdmin();
    await council(3);
    const mod = await loadActor(db, (await createPerson(db, { roles: ["moderator"] })).id);
    const person = await createPerson(db);
    await db.update(users).set({ suspendedAt: new Date(), suspendedReason: "Spam" }).where(eq(users.id, person.id));
    await db.insert(auditLog).values({ actorId: mod.id, action: "member.suspend", targetType: "member", targetId: person.id, reason: "Spam" });
    const suspended = await loadActor(db, person.id);
    expect(suspended.standing).toBe("suspended");
    const { id } = await fileAppeal(db, suspended, { subject: "suspension", subjectId: person.id, statement: "Those were links to our own campaign." });
    await drawAppealPanel(db, admin, id);
    const view = await getAppeal(db, admin, id);
    expect(view.moderatorName).not.toBeNull();
    for (const p of view.panel.slice(0, 2)) await voteOnAppeal(db, await loadActor(db, p.userId), id, { outcome: "restore", findings: "The links were legitimate." });
    expect((await loadActor(db, person.id)).standing).toBe("member");
  });
});
