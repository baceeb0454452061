import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBlt, toBlt } from "./blt";
import { countStv, formatVotes, lotOrder, StvInputError, VOTE, type StvBallot, type StvInput } from "./stv";

const ballots = (...lines: [number, string[]][]) => (names: string[]): StvBallot[] =>
  lines.map(([count, prefs]) => ({ count, prefs: prefs.map((p) => names.indexOf(p)) }));
const names = (r: { elected: readonly number[]; candidates: readonly string[] }) => r.elected.map((c) => r.candidates[c]);

describe("Scottish STV against hand-worked examples", () => {
  it("the published food election (Wikipedia's STV article): Chocolate, Oranges, Strawberries", () => {
    const candidates = ["Oranges", "Pears", "Chocolate", "Strawberries", "Sweets"];
    const r = countStv({
      candidates,
      seats: 3,
      seed: "s",
      ballots: ballots([4, ["Oranges"]], [2, ["Pears", "Oranges"]], [8, ["Chocolate", "Strawberries"]], [4, ["Chocolate", "Sweets"]], [1, ["Strawberries"]], [1, ["Sweets"]])(candidates),
    });
    expect(r.quota).toBe(6 * VOTE); // floor(20 / 4) + 1
    expect(r.stages[0]!.votes.map(formatVotes)).toEqual(["4", "2", "12", "1", "1"]);
    expect(r.stages[0]!.elected).toEqual([2]);
    // Chocolate's surplus of 6 over 12 papers: each moves at 0.5.
    expect(r.stages[1]).toMatchObject({ kind: "surplus", subject: 2, transferValue: 50_000 });
    expect(r.stages[1]!.votes.map(formatVotes)).toEqual(["4", "2", "6", "5", "3"]);
    expect(r.stages[2]).toMatchObject({ kind: "exclusion", excluded: 1, elected: [0] });
    // One seat left; Strawberries (5) cannot be caught by Sweets (3): rule 52(2), no further transfer.
    expect(r.stages[3]).toMatchObject({ kind: "fill", elected: [3] });
    expect(names(r)).toEqual(["Chocolate", "Oranges", "Strawberries"]);
  });

  it("truncates transfer values to five places and shows what is lost to fractions", () => {
    // Worked by hand: 14 ballots, 2 seats, quota floor(14/3)+1 = 5. A has 9: surplus 4, transfer
    // value 4/9 = 0.44444 (truncated). B gets 7 × 0.44444 = 3.11108, C 3 + 2 × 0.44444 = 3.88888,
    // 0.00004 is lost. D (2) is excluded: its papers give B 5.11108, elected.
    const candidates = ["A", "B", "C", "D"];
    const r = countStv({ candidates, seats: 2, seed: "s", ballots: ballots([7, ["A", "B"]], [2, ["A", "C"]], [3, ["C"]], [2, ["D", "B"]])(candidates) });
    expect(r.quota).toBe(5 * VOTE);
    expect(r.stages[1]!.transferValue).toBe(44_444);
    expect(r.stages[1]!.votes.map(formatVotes)).toEqual(["5", "3.11108", "3.88888", "2"]);
    expect(formatVotes(r.stages[1]!.lostToFractions)).toBe("0.00004");
    expect(r.stages[2]).toMatchObject({ kind: "exclusion", excluded: 3, elected: [1] });
    expect(r.stages[2]!.votes.map(formatVotes)).toEqual(["5", "5.11108", "3.88888", "0"]);
    expect(names(r)).toEqual(["A", "B"]);
  });

  it("breaks a tie for exclusion by the earliest stage at which the tied candidates differed", () => {
    // A 5, B 3, C 2, D 1; D out → C 3 = B 3. At stage 1 C had fewer, so C goes, not B.
    const candidates = ["A", "B", "C", "D"];
    const r = countStv({ candidates, seats: 1, seed: "s", ballots: ballots([5, ["A"]], [3, ["B"]], [2, ["C"]], [1, ["D", "C"]])(candidates) });
    expect(r.method).toBe("irv");
    expect(r.stages[2]).toMatchObject({ kind: "exclusion", excluded: 2 });
    expect(r.stages[2]!.tieBreaks).toEqual([{ about: "exclusion", tied: [1, 2], by: { stage: 1 }, chosen: 2 }]);
    expect(r.stages[2]!.nonTransferable).toBe(3 * VOTE);
    expect(names(r)).toEqual(["A"]);
  });

  it("settles a tie never broken by the count by the committed lot, reproducibly", () => {
    const input = (seed: string): StvInput => ({ candidates: ["X", "Y"], seats: 1, seed, ballots: [{ prefs: [0] }, { prefs: [1] }] });
    const outcomes = new Set<string>();
    for (const seed of ["a", "b", "c", "d", "e", "f", "g", "h"]) {
      const r = countStv(input(seed));
      const tie = r.stages.flatMap((s) => s.tieBreaks)[0]!;
      const lot = lotOrder(seed, 2, ["X", "Y"]);
      expect(tie).toEqual({ about: "exclusion", tied: [0, 1], by: { lot }, chosen: ["X", "Y"].indexOf(lot[0]!) });
      expect(names(r)).toEqual([lot[1]]);
      expect(countStv(input(seed))).toEqual(r);
      outcomes.add(names(r)[0]!);
    }
    expect(outcomes).toEqual(new Set(["X", "Y"]));
  });

  it("recounts without a withdrawn candidate: their preferences are skipped", () => {
    const candidates = ["A", "B", "C"];
    const b = ballots([4, ["A", "C"]], [3, ["B"]], [2, ["C"]])(candidates);
    expect(names(countStv({ candidates, seats: 1, seed: "s", ballots: b }))).toEqual(["A"]);
    const r = countStv({ candidates, seats: 1, seed: "s", ballots: b, withdrawn: [0] });
    expect(r.stages[0]!.votes.map(formatVotes)).toEqual(["0", "3", "6"]);
    expect(names(r)).toEqual(["C"]);
  });

  it("refuses ballots with repeats or unknown candidates", () => {
    expect(() => countStv({ candidates: ["A", "B"], seats: 1, seed: "s", ballots: [{ prefs: [0, 0] }] })).toThrow(StvInputError);
    expect(() => countStv({ candidates: ["A", "B"], seats: 1, seed: "s", ballots: [{ prefs: [2] }] })).toThrow("names no candidate");
  });
});

