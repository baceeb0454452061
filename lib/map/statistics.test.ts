import { PCA } from "ml-pca";
import { describe, expect, it } from "vitest";
import { baseClusters, lloyd } from "./clusters";
import { groupInformedConsensus } from "./consensus";
import { projectVotes, topTwoEigenpairs } from "./pca";
import { procrustesRotation, rotate } from "./procrustes";
import { seededRandom } from "./random";
import { proportionZ, representativeStatements, twoProportionZ } from "./repness";
import { silhouette } from "./silhouette";
import { adjustedRandIndex, simulateVotes } from "./simulate";
import type { MapVote, Point, VoteValue } from "./types";
import { buildVoteMatrix } from "./vote-matrix";

describe("projectVotes (sparse subspace iteration)", () => {
  it("finds the same two components as ml-pca's SVD of the mean-imputed matrix", () => {
    const sim = simulateVotes({ seed: 3, groups: [30, 20, 15], statements: 12, consensusStatements: 2, missing: 0.3, loyalty: 0.75 });
    const matrix = buildVoteMatrix(sim.votes);
    const fit = new Uint8Array(matrix.participants.length).fill(1);
    const ours = projectVotes(matrix, fit);
    // The dense matrix with each missing vote replaced by its statement's mean, as ml-pca needs.
    const dense = matrix.participants.map(() => Array.from(ours.means));
    for (let e = 0; e < matrix.rows.length; e++) dense[matrix.rows[e]!]![matrix.cols[e]!] = matrix.values[e]!;
    const reference = new PCA(dense, { method: "SVD", center: true });
    const vectors = reference.getEigenvectors();
    for (const k of [0, 1]) {
      const column = vectors.getColumn(k);
      const cosine = column.reduce((s, v, j) => s + v * ours.components[k]![j]!, 0);
      expect(Math.abs(cosine)).toBeCloseTo(1, 6);
    }
    const variance = reference.getExplainedVariance();
    expect(ours.explained[0]).toBeCloseTo(variance[0]!, 6);
    expect(ours.explained[1]).toBeCloseTo(variance[1]!, 6);
  });

  it("scales a sparse voter out by √(m / mᵢ) instead of leaving them near the centre", () => {
    const votes = [
      ...["a", "b", "c", "d"].flatMap((p, i) => ["s1", "s2", "s3", "s4"].map((s) => ({ participant: p, statement: s, value: (i < 2 ? 1 : -1) as 1 | -1 }))),
      { participant: "sparse", statement: "s1", value: 1 as const },
    ];
    const matrix = buildVoteMatrix(votes);
    const fit = new Uint8Array(matrix.participants.length).fill(1);
    const { points } = projectVotes(matrix, fit);
    const full = Math.abs(points[0]![0]);
    const sparse = Math.abs(points[4]![0]);
    // One vote of four agreeing with "a": unscaled it would sit at about a quarter of a's distance.
    expect(sparse).toBeGreaterThan(full * 0.4);
  });
});

