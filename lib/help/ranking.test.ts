import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FAIRNESS_STEP, HOURS_UNKNOWN, REGION_UNKNOWN, WEIGHTS, rankCandidates, scoreCandidate, type Candidate, type Needs } from "./ranking";

const SKILLS = ["law", "design", "writing", "research", "canvassing"];
const REGIONS = ["London", "Wales", "Scotland"];
const needsArb: fc.Arbitrary<Needs> = fc.record({
  skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { minLength: 1, maxLength: 3 }),
  hoursNeeded: fc.integer({ min: 1, max: 40 }),
  region: fc.option(fc.constantFrom(...REGIONS), { nil: null }),
  remote: fc.boolean(),
});
const candidateArb: fc.Arbitrary<Candidate> = fc.record({
  memberId: fc.uuid(),
  skills: fc.option(fc.uniqueArray(fc.constantFrom(...SKILLS)), { nil: null }),
  region: fc.option(fc.constantFrom(...REGIONS), { nil: null }),
  hoursPerMonth: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  hoursCommitted: fc.integer({ min: 0, max: 100 }),
  recentInvitations: fc.integer({ min: 0, max: 20 }),
});

const base: Candidate = { memberId: "a", skills: ["law", "design"], region: "London", hoursPerMonth: 10, hoursCommitted: 0, recentInvitations: 0 };
const needs: Needs = { skills: ["law", "design"], hoursNeeded: 10, region: "London", remote: false };

describe("help request ranking", () => {
  it("gives a perfect match the full score and explains each term", () => {
    const r = scoreCandidate(needs, base);
    expect(r.score).toBeCloseTo(1);
    expect(r.terms).toEqual({ skillFit: 1, regionFit: 1, hoursFit: 1, fairness: 1 });
    expect(r.matchedSkills).toEqual(["law", "design"]);
    expect(r.freeHours).toBe(10);
  });

  it("scores each term as the page explains it", () => {
    const r = scoreCandidate(needs, { ...base, skills: ["law"], region: "Wales", hoursCommitted: 5, recentInvitations: 2 });
    expect(r.terms).toEqual({ skillFit: 0.5, regionFit: 0, hoursFit: 0.5, fairness: 1 / (1 + 2 * FAIRNESS_STEP) });
    expect(r.score).toBeCloseTo((WEIGHTS.skill * 0.5 + WEIGHTS.hours * 0.5) / (1 + 2 * FAIRNESS_STEP));
    const hidden = scoreCandidate(needs, { ...base, region: null, hoursPerMonth: null });
    expect(hidden.terms.regionFit).toBe(REGION_UNKNOWN);
    expect(hidden.terms.hoursFit).toBe(HOURS_UNKNOWN);
    expect(hidden.freeHours).toBeNull();
  });

  it("stays between 0 and 1", () => {
    fc.assert(
      fc.property(needsArb, candidateArb, (n, c) => {
        const { score } = scoreCandidate(n, c);
        return score >= 0 && score <= 1 + 1e-12;
      }),
    );
  });

  it("never ranks someone higher for having been asked more often", () => {
    fc.assert(
      fc.property(needsArb, candidateArb, fc.integer({ min: 1, max: 10 }), (n, c, more) => scoreCandidate(n, { ...c, recentInvitations: c.recentInvitations + more }).score <= scoreCandidate(n, c).score),
    );
  });

  it("never ranks someone lower for having one more of the skills asked for", () => {
    fc.assert(
      fc.property(needsArb, candidateArb, (n, c) => {
        const missing = n.skills.find((s) => !(c.skills ?? []).includes(s));
        fc.pre(missing !== undefined);
        return scoreCandidate(n, { ...c, skills: [...(c.skills ?? []), missing!] }).score >= scoreCandidate(n, c).score;
      }),
    );
  });

  it("never ranks someone lower for having more hours free", () => {
    fc.assert(
      fc.property(needsArb, candidateArb, fc.integer({ min: 1, max: 50 }), (n, c, extra) => {
        fc.pre(c.hoursPerMonth !== null);
        return scoreCandidate(n, { ...c, hoursPerMonth: c.hoursPerMonth! + extra }).score >= scoreCandidate(n, c).score;
      }),
    );
  });

  it("prefers the request's own region to another one unless the work is remote", () => {
    fc.assert(
      fc.property(needsArb, candidateArb, (n, c) => {
        fc.pre(n.region !== null);
        const here = scoreCandidate(n, { ...c, region: n.region }).score;
        const other = scoreCandidate(n, { ...c, region: REGIONS.find((r) => r !== n.region)! }).score;
        return n.remote ? here === other : here >= other;
      }),
    );
  });

  it("returns at most the limit, best first, without members lacking every skill asked for", () => {
    fc.assert(
      fc.property(needsArb, fc.array(candidateArb, { maxLength: 60 }), (n, cs) => {
        const ranked = rankCandidates(n, cs, 20);
        expect(ranked.length).toBeLessThanOrEqual(20);
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
        for (const r of ranked) expect(r.matchedSkills.length).toBeGreaterThan(0);
      }),
    );
  });

  it("moves a member who was asked often below an equal one who was not (the fairness term)", () => {
    const ranked = rankCandidates(needs, [
      { ...base, memberId: "often", recentInvitations: 4 },
      { ...base, memberId: "rarely", recentInvitations: 0, hoursPerMonth: 8 },
    ]);
    expect(ranked.map((r) => r.memberId)).toEqual(["rarely", "often"]);
  });
});
