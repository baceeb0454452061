/**
 * Ranking of comments. "Most useful" orders by the lower bound of the Wilson score interval
 * (95 %) of useful against not-useful votes: a comment with 3 useful votes out of 3 ranks below
 * one with 40 out of 44, because we are less sure of it. A plain average or a net count gets
 * this wrong (Evan Miller, "How not to sort by average rating").
 */

/** z for a two-sided 95 % confidence interval. */
const Z = 1.959963984540054;

export function wilsonLowerBound(useful: number, notUseful: number, z = Z): number {
  const n = useful + notUseful;
  if (n <= 0) return 0;
  const p = useful / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}

export type ThreadSort = "useful" | "newest";
export const THREAD_SORTS: readonly ThreadSort[] = ["useful", "newest"];

export interface Rankable {
  usefulCount: number;
  notUsefulCount: number;
  createdAt: Date;
  id: string;
}

/** Comparator for siblings: best first, then older first (so a tie keeps the order people saw). */
export function compareComments(sort: ThreadSort): (a: Rankable, b: Rankable) => number {
  if (sort === "newest") {
    return (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }
  return (a, b) =>
    wilsonLowerBound(b.usefulCount, b.notUsefulCount) - wilsonLowerBound(a.usefulCount, a.notUsefulCount) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function parseSort(value: string | string[] | undefined): ThreadSort {
  return value === "newest" ? "newest" : "useful";
}
