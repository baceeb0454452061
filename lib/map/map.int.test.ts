import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { contactRequests, mapPoints, mapVersions, notifications, statements, statementVotes } from "@/db/schema";
import { loadActor, type SignedInActor } from "@/lib/auth/actor";
import { VISITOR, type Actor } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { createPerson, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { pendingJobs, runJobsUntilIdle } from "@/lib/testing/jobs";
import { createStatementSchema } from "@/lib/validation/convergence";
import { contactHandle, listContacts, nearestFindable, requestContact, respondToContact, setFindable } from "./contacts";
import { polisExport } from "./export";
import { getMapPage, getPaperStatements } from "./queries";
import { loadThemeVoteMatrix, recomputeMap } from "./recompute";
import { recomputeJobKey } from "./schedule";
import { createStatement, setStatementHidden, voteOnStatement } from "./statements";
import type { VoteValue } from "./types";
import { buildVoteMatrix, type VoteMatrix } from "./vote-matrix";

const db = getDb();
afterAll(() => closeDb());

const actorFor = async (spec: Parameters<typeof createPerson>[1] = {}) => loadActor(db, (await createPerson(db, spec)).id);
const kindOf = (e: unknown) => (isAppError(e) ? e.kind : e);

/** A theme with `n` statements and three camps of members who vote them in opposite ways. */
async function themeWithVoters(camps = [6, 5, 4], n = 8) {
  const theme = await createTestTheme(db);
  const author = await actorFor();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await createStatement(db, author, { themeId: theme.id, body: `Statement number ${i} for the map` })).id);
  const people: { actor: Actor; camp: number }[] = [];
  for (const [camp, size] of camps.entries()) {
    for (let p = 0; p < size; p++) {
      const actor = await actorFor();
      people.push({ actor, camp });
      await db.insert(statementVotes).values(ids.map((statementId, j) => ({ statementId, userId: actor.id!, themeId: theme.id, value: j < 2 ? 1 : (j + camp) % 3 === 0 ? 1 : -1 })));
    }
  }
  return { theme, ids, people, author };
}

describe("statements and votes", () => {
  it("refuses a statement over the length limit with a clear message and stores nothing", async () => {
    const theme = await createTestTheme(db);
    const parsed = createStatementSchema.safeParse({ themeId: theme.id, body: "x".repeat(281) });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/280 characters/);
    const member = await actorFor();
    const error = await createStatement(db, member, { themeId: theme.id, body: "y".repeat(400) }).catch((e) => e);
    expect(kindOf(error)).toBe("invalid");
    expect(error.field).toBe("body");
    const rows = await db.select().from(statements).where(eq(statements.themeId, theme.id));
    expect(rows).toHaveLength(0);
  });

  it("refuses a vote on a hidden statement with a clear message and records nothing", async () => {
    const theme = await createTestTheme(db);
    const member = await actorFor();
    const moderator = await actorFor({ roles: ["moderator"] });
    const { id } = await createStatement(db, member, { themeId: theme.id, body: "Libraries should open on Sundays" });
    await setStatementHidden(db, moderator, { statementId: id, reason: "Off topic for this theme" }, true);
    const voter = await actorFor();
    const error = await voteOnStatement(db, voter, { statementId: id, vote: "agree" }).catch((e) => e);
    expect(kindOf(error)).toBe("forbidden");
    expect(error.message).toMatch(/hidden/);
    const votes = await db.select().from(statementVotes).where(and(eq(statementVotes.statementId, id), eq(statementVotes.userId, voter.id!)));
    expect(votes).toHaveLength(0);
  });

  it("lets only verified members vote and write; a second vote replaces the first; a duplicate statement is refused", async () => {
    const theme = await createTestTheme(db);
    const member = await actorFor();
    const { id } = await createStatement(db, member, { themeId: theme.id, body: "Bus fares should be capped" });
    expect(kindOf(await createStatement(db, member, { themeId: theme.id, body: "bus fares should be capped" }).catch((e) => e))).toBe("conflict");
    expect(kindOf(await voteOnStatement(db, VISITOR, { statementId: id, vote: "agree" }).catch((e) => e))).toBe("unauthenticated");
    expect(kindOf(await voteOnStatement(db, await actorFor({ standing: "registered" }), { statementId: id, vote: "agree" }).catch((e) => e))).toBe("forbidden");
    const voter = await actorFor();
    await voteOnStatement(db, voter, { statementId: id, vote: "agree" });
    await voteOnStatement(db, voter, { statementId: id, vote: "disagree" });
    const votes = await db.select({ value: statementVotes.value }).from(statementVotes).where(and(eq(statementVotes.statementId, id), eq(statementVotes.userId, voter.id!)));
    expect(votes).toEqual([{ value: -1 }]);
  });

  it("recomputes through the queue: one keyed job per theme however many votes, never on the request", async () => {
    const { theme, ids } = await themeWithVoters([3, 3], 8);
    const voter = await actorFor();
    for (const statementId of ids) await voteOnStatement(db, voter, { statementId, vote: "agree" });
    const pending = (await pendingJobs(db, "map.recompute")).filter((j) => j.key === recomputeJobKey(theme.id));
    expect(pending).toHaveLength(1);
    expect(pending[0]!.payload).toEqual({ themeId: theme.id });
    // Nothing computed yet: the votes only queued the job.
    expect(await db.select().from(mapVersions).where(eq(mapVersions.themeId, theme.id))).toHaveLength(0);
    const run = await runJobsUntilIdle(db, { advanceMs: 60_000, advanceTasks: ["map.recompute"] });
    expect(run.errors).toEqual([]);
    const versions = await db.select().from(mapVersions).where(eq(mapVersions.themeId, theme.id));
    expect(versions).toHaveLength(1);
    const page = await getMapPage(db, voter, theme.slug);
    expect(page.me).not.toBeNull();
    expect(page.version?.participantCount).toBe(7 + 1); // six camp members, the voter and the statements' author
  });
});

