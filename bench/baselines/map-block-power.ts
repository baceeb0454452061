/**
 * The baseline of bench/map-db.ts: the agreement map's PCA as it was before 2026-12-01, a cold
 * (random) block power iteration of 6 vectors capped at 100 steps. Kept only so the bench can
 * run it beside lib/map/pca.ts on the same matrix and print the ratio.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { seededRandom } from "@/lib/map/random";
import type { Projection } from "@/lib/map/pca";
import type { Point } from "@/lib/map/types";
import type { VoteMatrix } from "@/lib/map/vote-matrix";


const MAX_ITERATIONS = 100;
/**
 * Converged when the top-two subspace moves less than this between checks, 1 − |det(Q₂ᵀQ₂')|, or
 * when both eigenvalue estimates change by less than EIGEN_TOLERANCE (relative): when the second
 * axis is hardly above the noise (λ₂ ≈ λ₃) its direction is not defined better than that anyway,
 * and chasing it cost 34 s on a bench matrix with one real opinion dimension (bench/map-db.ts).
 * Procrustes alignment (procrustes.ts) keeps such a weak axis from turning between versions.
 */
const TOLERANCE = 1e-9;
const EIGEN_TOLERANCE = 1e-4;
/**
 * Iterating a block of 6 vectors instead of 2 makes the top two converge at the rate λ₇/λ₂ rather
 * than λ₃/λ₂: with several opinion groups the 2nd and 3rd eigenvalues are close and a block of 2
 * crawls (175 steps on the bench, 12 with 6).
 */
const BLOCK = 6;
const CHECK_EVERY = 5;

/**
 * PCA of the vote matrix with missing votes imputed by the statement's mean, as Polis does.
 *
 * Imputing a missing x_ij with the column mean μ_j and then centring makes that cell exactly 0,
 * so the centred matrix X̃ (x̃_ij = x_ij − μ_j for a cast vote, 0 otherwise) keeps the sparsity of
 * the votes. The first two eigenvectors of the covariance C = X̃ᵀX̃ / (n − 1) are found by subspace
 * (block power) iteration: Q ← orth(X̃ᵀ(X̃Q)), with a Rayleigh–Ritz step (eigenvectors of the
 * small matrix QᵀCQ) to order them by eigenvalue. Each step costs two passes over the votes
 * instead of the O(n·m²) of a dense covariance or SVD (ml-pca's NIPALS took 187 s on the bench
 * matrix, its SVD more); pca.test.ts checks the result against ml-pca's SVD on a small matrix.
 *
 * Projection with sparsity scaling (Polis's "sparsity-aware projection"): a participant who
 * voted on few statements has a short projection only because the imputed cells contribute 0,
 * which pulls them to the centre. Their point p_i = (x̃_i · v_k) is scaled by √(m / m_i), m
 * statements in all and m_i cast by them, so they are placed by the votes they did cast.
 */
