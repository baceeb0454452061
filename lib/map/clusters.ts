import { kmeans } from "ml-kmeans";
import { seededRandom } from "./random";
import { silhouette } from "./silhouette";
import type { Point } from "./types";

/** Polis clusters people into up to 100 fine base clusters first, then groups those. */
export const BASE_CLUSTERS = 100;
export const MIN_GROUPS = 2;
export const MAX_GROUPS = 5;
const SEED = 42;

export interface BaseClusters {
  /** Base cluster of each point. */
  labels: number[];
  centres: Point[];
  sizes: number[];
}

function squared(a: readonly number[], b: readonly number[]): number {
  const dx = a[0]! - b[0]!;
  const dy = a[1]! - b[1]!;
  return dx * dx + dy * dy;
}

/** Distinct points, in first-seen order: k-means cannot have more centres than distinct points. */
function distinctCount(points: readonly Point[], limit: number): number {
  const seen = new Set<string>();
  for (const p of points) {
    seen.add(`${p[0]},${p[1]}`);
    if (seen.size >= limit) break;
  }
  return seen.size;
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii, 2007): each next centre is a point drawn with
 * probability proportional to D(x)², its squared distance to the nearest centre chosen so far.
 * Done here on flat arrays because ml-kmeans's own took 0.9 s of the bench's 5,000 points × 100.
 * Only distinct points are chosen, so no two centres coincide.
 */
export function kmeansPlusPlus(points: readonly Point[], k: number, random: () => number): number[][] {
  const n = points.length;
  const nearest = new Float64Array(n).fill(Infinity);
  const centres: number[][] = [];
  let next = Math.floor(random() * n);
  while (centres.length < k) {
    const c = points[next];
    centres.push([c![0], c![1]]);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dx = points[i]![0] - c![0];
      const dy = points[i]![1] - c![1];
      const d = dx * dx + dy * dy;
      if (d < nearest[i]!) nearest[i] = d;
      total += nearest[i]!;
    }
    if (total === 0) break;
    let target = random() * total;
    next = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i]!;
      if (target < 0 && nearest[i]! > 0) {
        next = i;
        break;
      }
    }
    if (nearest[next] === 0) next = nearest.findIndex((d) => d > 0);
    if (next < 0) break;
  }
  return centres;
}

/**
 * Fine base clusters: k-means (Lloyd's algorithm, seeded by k-means++ with a fixed seed, or
 * warm-started from the previous map's base centres) with k = min(100, distinct points). Grouping
 * 100 centres instead of thousands of people keeps the choice of k and the silhouette cheap, and
 * smooths out single odd voters. Lloyd's iterations run here on flat arrays and stop when no point
 * changes cluster (the exact fixed point): ml-kmeans took 6 ms an iteration on the bench's 5,000
 * points, this takes under 1, and a warm start after a few more votes needs a few iterations.
 */
export function baseClusters(points: readonly Point[], initial?: readonly Point[]): BaseClusters {
  const k = distinctCount(points, BASE_CLUSTERS);
  if (k === 0) return { labels: [], centres: [], sizes: [] };
  const init = initial && initial.length === k ? initial.map((c) => [c[0], c[1]]) : kmeansPlusPlus(points, k, seededRandom(SEED));
  const { labels, centres } = lloyd(points, init, MAX_LLOYD_ITERATIONS);
  const sizes = new Array<number>(k).fill(0);
  for (const l of labels) sizes[l]!++;
  // Drop empty clusters and renumber, so every centre stands for someone.
  const keep = sizes.map((s, i) => (s > 0 ? i : -1)).filter((i) => i >= 0);
  const renumber = new Int32Array(k);
  keep.forEach((old, i) => (renumber[old] = i));
  return {
    labels: Array.from(labels, (l) => renumber[l]!),
    centres: keep.map((i) => [centres[2 * i]!, centres[2 * i + 1]!] as Point),
    sizes: keep.map((i) => sizes[i]!),
  };
}

const MAX_LLOYD_ITERATIONS = 100;

/**
 * Lloyd's k-means from the given centres: assign each point to its nearest centre (ties to the
 * lower index), move each centre to the mean of its points (an empty one stays put), until no
 * assignment changes or `maxIterations`.
 */
