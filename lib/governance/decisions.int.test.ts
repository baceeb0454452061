import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog, decisionOptions, decisions, decisionVotes, follows, notifications } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { createPerson, createTestTheme } from "@/lib/testing/factories";
import { pendingJobs, runJobsUntilIdle } from "@/lib/testing/jobs";
import { castDecisionVote, closeDueDecisions, openDecision, secondDecision } from "./decisions";
import type { Tally } from "./tally";

const db = getDb();
afterAll(() => closeDb());
const MIN = 60_000;
const actorOf = async (spec: Parameters<typeof createPerson>[1] = {}) => loadActor(db, (await createPerson(db, spec)).id);
const optionIds = async (decisionId: string) =>
  (await db.select({ id: decisionOptions.id }).from(decisionOptions).where(eq(decisionOptions.decisionId, decisionId)).orderBy(decisionOptions.position)).map((o) => o.id);
const closed = async (id: string) => (await db.select().from(decisions).where(eq(decisions.id, id)))[0]!;

describe("decisions of each kind, closing on time", () => {
  it("consent: votes change until the close, a block needs a reason, the close announces and logs the outcome", async () => {
    const t0 = new Date();
    const council = await actorOf({ roles: ["council"] });
    const id = await openDecision(db, council, { question: "Adopt the code of conduct?", kind: "consent", electorate: "members", anonymous: false, closesAt: new Date(t0.getTime() + 5 * MIN) }, t0);
    const a = await actorOf();
    const b = await actorOf();
    await castDecisionVote(db, a, { decisionId: id, choice: { consent: "disagree" } }, t0);
    await castDecisionVote(db, a, { decisionId: id, choice: { consent: "agree" } }, t0);
    await castDecisionVote(db, b, { decisionId: id, choice: { consent: "abstain" } }, t0);
    await expect(castDecisionVote(db, b, { decisionId: id, choice: { consent: "block" } }, t0)).rejects.toThrow("A block needs a reason");
    expect(await db.$count(decisionVotes, eq(decisionVotes.decisionId, id))).toBe(2);

    expect(await closeDueDecisions(db, new Date(t0.getTime() + 4 * MIN))).not.toContain(id);
    const later = new Date(t0.getTime() + 5 * MIN + 1);
    expect(await closeDueDecisions(db, later)).toContain(id);
    const d = await closed(id);
    expect(d.status).toBe("closed");
    expect(d.outcome).toBe("Agreed: more agree than disagree, and no one blocked.");
    expect((d.result as unknown as Tally & { kind: "consent" }).counts).toEqual({ agree: 1, abstain: 1, disagree: 0, block: 0 });
    await expect(castDecisionVote(db, b, { decisionId: id, choice: { consent: "agree" } }, later)).rejects.toThrow("has closed");
    const told = await db.select().from(notifications).where(and(eq(notifications.userId, a.id!), eq(notifications.url, `/governance/decisions/${id}`)));
    expect(told[0]).toMatchObject({ kind: "decision_closed" });
    const logged = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id));
    expect(logged.map((l) => l.action)).toEqual(["decision.open", "decision.close"]);
  });

  it("approval and score: counts per option and the winner", async () => {
    const t0 = new Date();
    const council = await actorOf({ roles: ["council"] });
    const approval = await openDecision(db, council, { question: "Which days?", kind: "approval", electorate: "members", options: ["Monday", "Tuesday", "Friday"], anonymous: true, closesAt: new Date(t0.getTime() + MIN) }, t0);
    const score = await openDecision(db, council, { question: "Rate the venues", kind: "score", electorate: "members", options: ["Hall", "Library"], anonymous: true, closesAt: new Date(t0.getTime() + MIN) }, t0);
    const [mon, tue, fri] = await optionIds(approval);
    const [hall, library] = await optionIds(score);
    for (const [i, approve] of [[mon, tue], [tue], [tue, fri]].entries()) {
      const voter = await actorOf();
      await castDecisionVote(db, voter, { decisionId: approval, choice: { approve: approve as string[] } }, t0);
      await castDecisionVote(db, voter, { decisionId: score, choice: { scores: { [hall!]: i + 1, [library!]: 4 } } }, t0);
    }
    await expect(castDecisionVote(db, await actorOf(), { decisionId: score, choice: { scores: { [hall!]: 6 } } }, t0)).rejects.toThrow("from 0 to 5");
    await expect(castDecisionVote(db, await actorOf(), { decisionId: approval, choice: { approve: [mon!, mon!] } }, t0)).rejects.toThrow("only once");
    await closeDueDecisions(db, new Date(t0.getTime() + MIN + 1));
    expect((await closed(approval)).outcome).toBe("Tuesday is approved by most (3).");
    expect((await closed(score)).outcome).toBe("Library has the highest average score (4.00).");
  });

  it("ranked: instant-runoff for one winner, with each round in the result", async () => {
    const t0 = new Date();
    const council = await actorOf({ roles: ["council"] });
    const id = await openDecision(db, council, { question: "Conference city?", kind: "ranked", electorate: "council", options: ["Leeds", "Cardiff", "Glasgow"], anonymous: false, closesAt: new Date(t0.getTime() + MIN) }, t0);
    const [leeds, cardiff, glasgow] = await optionIds(id);
    await expect(castDecisionVote(db, await actorOf(), { decisionId: id, choice: { ranking: [leeds!] } }, t0)).rejects.toThrow();
    const ballots = [[leeds, glasgow], [leeds], [cardiff, glasgow], [glasgow, cardiff], [glasgow, cardiff]];
    for (const ranking of ballots) await castDecisionVote(db, await actorOf({ roles: ["council"] }), { decisionId: id, choice: { ranking: ranking as string[] } }, t0);
    await expect(castDecisionVote(db, council, { decisionId: id, choice: { ranking: [leeds!, leeds!] } }, t0)).rejects.toThrow("only once");
    await closeDueDecisions(db, new Date(t0.getTime() + MIN + 1));
    const d = await closed(id);
    expect(d.outcome).toMatch(/^Glasgow wins \(instant-runoff, \d rounds\)\.$/);
    const r = d.result as unknown as Tally & { kind: "ranked" };
    expect(r.stv!.stages.length).toBeGreaterThan(1);
    expect(r.stv!.stages[1]!.excluded).toBe(1); // Cardiff, fewest first preferences
  });

  it("a member's theme decision waits for seconds from the theme's participants, and one not seconded closes as not held", async () => {
    const t0 = new Date();
    const theme = await createTestTheme(db);
    const opener = await actorOf();
    const id = await openDecision(db, opener, { question: "Merge the two reading groups?", kind: "consent", electorate: "theme", themeId: theme.id, anonymous: false, closesAt: new Date(t0.getTime() + MIN) }, t0);
    const d = await closed(id);
    expect(d.status).toBe("seeking_seconds");
    await expect(castDecisionVote(db, opener, { decisionId: id, choice: { consent: "agree" } }, t0)).rejects.toThrow("still needs seconds");
    await expect(secondDecision(db, opener, id, t0)).rejects.toThrow();
    const outsider = await actorOf();
    await expect(secondDecision(db, outsider, id, t0)).rejects.toThrow();
    await db.update(decisions).set({ secondsRequired: 2 }).where(eq(decisions.id, id));
    const p1 = await actorOf();
    const p2 = await actorOf();
    await db.insert(follows).values([p1, p2].map((p) => ({ userId: p.id!, targetType: "theme" as const, targetId: theme.id })));
    expect(await secondDecision(db, p1, id, t0)).toEqual({ opened: false });
    await expect(secondDecision(db, p1, id, t0)).rejects.toThrow("already seconded");
    expect(await secondDecision(db, p2, id, t0)).toEqual({ opened: true });
    await castDecisionVote(db, p1, { decisionId: id, choice: { consent: "block", reason: "We would lose the evening slot." } }, t0);
    await expect(castDecisionVote(db, outsider, { decisionId: id, choice: { consent: "agree" } }, t0)).rejects.toThrow();
    await closeDueDecisions(db, new Date(t0.getTime() + MIN + 1));
    expect((await closed(id)).outcome).toBe("Blocked: 1 block.");

    const unseconded = await openDecision(db, opener, { question: "Another?", kind: "consent", electorate: "theme", themeId: theme.id, anonymous: false, closesAt: new Date(t0.getTime() + MIN) }, t0);
    await closeDueDecisions(db, new Date(t0.getTime() + MIN + 1));
    expect((await closed(unseconded)).outcome).toMatch(/^Not held/);
  });

  it("closes at its time through the job queue, with no one calling it", async () => {
    const council = await actorOf({ roles: ["council"] });
    const closesAt = new Date(Date.now() + 5000);
    const id = await openDecision(db, council, { question: "Meet on Thursday?", kind: "consent", electorate: "members", anonymous: false, closesAt });
    expect((await pendingJobs(db, "decision.close")).some((j) => (j.payload as { id: string }).id === id)).toBe(true);
    await castDecisionVote(db, await actorOf(), { decisionId: id, choice: { consent: "agree" } });
    // Before its time the job is not due: a run leaves the decision open.
    await runJobsUntilIdle(db);
    expect((await closed(id)).status).toBe("open");
    const deadline = Date.now() + 15_000;
    while ((await closed(id)).status !== "closed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      await runJobsUntilIdle(db);
    }
    const d = await closed(id);
    expect(d.status).toBe("closed");
    expect(d.closedAt!.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
    expect(d.outcome).toBe("Agreed: more agree than disagree, and no one blocked.");
  });

  it("refuses bad decisions with a message for the field", async () => {
    const council = await actorOf({ roles: ["council"] });
    const now = new Date();
    const base = { question: "Q?", electorate: "members" as const, anonymous: false, closesAt: new Date(now.getTime() + MIN) };
    await expect(openDecision(db, council, { ...base, kind: "approval", options: ["Only one"] }, now)).rejects.toMatchObject({ field: "options" });
    await expect(openDecision(db, council, { ...base, kind: "approval", options: ["Same", "same"] }, now)).rejects.toThrow("Two options are the same");
    await expect(openDecision(db, council, { ...base, kind: "consent", closesAt: new Date(now.getTime() - 1) }, now)).rejects.toMatchObject({ field: "closesAt" });
    await expect(openDecision(db, council, { ...base, kind: "ranked", options: ["a", "b"], seats: 2 }, now)).rejects.toMatchObject({ field: "seats" });
    await expect(openDecision(db, await actorOf(), { ...base, kind: "consent" }, now)).rejects.toThrow();
  });
});