describe("projectVotes (Lanczos)", () => {
  const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let ab = 0, aa = 0, bb = 0;
    for (let j = 0; j < a.length; j++) {
      ab += a[j]! * b[j]!;
      aa += a[j]! ** 2;
      bb += b[j]! ** 2;
    }
    return Math.abs(ab) / Math.sqrt(aa * bb);
  };

  it("gives the same axes warm-started from the last map's (rotated) axes as from cold, in fewer steps", () => {
    // Two camps and sparse votes, as on the bench: one clear axis, a second near the noise, where a
    // cold start needs the most steps.
    const votesOf = (share: number) => {
      // The same draws for both shares, so the second set is the first plus 5 % more votes.
      const random = seededRandom(11);
      const votes: MapVote[] = [];
      for (let p = 0; p < 800; p++)
        for (let s = 0; s < 300; s++) {
          const cast = random() < share;
          const loyal = random() < 0.75;
          const side = (p + s) % 2 === 0 ? 1 : -1;
          if (cast) votes.push({ participant: `p${p}`, statement: `s${s}`, value: (loyal ? side : -side) as VoteValue });
        }
      return votes;
    };
    const first = buildVoteMatrix(votesOf(0.1));
    const cold = projectVotes(first, new Uint8Array(first.participants.length).fill(1));
    // The stored axes are the components turned by the Procrustes rotation: any basis of the plane.
    const [a, b] = [Math.cos(0.7), Math.sin(0.7)];
    const [c0, c1] = cold.components;
    const turned: [Float64Array, Float64Array] = [c0.map((x, j) => a * x - b * c1[j]!), c0.map((x, j) => b * x + a * c1[j]!)];
    const next = buildVoteMatrix(votesOf(0.105), first.statements);
    const fit = new Uint8Array(next.participants.length).fill(1);
    const again = projectVotes(next, fit);
    const warm = projectVotes(next, fit, { warmStart: turned });
    expect(cosine(warm.components[0], again.components[0])).toBeCloseTo(1, 6);
    expect(warm.explained[0]).toBeCloseTo(again.explained[0], 9);
    expect(warm.explained[1]).toBeCloseTo(again.explained[1], 6);
    expect(warm.iterations).toBeLessThan(again.iterations);
  });

  it("finds both copies of a repeated largest eigenvalue, and the top two from a start inside another invariant plane", () => {
    const diagonal = (d: number[]) => (q: Float64Array, z: Float64Array) => d.forEach((x, j) => (z[j] = x * q[j]!));
    const repeated = topTwoEigenpairs(6, diagonal([5, 1, 5, 0.5, 0, 2]), null);
    expect(repeated.values[0]).toBeCloseTo(5, 9);
    expect(repeated.values[1]).toBeCloseTo(5, 9);
    // A warm start in the plane of eigenvalues 3 and 2 is an invariant subspace: Lanczos breaks down
    // after two steps and must carry on from a fresh direction to find 10 and 3.
    const e = (j: number) => Float64Array.from({ length: 4 }, (_, i) => (i === j ? 1 : 0));
    const trapped = topTwoEigenpairs(4, diagonal([1, 3, 2, 10]), [e(1), e(2)]);
    expect(trapped.values[0]).toBeCloseTo(10, 9);
    expect(trapped.values[1]).toBeCloseTo(3, 9);
    expect(cosine(trapped.vectors[0], e(3))).toBeCloseTo(1, 9);
    const zero = topTwoEigenpairs(3, diagonal([0, 0, 0]), null);
    expect(zero.values).toEqual([0, 0]);
    expect([...zero.vectors[0], ...zero.vectors[1]].every(Number.isFinite)).toBe(true);
  });
});

describe("procrustesRotation", () => {
  it("recovers a rotation, a reflection and a swap of axes", () => {
    const random = seededRandom(1);
    const points: Point[] = Array.from({ length: 50 }, () => [random() * 4 - 2, random() * 2 - 1]);
    for (const [r00, r01, r10, r11] of [
      [Math.cos(1), Math.sin(1), -Math.sin(1), Math.cos(1)],
      [-1, 0, 0, 1],
      [0, 1, 1, 0],
    ]) {
      const moved = points.map(([x, y]) => [x * r00! + y * r10!, x * r01! + y * r11!] as Point);
      const r = procrustesRotation(moved, points);
      moved.forEach((p, i) => {
        const back = rotate(p, r);
        expect(back[0]).toBeCloseTo(points[i]![0], 9);
        expect(back[1]).toBeCloseTo(points[i]![1], 9);
      });
    }
  });
});