export function lloyd(points: readonly Point[], start: readonly number[][], maxIterations: number): { labels: Int32Array; centres: Float64Array; iterations: number } {
  const n = points.length;
  const k = start.length;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  points.forEach((p, i) => {
    xs[i] = p[0];
    ys[i] = p[1];
  });
  const centres = new Float64Array(2 * k);
  start.forEach((c, j) => {
    centres[2 * j] = c[0]!;
    centres[2 * j + 1] = c[1]!;
  });
  const labels = new Int32Array(n).fill(-1);
  const sx = new Float64Array(k), sy = new Float64Array(k), count = new Int32Array(k);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    let changed = false;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!, y = ys[i]!;
      let best = 0;
      let bestD = Infinity;
      for (let j = 0; j < k; j++) {
        const dx = x - centres[2 * j]!, dy = y - centres[2 * j + 1]!;
        const d = dx * dx + dy * dy;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      if (labels[i] !== best) {
        labels[i] = best;
        changed = true;
      }
    }
    if (!changed) break;
    sx.fill(0);
    sy.fill(0);
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const l = labels[i]!;
      sx[l]! += xs[i]!;
      sy[l]! += ys[i]!;
      count[l]!++;
    }
    for (let j = 0; j < k; j++) {
      if (count[j]! === 0) continue;
      centres[2 * j] = sx[j]! / count[j]!;
      centres[2 * j + 1] = sy[j]! / count[j]!;
    }
  }
  return { labels, centres, iterations };
}

export interface Grouping {
  k: number;
  /** Group of each base cluster. */
  labels: number[];
  centres: Point[];
  silhouette: number;
  /** Silhouette of every k tried, for the record. */
  tried: { k: number; silhouette: number }[];
}

/**
 * Weighted Lloyd iterations: each base cluster pulls its group centre with the weight of its
 * members (ml-kmeans has no weights, so it seeds and these refine).
 */
function weightedLloyd(points: readonly Point[], weights: readonly number[], start: readonly Point[]): { labels: number[]; centres: Point[]; cost: number } {
  let centres = start.map((c) => [c[0], c[1]] as Point);
  let labels = new Array<number>(points.length).fill(0);
  for (let iteration = 0; iteration < 100; iteration++) {
    let changed = iteration === 0;
    labels = points.map((p, i) => {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < centres.length; c++) {
        const d = squared(p, centres[c]!);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (best !== labels[i]) changed = true;
      return best;
    });
    const sx = new Float64Array(centres.length), sy = new Float64Array(centres.length), sw = new Float64Array(centres.length);
    points.forEach((p, i) => {
      sx[labels[i]!]! += p[0] * weights[i]!;
      sy[labels[i]!]! += p[1] * weights[i]!;
      sw[labels[i]!]! += weights[i]!;
    });
    centres = centres.map((c, j) => (sw[j]! > 0 ? [sx[j]! / sw[j]!, sy[j]! / sw[j]!] : c));
    if (!changed) break;
  }
  let cost = 0;
  points.forEach((p, i) => (cost += weights[i]! * squared(p, centres[labels[i]!]!)));
  return { labels, centres, cost };
}

/**
 * Opinion groups: weighted k-means over the base clusters for each k in 2..5, keeping the k with
 * the best weighted silhouette. When the previous map had k groups, their (aligned) centres are
 * tried as a warm start too and win if they fit as well, so groups do not reshuffle for nothing.
 */
export function groupBaseClusters(base: BaseClusters, previousCentres?: readonly Point[]): Grouping | null {
  const n = base.centres.length;
  if (n < MIN_GROUPS) return null;
  const tried: { k: number; silhouette: number }[] = [];
  let best: Grouping | null = null;
  for (let k = MIN_GROUPS; k <= Math.min(MAX_GROUPS, n); k++) {
    const seeded = kmeans(base.centres.map((c) => [c[0], c[1]]), k, { initialization: "kmeans++", seed: SEED });
    let fit = weightedLloyd(base.centres, base.sizes, seeded.centroids.map((c) => [c[0], c[1]] as Point));
    if (previousCentres && previousCentres.length === k) {
      const warm = weightedLloyd(base.centres, base.sizes, previousCentres);
      if (warm.cost <= fit.cost * 1.01) fit = warm;
    }
    if (new Set(fit.labels).size < k) continue; // a group came out empty
    const s = silhouette(base.centres, fit.labels, base.sizes);
    tried.push({ k, silhouette: s });
    if (!best || s > best.silhouette + 1e-9) best = { k, labels: fit.labels, centres: fit.centres, silhouette: s, tried };
  }
  return best;
}
