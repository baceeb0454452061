import { describe, expect, it } from "vitest";
import { computeMap } from "./compute";
import { adjustedRandIndex, simulateVotes } from "./simulate";
import type { MapResult, Point, PreviousMap } from "./types";
import { seededRandom } from "./random";

function previousOf(result: MapResult): PreviousMap {
  return {
    points: new Map(result.participants.map((p) => [p.participant, p.point])),
    groups: result.groups,
    axes: result.axes,
  };
}

/** Share of planted groups recovered: each found group is matched to the planted group most of its members came from. */
function assignedShare(result: MapResult, planted: Map<string, number>): number {
  const byGroup = new Map<string, Map<number, number>>();
  for (const p of result.participants) {
    if (p.group === null) continue;
    const tally = byGroup.get(p.group) ?? new Map<number, number>();
    const truth = planted.get(p.participant)!;
    tally.set(truth, (tally.get(truth) ?? 0) + 1);
    byGroup.set(p.group, tally);
  }
  let right = 0;
  for (const tally of byGroup.values()) right += Math.max(...tally.values());
  const plantedCount = [...planted.values()].filter((g) => g >= 0).length;
  return right / plantedCount;
}

describe("computeMap on planted opinion groups", () => {
  const sim = simulateVotes({ seed: 7, groups: [120, 90, 60], statements: 40, consensusStatements: 5, missing: 0.2, loyalty: 0.8 });
  const result = computeMap(sim.votes);

  it("recovers three planted groups from votes with 20 % missing", () => {
    expect(result.groups).toHaveLength(3);
    const truth: number[] = [];
    const found: string[] = [];
    for (const p of result.participants) {
      truth.push(sim.planted.get(p.participant)!);
      found.push(p.group ?? "none");
    }
    const ari = adjustedRandIndex(truth, found);
    const share = assignedShare(result, sim.planted);
    console.info(`planted groups: assigned ${(share * 100).toFixed(1)} %, ARI ${ari.toFixed(3)}, silhouette ${result.silhouette?.toFixed(3)}`);
    expect(share).toBeGreaterThanOrEqual(0.9);
    expect(ari).toBeGreaterThanOrEqual(0.8);
  });

  it("ranks the statements every group agrees with first by group-informed consensus", () => {
    const top = result.consensus.slice(0, sim.consensus.length).map((c) => c.statement);
    expect(new Set(top)).toEqual(new Set(sim.consensus));
  });

  it("names each group by statements that divide, not by the consensus", () => {
    expect(result.repness.length).toBeGreaterThan(0);
    for (const r of result.repness) expect(sim.consensus).not.toContain(r.statement);
    for (const g of result.groups) expect(result.repness.some((r) => r.group === g.key)).toBe(true);
  });

  it("keeps both axes and every group's name after 5 % more votes", () => {
    const random = seededRandom(99);
    const more = [...sim.votes];
    const extra = Math.round(sim.votes.length * 0.05);
    const voted = new Set(sim.votes.map((v) => `${v.participant}|${v.statement}`));
    const people = [...sim.planted.keys()];
    while (more.length < sim.votes.length + extra) {
      const participant = people[Math.floor(random() * people.length)]!;
      const j = Math.floor(random() * sim.statements.length);
      const key = `${participant}|s${j}`;
      if (voted.has(key)) continue;
      voted.add(key);
      more.push({ participant, statement: `s${j}`, value: sim.opinions[sim.planted.get(participant)!]![j]! });
    }
    const again = computeMap(more, { previous: previousOf(result) });
    const before = new Map(result.participants.map((p) => [p.participant, p.point]));
    const pairs = again.participants.map((p) => [before.get(p.participant)!, p.point] as [Point, Point]);
    for (const axis of [0, 1]) {
      const r = correlation(pairs.map(([a]) => a[axis]!), pairs.map(([, b]) => b[axis]!));
      console.info(`axis ${axis === 0 ? "x" : "y"}: correlation with the previous map ${r.toFixed(3)}`);
      expect(r).toBeGreaterThan(0.9);
    }
    const names = (res: MapResult) => new Map(res.participants.map((p) => [p.participant, p.group]));
    const was = names(result);
    const now = names(again);
    let same = 0;
    for (const [p, g] of now) if (was.get(p) === g) same++;
    expect(same / now.size).toBeGreaterThan(0.9);
  });

  it("undoes a flipped and swapped projection when aligned to the previous map", () => {
    // A previous map drawn with x and y swapped and x mirrored: alignment must reproduce it.
    const mirrored: PreviousMap = {
      points: new Map(result.participants.map((p) => [p.participant, [-p.point[1], p.point[0]] as Point])),
      groups: [],
    };
    const aligned = computeMap(sim.votes, { previous: mirrored });
    for (const p of aligned.participants) {
      const q = mirrored.points.get(p.participant)!;
      expect(p.point[0]).toBeCloseTo(q[0], 6);
      expect(p.point[1]).toBeCloseTo(q[1], 6);
    }
  });

  it("flags members who agree with everything and keeps them out of the groups", () => {
    const withBloc = simulateVotes({ seed: 8, groups: [100, 80, 60], statements: 40, consensusStatements: 5, missing: 0.2, loyalty: 0.8, agreeWithEverything: 40 });
    const map = computeMap(withBloc.votes);
    const bloc = map.participants.filter((p) => withBloc.planted.get(p.participant) === -1);
    expect(bloc).toHaveLength(40);
    for (const p of bloc) {
      expect(p.agreesWithEverything).toBe(true);
      expect(p.group).toBeNull();
    }
    expect(map.participants.filter((p) => p.agreesWithEverything)).toHaveLength(40);
    expect(map.groups).toHaveLength(3);
  });

  it("places nobody with fewer than seven votes and computes the same map twice", () => {
    const sparse = computeMap([...sim.votes, { participant: "new", statement: "s1", value: 1 }]);
    expect(sparse.participants.some((p) => p.participant === "new")).toBe(false);
    const twice = computeMap(sim.votes);
    expect(twice.participants.map((p) => p.point)).toEqual(result.participants.map((p) => p.point));
  });

  it("ignores votes on statements outside the given set (hidden statements)", () => {
    const shown = sim.statements.slice(0, 30);
    const map = computeMap(sim.votes, { statements: shown });
    expect(map.statements.map((s) => s.statement)).toEqual(shown);
  });
});

function correlation(a: number[], b: number[]): number {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a), mb = mean(b);
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
