import { seededRandom } from "./random";
import type { MapVote, VoteValue } from "./types";

export interface SimulationOptions {
  seed: number;
  groups: number[];
  statements: number;
  /** Statements every group agrees with (the first ones). */
  consensusStatements: number;
  /** Share of the participant × statement cells left without a vote. */
  missing: number;
  /** Chance that a vote follows the voter's group opinion (otherwise pass or the opposite). */
  loyalty: number;
  /** Participants who agree with every statement they vote on. */
  agreeWithEverything?: number;
}

export interface Simulation {
  votes: MapVote[];
  /** Planted group of each simulated participant (−1 for the agree-with-everything voters). */
  planted: Map<string, number>;
  statements: string[];
  consensus: string[];
  /** Per planted group, its opinion on each statement. */
  opinions: VoteValue[][];
}

/**
 * Simulated voters with planted opinion groups, for the recovery test, the bench and the demo:
 * each group holds an opinion (+1 or −1) on every divisive statement, all groups agree with the
 * consensus statements, and a voter follows their group's opinion with probability `loyalty`,
 * passes or votes the other way otherwise, and leaves `missing` of the statements unvoted.
 */
export function simulateVotes(options: SimulationOptions): Simulation {
  const random = seededRandom(options.seed);
  const statements = Array.from({ length: options.statements }, (_, j) => `s${j}`);
  const consensus = statements.slice(0, options.consensusStatements);
  const opinions: VoteValue[][] = options.groups.map(() =>
    statements.map((_, j) => (j < options.consensusStatements ? 1 : random() < 0.5 ? 1 : -1)),
  );
  // Make sure each divisive statement actually divides: flip one group where all agree.
  for (let j = options.consensusStatements; j < statements.length; j++) {
    const first = opinions[0]![j];
    if (opinions.every((o) => o[j] === first)) opinions[j % opinions.length]![j] = first === 1 ? -1 : 1;
  }
  const votes: MapVote[] = [];
  const planted = new Map<string, number>();
  let id = 0;
  options.groups.forEach((size, g) => {
    for (let p = 0; p < size; p++) {
      const participant = `p${id++}`;
      planted.set(participant, g);
      statements.forEach((statement, j) => {
        if (random() < options.missing) return;
        const r = random();
        const opinion = opinions[g]![j]!;
        const value: VoteValue = r < options.loyalty ? opinion : r < options.loyalty + (1 - options.loyalty) / 2 ? 0 : ((-opinion) as VoteValue);
        votes.push({ participant, statement, value });
      });
    }
  });
  for (let p = 0; p < (options.agreeWithEverything ?? 0); p++) {
    const participant = `p${id++}`;
    planted.set(participant, -1);
    statements.forEach((statement) => {
      if (random() < options.missing) return;
      votes.push({ participant, statement, value: 1 });
    });
  }
  return { votes, planted, statements, consensus, opinions };
}

/**
 * Adjusted Rand index (Hubert & Arabie, 1985) of two labellings of the same items:
 * ARI = (Σᵢⱼ C(nᵢⱼ,2) − [Σᵢ C(aᵢ,2) Σⱼ C(bⱼ,2)] / C(n,2)) / (½[Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)] − [Σᵢ C(aᵢ,2) Σⱼ C(bⱼ,2)] / C(n,2)),
 * from the contingency table nᵢⱼ with row sums aᵢ and column sums bⱼ. 1 is identical, ~0 chance.
 */
export function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  if (a.length !== b.length) throw new Error("adjustedRandIndex: labellings differ in length");
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const table = new Map<string, number>();
  const rowsum = new Map<string | number, number>();
  const colsum = new Map<string | number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rowsum.set(a[i]!, (rowsum.get(a[i]!) ?? 0) + 1);
    colsum.set(b[i]!, (colsum.get(b[i]!) ?? 0) + 1);
  }
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sa = 0;
  for (const v of rowsum.values()) sa += pairs(v);
  let sb = 0;
  for (const v of colsum.values()) sb += pairs(v);
  const expected = (sa * sb) / pairs(a.length);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