describe("statements about a paper", () => {
  it("are written beside the paper, voted on there, and on the theme's map with the paper named", async () => {
    const theme = await createTestTheme(db);
    const paper = await createTestPaper(db, { themeId: theme.id, title: "Community pharmacies as first stop" });
    const author = await actorFor();
    const { id } = await createStatement(db, author, { themeId: theme.id, paperId: paper.id, body: "Pharmacists should prescribe for minor ailments" });
    await createStatement(db, author, { themeId: theme.id, body: "A statement about the theme only" });
    const voter = await actorFor();
    const before = await getPaperStatements(db, voter, paper.id);
    expect(before.paper.title).toBe("Community pharmacies as first stop");
    expect(before.statements.map((s) => s.id)).toEqual([id]);
    expect(before.next?.id).toBe(id);
    expect(before.canWrite).toBe(true);
    await voteOnStatement(db, voter, { statementId: id, vote: "disagree" });
    const after = await getPaperStatements(db, voter, paper.id);
    expect(after.next).toBeNull();
    expect(after.votedCount).toBe(1);
    expect(after.statements[0]).toMatchObject({ agree: 1, disagree: 1, mine: -1 });
    const map = await getMapPage(db, voter, theme.slug);
    expect(map.statements.find((s) => s.id === id)!.paper).toEqual({ id: paper.id, title: "Community pharmacies as first stop" });
    expect(map.statements.filter((s) => s.paper === null)).toHaveLength(1);
    // Visitors read them on a public theme but cannot write.
    expect((await getPaperStatements(db, VISITOR, paper.id)).canWrite).toBe(false);
  });

  it("refuses a statement about a paper of another theme or a hidden paper, and stores nothing", async () => {
    const theme = await createTestTheme(db);
    const elsewhere = await createTestPaper(db);
    const hidden = await createTestPaper(db, { themeId: theme.id, hidden: true });
    const member = await actorFor();
    const other = await createStatement(db, member, { themeId: theme.id, paperId: elsewhere.id, body: "About a paper of another theme" }).catch((e) => e);
    expect(kindOf(other)).toBe("not_found");
    const onHidden = await createStatement(db, member, { themeId: theme.id, paperId: hidden.id, body: "About a hidden paper" }).catch((e) => e);
    expect(kindOf(onHidden)).toBe("forbidden");
    expect(onHidden.message).toMatch(/not hidden/);
    expect(createStatementSchema.safeParse({ themeId: theme.id, paperId: "not-a-paper", body: "Some statement" }).error!.issues[0]!.message).toBe("That paper could not be found.");
    expect(await db.select().from(statements).where(eq(statements.themeId, theme.id))).toHaveLength(0);
  });
});