export function projectVotesBlockPower(matrix: VoteMatrix, fitRows: Uint8Array): Projection {
  const m = matrix.statements.length;
  const n = matrix.participants.length;
  const { rows, cols, values } = matrix;
  const means = new Float64Array(m);
  const counts = new Float64Array(m);
  let fitCount = 0;
  for (let i = 0; i < n; i++) if (fitRows[i]) fitCount++;
  let fitted = 0;
  for (let e = 0; e < rows.length; e++) {
    if (!fitRows[rows[e]!]) continue;
    means[cols[e]!]! += values[e]!;
    counts[cols[e]!]!++;
    fitted++;
  }
  for (let j = 0; j < m; j++) means[j] = counts[j]! > 0 ? means[j]! / counts[j]! : 0;
  const centred = new Float64Array(rows.length);
  for (let e = 0; e < rows.length; e++) centred[e] = values[e]! - means[cols[e]!]!;
  // The fitted votes, compacted so the hot loops have no branch.
  const fr = new Int32Array(fitted);
  const fc = new Int32Array(fitted);
  const fv = new Float64Array(fitted);
  let totalVariance = 0;
  for (let e = 0, f = 0; e < rows.length; e++) {
    if (!fitRows[rows[e]!]) continue;
    fr[f] = rows[e]!;
    fc[f] = cols[e]!;
    fv[f] = centred[e]!;
    totalVariance += centred[e]! * centred[e]!;
    f++;
  }
  const denom = Math.max(1, fitCount - 1);
  totalVariance /= denom;

  const b = Math.max(1, Math.min(BLOCK, m));
  // Blocks are stored row-major: q[j * b + k] is statement j of vector k.
  const y = new Float64Array(n * b);
  const multiply = (q: Float64Array, z: Float64Array) => {
    y.fill(0);
    for (let f = 0; f < fitted; f++) {
      const v = fv[f];
      const ro = fr[f]! * b;
      const co = fc[f]! * b;
      for (let k = 0; k < b; k++) y[ro + k]! += v! * q[co + k]!;
    }
    z.fill(0);
    for (let f = 0; f < fitted; f++) {
      const v = fv[f]! / denom;
      const ro = fr[f]! * b;
      const co = fc[f]! * b;
      for (let k = 0; k < b; k++) z[co + k]! += v * y[ro + k]!;
    }
  };

  const random = seededRandom(20_261_201);
  let q = Float64Array.from({ length: m * b }, () => random() - 0.5);
  orthonormalise(q, m, b);
  let z = new Float64Array(m * b);
  let iterations = 0;
  let ritz = rayleighRitz(q, z, m, b, multiply);
  for (; iterations < MAX_ITERATIONS && m > 0; iterations++) {
    multiply(q, z);
    orthonormalise(z, m, b);
    [q, z] = [z, q];
    if ((iterations + 1) % CHECK_EVERY === 0) {
      const next = rayleighRitz(q, z, m, b, multiply);
      const a = dot(ritz.vectors[0], next.vectors[0]), bb = dot(ritz.vectors[0], next.vectors[1]);
      const c = dot(ritz.vectors[1], next.vectors[0]), d = dot(ritz.vectors[1], next.vectors[1]);
      const settled = next.values.every((v, k) => Math.abs(v - ritz.values[k]!) <= EIGEN_TOLERANCE * Math.max(Math.abs(v), 1e-300));
      ritz = next;
      if (1 - Math.abs(a * d - bb * c) < TOLERANCE || settled) break;
    }
  }
  ritz = rayleighRitz(q, z, m, b, multiply);
  const [v0, v1] = ritz.vectors;
  const [l0, l1] = ritz.values;
  // An eigenvector's sign is arbitrary; fix one (positive loading sum) so the unaligned map is reproducible.
  for (const v of [v0, v1]) {
    let s = 0;
    for (let j = 0; j < m; j++) s += v[j]!;
    if (s < 0) for (let j = 0; j < m; j++) v[j] = -v[j]!;
  }
  const px = new Float64Array(n), py = new Float64Array(n);
  for (let e = 0; e < rows.length; e++) {
    px[rows[e]!]! += centred[e]! * v0[cols[e]!]!;
    py[rows[e]!]! += centred[e]! * v1[cols[e]!]!;
  }
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    const scale = matrix.rowCounts[i]! > 0 ? Math.sqrt(m / matrix.rowCounts[i]!) : 0;
    points.push([px[i]! * scale, py[i]! * scale]);
  }
  return {
    components: [v0, v1],
    means,
    points,
    explained: totalVariance > 0 ? [l0 / totalVariance, l1 / totalVariance] : [0, 0],
    iterations,
  };
}

/**
 * Rayleigh–Ritz: T = QᵀCQ (b × b, symmetric), its eigenvectors W by ml-matrix, and the Ritz
 * vectors QW of the two largest eigenvalues, as plain statement-length vectors.
 */
function rayleighRitz(q: Float64Array, scratch: Float64Array, m: number, b: number, multiply: (q: Float64Array, z: Float64Array) => void) {
  multiply(q, scratch);
  const t = Matrix.zeros(b, b);
  for (let k = 0; k < b; k++)
    for (let l = k; l < b; l++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += q[j * b + k]! * scratch[j * b + l]!;
      t.set(k, l, s);
      t.set(l, k, s);
    }
  const eig = new EigenvalueDecomposition(t, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((value, index) => ({ value, index })).sort((x, y) => y.value - x.value);
  const w = eig.eigenvectorMatrix;
  const top = order.slice(0, 2);
  while (top.length < 2) top.push({ value: 0, index: -1 });
  const vectors = top.map(({ index }) => {
    const v = new Float64Array(m);
    if (index < 0) return v;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < b; k++) s += q[j * b + k]! * w.get(k, index);
      v[j] = s;
    }
    return v;
  }) as [Float64Array, Float64Array];
  return { vectors, values: [top[0]!.value, top[1]!.value] as [number, number] };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Modified Gram–Schmidt on the b columns of a row-major m × b block, in place. */
function orthonormalise(q: Float64Array, m: number, b: number): void {
  for (let k = 0; k < b; k++) {
    for (let l = 0; l < k; l++) {
      let p = 0;
      for (let j = 0; j < m; j++) p += q[j * b + k]! * q[j * b + l]!;
      for (let j = 0; j < m; j++) q[j * b + k]! -= p * q[j * b + l]!;
    }
    let norm = 0;
    for (let j = 0; j < m; j++) norm += q[j * b + k]! ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-10) norm = 0;
    // A vanished direction (the matrix has rank below b): replace it by the first unit vector that
    // is independent of the columns before it, so the block stays orthonormal.
    for (let e = 0; norm < 1e-10 && e < m; e++) {
      for (let j = 0; j < m; j++) q[j * b + k] = j === e ? 1 : 0;
      for (let l = 0; l < k; l++) {
        const p = q[e * b + l]!;
        for (let j = 0; j < m; j++) q[j * b + k]! -= p * q[j * b + l]!;
      }
      norm = 0;
      for (let j = 0; j < m; j++) norm += q[j * b + k]! ** 2;
      norm = Math.sqrt(norm);
    }
    for (let j = 0; j < m; j++) q[j * b + k]! /= norm;
  }
}