/** Random elections: up to 7 candidates, up to 4 seats, up to 60 distinct ballot lines. */
const election = fc
  .integer({ min: 1, max: 7 })
  .chain((n) =>
    fc.record({
      candidates: fc.constant(Array.from({ length: n }, (_, i) => `C${i}`)),
      seats: fc.integer({ min: 1, max: Math.min(4, n) }),
      seed: fc.string(),
      ballots: fc.array(
        fc.record({
          prefs: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i)),
          count: fc.integer({ min: 1, max: 5 }),
        }),
        { maxLength: 60 },
      ),
    }),
  );

describe("STV invariants", () => {
  it("conserves votes and ballot papers at every stage: none counted twice, none lost", () => {
    fc.assert(
      fc.property(election, (e) => {
        const r = countStv(e);
        for (const s of r.stages) {
          expect(s.votes.reduce((a, b) => a + b, 0) + s.nonTransferable + s.lostToFractions).toBe(r.valid * VOTE);
          expect(s.papers.reduce((a, b) => a + b, 0) + s.exhaustedPapers).toBe(r.valid);
          expect(s.lostToFractions).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("fills every seat it can, with distinct candidates, each with a quota or left standing at the end", () => {
    fc.assert(
      fc.property(election, (e) => {
        const r = countStv(e);
        expect(r.elected.length).toBe(Math.min(e.seats, e.candidates.length));
        expect(new Set(r.elected).size).toBe(r.elected.length);
      }),
    );
  });

  it("elects anyone with a quota of first preferences, and a majority's first choice for one seat", () => {
    fc.assert(
      fc.property(election, (e) => {
        const r = countStv(e);
        const first = r.stages[0]!.votes;
        first.forEach((v, c) => {
          if (v >= r.quota) expect(r.elected).toContain(c);
        });
        if (e.seats === 1) {
          const majority = first.findIndex((v) => v * 2 > r.valid * VOTE);
          if (majority >= 0) expect(r.elected).toEqual([majority]);
        }
      }),
    );
  });

  it("does not depend on the order of the ballots (the published file is sorted)", () => {
    fc.assert(
      fc.property(election, fc.integer(), (e, salt) => {
        const shuffled = [...e.ballots].map((b, i) => ({ b, k: Math.sin(i * 12.9898 + salt) })).sort((a, b) => a.k - b.k).map((x) => x.b);
        expect(countStv({ ...e, ballots: shuffled })).toEqual(countStv(e));
      }),
    );
  });

  it("gives the same count from the published BLT file", () => {
    fc.assert(
      fc.property(election, (e) => {
        const parsed = parseBlt(toBlt({ title: "Test", ...e }));
        expect(countStv({ ...parsed, seed: e.seed }).elected).toEqual(countStv(e).elected);
      }),
    );
  });
});