describe("the map", () => {
  it("finds the camps, keeps versions, and keeps group names and the axes on a recompute", async () => {
    const { theme, people } = await themeWithVoters();
    const first = await recomputeMap(db, theme.id);
    expect(first.version).toBe(1);
    expect(first.groups).toBeGreaterThanOrEqual(2);
    const pointsOf = async (version: number) =>
      new Map(
        (await db.select({ userId: mapPoints.userId, x: mapPoints.x, y: mapPoints.y, group: mapPoints.groupKey }).from(mapPoints).innerJoin(mapVersions, eq(mapVersions.id, mapPoints.mapVersionId)).where(and(eq(mapVersions.themeId, theme.id), eq(mapVersions.version, version)))).map((p) => [p.userId, p]),
      );
    const v1 = await pointsOf(1);
    // Members of one camp share a group.
    for (const camp of [0, 1, 2]) {
      const groups = new Set(people.filter((p) => p.camp === camp).map((p) => v1.get(p.actor.id!)!.group));
      expect(groups.size).toBe(1);
    }
    const second = await recomputeMap(db, theme.id);
    expect(second.version).toBe(2);
    const v2 = await pointsOf(2);
    for (const [user, p] of v1) {
      expect(v2.get(user)!.group).toBe(p.group);
      expect(v2.get(user)!.x).toBeCloseTo(p.x, 6);
      expect(v2.get(user)!.y).toBeCloseTo(p.y, 6);
    }
    expect(await db.select().from(mapVersions).where(eq(mapVersions.themeId, theme.id))).toHaveLength(2);
  });

  it("loads the vote matrix in one query exactly as the votes read row by row, without hidden statements", async () => {
    const { theme, ids } = await themeWithVoters([3, 2], 6);
    const moderator = await actorFor({ roles: ["moderator"] });
    await setStatementHidden(db, moderator, { statementId: ids[3]!, reason: "Duplicate of another statement" }, true);
    await db.insert(statementVotes).values({ statementId: ids[1]!, userId: (await actorFor()).id!, themeId: theme.id, value: 0 });
    const loaded = await db.transaction((tx) => loadThemeVoteMatrix(tx, theme.id));
    const visible = (await db.select({ id: statements.id }).from(statements).where(and(eq(statements.themeId, theme.id), isNull(statements.hiddenAt))).orderBy(statements.createdAt, statements.id)).map((s) => s.id);
    const rows = await db.select({ participant: statementVotes.userId, statement: statementVotes.statementId, value: statementVotes.value }).from(statementVotes).where(eq(statementVotes.themeId, theme.id));
    const expected = buildVoteMatrix(rows.map((r) => ({ ...r, value: r.value as VoteValue })), visible);
    expect(loaded.statements).toEqual(visible);
    expect(new Set(loaded.participants)).toEqual(new Set(expected.participants));
    const cells = (m: VoteMatrix) => new Set(Array.from(m.rows, (r, e) => `${m.participants[r]} ${m.statements[m.cols[e]!]} ${m.values[e]}`));
    expect(cells(loaded)).toEqual(cells(expected));
    expect(cells(loaded).size).toBe(rows.filter((r) => r.statement !== ids[3]).length);
    for (const [i, p] of loaded.participants.entries()) {
      const j = expected.participants.indexOf(p);
      expect([loaded.rowCounts[i], loaded.rowAgrees[i]]).toEqual([expected.rowCounts[j], expected.rowAgrees[j]]);
    }
    expect(Array.from(loaded.colCounts)).toEqual(Array.from(expected.colCounts));
  });

  it("shows visitors the map of a public theme without anyone's point, and members-only themes to members only", async () => {
    const { theme } = await themeWithVoters([3, 3], 8);
    await recomputeMap(db, theme.id);
    const page = await getMapPage(db, VISITOR, theme.slug);
    expect(page.me).toBeNull();
    expect(page.canVote).toBe(false);
    expect(page.points.length).toBeGreaterThan(0);
    const closed = await createTestTheme(db, { discussionPublic: false });
    expect(kindOf(await getMapPage(db, VISITOR, closed.slug).catch((e) => e))).toBe("unauthenticated");
    expect((await getMapPage(db, await actorFor(), closed.slug)).theme.id).toBe(closed.id);
  });
});

