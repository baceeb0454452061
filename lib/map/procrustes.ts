import { Matrix, SVD } from "ml-matrix";
import type { Point } from "./types";

export type Rotation = [[number, number], [number, number]];
export const IDENTITY: Rotation = [
  [1, 0],
  [0, 1],
];

/**
 * Orthogonal Procrustes: the orthogonal R (rotation or reflection) minimising ‖A·R − B‖_F, where
 * the rows of A are this recompute's points and the rows of B the previous map's, for the same
 * participants. With M = AᵀB = UΣVᵀ (SVD), R = UVᵀ (Schönemann, 1966).
 *
 * PCA's axes are eigenvectors, defined only up to sign and, when two eigenvalues are close, up to
 * order: a recompute can flip or swap them although nobody moved. Multiplying by R undoes that,
 * so a member's point stays where they last saw it (the fault Polis users reported, polis #2413).
 * R is orthogonal, so distances and clusters are unchanged.
 */
export function procrustesRotation(current: readonly Point[], previous: readonly Point[]): Rotation {
  if (current.length !== previous.length) throw new Error("procrustes: point sets differ in length");
  if (current.length < 2) return IDENTITY;
  let m00 = 0, m01 = 0, m10 = 0, m11 = 0;
  current.forEach(([ax, ay], i) => {
    const [bx, by] = previous[i]!;
    m00 += ax * bx;
    m01 += ax * by;
    m10 += ay * bx;
    m11 += ay * by;
  });
  if (Math.abs(m00) + Math.abs(m01) + Math.abs(m10) + Math.abs(m11) < 1e-12) return IDENTITY;
  const svd = new SVD(new Matrix([[m00, m01], [m10, m11]]), { autoTranspose: false });
  const r = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
  return [
    [r.get(0, 0), r.get(0, 1)],
    [r.get(1, 0), r.get(1, 1)],
  ];
}

export function rotate([x, y]: Point, r: Rotation): Point {
  return [x * r[0][0] + y * r[1][0], x * r[0][1] + y * r[1][1]];
}