describe("base clusters (Lloyd's k-means)", () => {
  it("stops at a fixed point: each point with its nearest centre, each centre the mean of its points, and a warm start from there settles at once", () => {
    const random = seededRandom(4);
    const points: Point[] = Array.from({ length: 600 }, (_, i) => [(i % 3) * 5 + random(), Math.floor(i / 200) * 3 + random()]);
    const base = baseClusters(points);
    expect(base.centres.length).toBeLessThanOrEqual(100);
    expect(base.sizes.reduce((a, b) => a + b, 0)).toBe(points.length);
    const d = (p: Point, c: Point) => (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2;
    points.forEach((p, i) => {
      const mine = d(p, base.centres[base.labels[i]!]!);
      for (const c of base.centres) expect(mine).toBeLessThanOrEqual(d(p, c) + 1e-12);
    });
    base.centres.forEach((c, j) => {
      const members = points.filter((_, i) => base.labels[i] === j);
      expect(c[0]).toBeCloseTo(members.reduce((s, p) => s + p[0], 0) / members.length, 9);
    });
    // One pass to assign, one to see that nothing moved.
    expect(lloyd(points, base.centres, 100).iterations).toBe(2);
  });
});

describe("silhouette", () => {
  it("is near 1 for well-separated clusters and near 0 or below for a random split", () => {
    const pts: Point[] = [[0, 0], [0.1, 0], [0, 0.1], [10, 10], [10.1, 10], [10, 10.1]];
    expect(silhouette(pts, [0, 0, 0, 1, 1, 1])).toBeGreaterThan(0.95);
    expect(silhouette(pts, [0, 1, 0, 1, 0, 1])).toBeLessThan(0.1);
  });
  it("counts a base cluster's weight as that many members", () => {
    const pts: Point[] = [[0, 0], [1, 0], [10, 0]];
    expect(silhouette(pts, [0, 0, 1], [50, 1, 50])).toBeGreaterThan(silhouette(pts, [0, 0, 1], [1, 50, 1]));
  });
});

describe("repness and consensus", () => {
  it("z tests grow with a clearer majority and a larger sample", () => {
    expect(proportionZ(9, 10)).toBeGreaterThan(proportionZ(6, 10));
    expect(proportionZ(90, 100)).toBeGreaterThan(proportionZ(9, 10));
    expect(twoProportionZ(9, 10, 1, 10)).toBeGreaterThan(1.2816);
    expect(twoProportionZ(5, 10, 5, 10)).toBeCloseTo(0, 9);
  });

  it("picks the statement a group alone agrees with, and the consensus first across groups", () => {
    // Statement 0: everyone agrees. Statement 1: group 0 agrees, group 1 disagrees.
    const table = [
      [{ agree: 20, disagree: 0, votes: 20 }, { agree: 20, disagree: 0, votes: 20 }],
      [{ agree: 19, disagree: 1, votes: 20 }, { agree: 1, disagree: 19, votes: 20 }],
    ];
    const counts = (s: number, g: number) => table[s]![g]!;
    const rep = representativeStatements(["together", "divides"], ["A", "B"], counts);
    expect(rep.find((r) => r.group === "A")).toMatchObject({ statement: "divides", direction: "agree" });
    expect(rep.find((r) => r.group === "B")).toMatchObject({ statement: "divides", direction: "disagree" });
    expect(rep.some((r) => r.statement === "together")).toBe(false);
    const consensus = groupInformedConsensus(["together", "divides"], 2, counts);
    expect(consensus[0]!.statement).toBe("together");
    // (20+1)/(20+2) squared
    expect(consensus[0]!.agree).toBeCloseTo((21 / 22) ** 2, 12);
  });

  it("lets no large group carry a statement the small one rejects", () => {
    const table = [[{ agree: 200, disagree: 0, votes: 200 }, { agree: 0, disagree: 10, votes: 10 }], [{ agree: 50, disagree: 50, votes: 100 }, { agree: 5, disagree: 5, votes: 10 }]];
    const consensus = groupInformedConsensus(["big only", "split"], 2, (s, g) => table[s]![g]!);
    expect(consensus[0]!.statement).toBe("split");
  });
});

describe("adjustedRandIndex", () => {
  it("is 1 for the same partition under other names and about 0 for unrelated ones", () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], ["x", "x", "y", "y", "z", "z"])).toBeCloseTo(1, 12);
    const random = seededRandom(5);
    const a = Array.from({ length: 2000 }, () => Math.floor(random() * 3));
    const b = Array.from({ length: 2000 }, () => Math.floor(random() * 3));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.02);
  });
});