describe("find the people who agree with you", () => {
  it("shows only opted-in members, without names, until both have accepted", async () => {
    const { theme, people } = await themeWithVoters([5, 5], 8);
    const me = people[0]!.actor;
    const near = people[1]!.actor; // same camp
    const far = people[7]!.actor; // the other camp
    await setFindable(db, near, theme.id, true);
    await setFindable(db, far, theme.id, true);
    await recomputeMap(db, theme.id);

    const found = await nearestFindable(db, me, theme.id);
    expect(found.map((f) => f.handle)).toEqual([contactHandle(theme.id, near.id!), contactHandle(theme.id, far.id!)]);
    expect(JSON.stringify(found)).not.toContain(near.id!);
    expect(found[0]!.same).toBe(found[0]!.shared);
    expect(await nearestFindable(db, VISITOR, theme.id)).toEqual([]);

    // Someone who did not opt in cannot be asked, even with a well-formed handle.
    const hidden = people[2]!.actor;
    expect(kindOf(await requestContact(db, me, { themeId: theme.id, handle: contactHandle(theme.id, hidden.id!) }).catch((e) => e))).toBe("not_found");
    expect(kindOf(await requestContact(db, VISITOR, { themeId: theme.id, handle: found[0]!.handle }).catch((e) => e))).toBe("unauthenticated");

    const { id } = await requestContact(db, me, { themeId: theme.id, handle: found[0]!.handle });
    expect(kindOf(await requestContact(db, me, { themeId: theme.id, handle: found[0]!.handle }).catch((e) => e))).toBe("conflict");
    const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, near.id!), eq(notifications.kind, "contact_request")));
    expect(notice!.title).not.toContain((me as SignedInActor).publicName);
    const before = await listContacts(db, near, theme.id);
    expect(before).toEqual([expect.objectContaining({ id, direction: "incoming", status: "pending", name: null })]);
    expect((await listContacts(db, me, theme.id))[0]!.name).toBeNull();

    // Only the recipient answers; a third member is told the request does not exist.
    expect(kindOf(await respondToContact(db, far, { requestId: id, accept: true }).catch((e) => e))).toBe("not_found");
    expect(kindOf(await respondToContact(db, me, { requestId: id, accept: true }).catch((e) => e))).toBe("forbidden");
    await respondToContact(db, near, { requestId: id, accept: true });
    expect((await listContacts(db, me, theme.id))[0]!.name).toBe((near as SignedInActor).publicName);
    expect((await listContacts(db, near, theme.id))[0]!.name).toBe((me as SignedInActor).publicName);
    const [row] = await db.select({ status: contactRequests.status }).from(contactRequests).where(eq(contactRequests.id, id));
    expect(row!.status).toBe("accepted");
  });
});

describe("Polis exports", () => {
  it("writes comments.csv, votes.csv and participant-votes.csv with numbers for members and without hidden statements", async () => {
    const { theme, ids, people } = await themeWithVoters([2, 2], 8);
    await setStatementHidden(db, await actorFor({ roles: ["moderator"] }), { statementId: ids[7]!, reason: "Duplicate of another statement" }, true);
    await recomputeMap(db, theme.id);
    const comments = (await polisExport(db, VISITOR, theme.slug, "comments")).trim().split("\n");
    expect(comments[0]).toBe("timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body");
    expect(comments).toHaveLength(1 + 7);
    expect(comments[1]).toMatch(/^\d+,"[^"]+",0,0,\d+,\d+,1,Statement number 0 for the map$/);
    const votes = (await polisExport(db, VISITOR, theme.slug, "votes")).trim().split("\n");
    expect(votes[0]).toBe("timestamp,datetime,comment-id,voter-id,vote");
    expect(votes).toHaveLength(1 + 7 * (people.length + 1));
    const pv = (await polisExport(db, VISITOR, theme.slug, "participant-votes")).trim().split("\n");
    expect(pv[0]).toBe("participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2,3,4,5,6");
    expect(pv).toHaveLength(1 + people.length + 1);
    const all = [comments, votes, pv].flat().join("\n");
    for (const p of people) expect(all).not.toContain(p.actor.id!);
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(statementVotes).where(eq(statementVotes.themeId, theme.id));
    expect(count!.n).toBe(8 * (people.length + 1));
  });
});
