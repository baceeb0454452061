import type { Point } from "./types";

function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/**
 * Mean silhouette (Rousseeuw, 1987) of a clustering of weighted points: for point i in cluster A,
 * a(i) = mean distance to the other members of A, b(i) = the smallest mean distance to the
 * members of another cluster, s(i) = (b − a) / max(a, b); the score is Σ wᵢ s(i) / Σ wᵢ, in −1..1.
 * Weights let a base cluster stand for its members, as Polis clusters its base clusters.
 * A point alone in its cluster has s = 0.
 */
export function silhouette(points: readonly Point[], labels: readonly number[], weights?: readonly number[]): number {
  const n = points.length;
  const w = weights ?? points.map(() => 1);
  const k = Math.max(-1, ...labels) + 1;
  if (k < 2) return 0;
  let total = 0;
  let weightSum = 0;
  const sums = new Float64Array(k);
  const mass = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    mass.fill(0);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      sums[labels[j]!]! += w[j]! * distance(points[i]!, points[j]!);
      mass[labels[j]!]! += w[j]!;
    }
    // Distances to one's own other members: the point's own weight beyond itself counts too
    // (a base cluster of 30 people has 29 others at distance 0 from each).
    const own = labels[i];
    const selfMass = Math.max(0, w[i]! - 1);
    const ownMass = mass[own!]! + selfMass;
    let s = 0;
    if (ownMass > 0) {
      const a = sums[own!]! / ownMass;
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own && mass[c]! > 0) b = Math.min(b, sums[c]! / mass[c]!);
      if (Number.isFinite(b)) s = Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
    }
    total += w[i]! * s;
    weightSum += w[i]!;
  }
  return weightSum > 0 ? total / weightSum : 0;
}
