import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { seededRandom } from "./random";
import type { Point } from "./types";
import type { VoteMatrix } from "./vote-matrix";

export interface Projection {
  /** Loadings of the two principal components, one pair per statement (columns of V). */
  components: [Float64Array, Float64Array];
  /** Column means over the participants used for the fit (the imputed value of a missing vote). */
  means: Float64Array;
  /** One point per participant of the matrix, sparsity-scaled. */
  points: Point[];
  /** Share of the total variance each component explains: λ_k / Σ_j Var(x_j). */
  explained: [number, number];
  /** Lanczos steps taken, each one product of the covariance with a vector (two passes over the votes). */
  iterations: number;
}

export interface ProjectOptions {
  /**
   * The previous map's two axes as loadings in this matrix's statement order (0 for a statement
   * that is new): the Lanczos start vector is taken from their plane, so a recompute after a few
   * more votes converges in a handful of steps. Any rotation of the plane will do (the stored,
   * Procrustes-aligned axes are one).
   */
  warmStart?: readonly [ArrayLike<number>, ArrayLike<number>] | null;
}

/** Lanczos steps at most (and never more than the number of statements, where it is exact). */
const MAX_STEPS = 300;
/**
 * Converged when the residual ‖C·x − θ·x‖ of each of the top two Ritz pairs is below this share
 * of θ₁. A residual r bounds the eigenvalue error by r²/gap and the angle to the eigenvector by
 * r/gap (gap: the distance to the next eigenvalue): with the gap a hundredth of θ₁ the axes are
 * then within 10⁻⁴ radians, well under a pixel of the drawn map.
 */
const RESIDUAL_TOLERANCE = 1e-6;
/**
 * ...or when θ₁ has converged so and θ₂ has stopped moving (relative change below this between
 * checks): then λ₂ sits in a cluster of noise-level eigenvalues (λ₂ ≈ λ₃) and its direction is not
 * defined better than that by the votes; chasing it is what made the old block power iteration hit
 * its cap (bench/map-db.ts). Procrustes alignment keeps such a weak axis from turning between versions.
 */
const SETTLED_TOLERANCE = 1e-8;
/** T's eigenpairs cost O(k³) with k ≤ a few dozen: cheap next to a pass over the votes. */
const CHECK_EVERY = 2;
/** After a restart (see below), steps before convergence may be declared again. */
const STEPS_AFTER_RESTART = 12;
/** How much of the start vector is random when warm-started: enough that no direction is missing from the Krylov space. */
const WARM_NOISE = 0.05;

/**
 * PCA of the vote matrix with missing votes imputed by the statement's mean, as Polis does.
 *
 * Imputing a missing x_ij with the column mean μ_j and then centring makes that cell exactly 0,
 * so the centred matrix X̃ (x̃_ij = x_ij − μ_j for a cast vote, 0 otherwise) keeps the sparsity of
 * the votes. The top two eigenvectors of the covariance C = X̃ᵀX̃ / (n − 1) are found by the Lanczos
 * method with full reorthogonalisation (Golub & Van Loan, §10.1): from a start vector q₁ it builds
 * an orthonormal basis Q_k of the Krylov space span{q₁, Cq₁, …, C^{k−1}q₁} in which C is the
 * tridiagonal T_k = Q_kᵀCQ_k (αⱼ on the diagonal, βⱼ beside it). The eigenpairs (θ, s) of the small
 * T_k give Ritz pairs (θ, Q_k·s) whose residual is exactly βₖ·|last component of s|, so convergence
 * is measured, not guessed. The extreme eigenvalues converge at the Chebyshev rate, far faster than
 * power iteration at (λ₃/λ₂)^k; each step is one product Cq, one pass over the votes (X̃q and
 * X̃ᵀ(X̃q) together, row by row), instead of the O(n·m²) of a dense covariance or SVD (ml-pca's
 * NIPALS took 187 s on the bench matrix). statistics.test.ts checks the result against ml-pca's SVD.
 *
 * Projection with sparsity scaling (Polis's "sparsity-aware projection"): a participant who
 * voted on few statements has a short projection only because the imputed cells contribute 0,
 * which pulls them to the centre. Their point p_i = (x̃_i · v_k) is scaled by √(m / m_i), m
 * statements in all and m_i cast by them, so they are placed by the votes they did cast.
 */
export function projectVotes(matrix: VoteMatrix, fitRows: Uint8Array, options: ProjectOptions = {}): Projection {
  const m = matrix.statements.length;
  const n = matrix.participants.length;
  const { rows, cols, values } = matrix;
  const means = new Float64Array(m);
  const counts = new Float64Array(m);
  const fittedPerRow = new Int32Array(n + 1);
  let fitCount = 0;
  for (let i = 0; i < n; i++) if (fitRows[i]) fitCount++;
  for (let e = 0; e < rows.length; e++) {
    const r = rows[e]!;
    if (!fitRows[r]) continue;
    means[cols[e]!]! += values[e]!;
    counts[cols[e]!]!++;
    fittedPerRow[r + 1]!++;
  }
  for (let j = 0; j < m; j++) means[j] = counts[j]! > 0 ? means[j]! / counts[j]! : 0;
  const centred = new Float64Array(rows.length);
  for (let e = 0; e < rows.length; e++) centred[e] = values[e]! - means[cols[e]!]!;

  // The fitted votes in compressed rows (a counting sort, whatever order the votes came in), so
  // one pass computes each yᵢ = x̃ᵢ·q and adds yᵢ·x̃ᵢ into Cq while the row is in cache.
  for (let i = 0; i < n; i++) fittedPerRow[i + 1]! += fittedPerRow[i]!;
  const fitted = fittedPerRow[n]!;
  const rowStart = fittedPerRow.slice();
  const fc = new Int32Array(fitted);
  const fv = new Float64Array(fitted);
  let totalVariance = 0;
  for (let e = 0; e < rows.length; e++) {
    const r = rows[e]!;
    if (!fitRows[r]) continue;
    const at = rowStart[r]!++;
    fc[at] = cols[e]!;
    fv[at] = centred[e]!;
    totalVariance += centred[e]! * centred[e]!;
  }
  const denom = Math.max(1, fitCount - 1);
  totalVariance /= denom;
  const multiply = (q: Float64Array, z: Float64Array) => {
    z.fill(0);
    for (let i = 0; i < n; i++) {
      const end = fittedPerRow[i + 1]!;
      let y = 0;
      for (let f = fittedPerRow[i]!; f < end; f++) y += fv[f]! * q[fc[f]!]!;
      if (y === 0) continue;
      y /= denom;
      for (let f = fittedPerRow[i]!; f < end; f++) z[fc[f]!]! += fv[f]! * y;
    }
  };

  const { vectors, values: eigenvalues, steps } = topTwoEigenpairs(m, multiply, options.warmStart ?? null);
  const [v0, v1] = vectors;
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
  const points: Point[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const scale = matrix.rowCounts[i]! > 0 ? Math.sqrt(m / matrix.rowCounts[i]!) : 0;
    points[i] = [px[i]! * scale, py[i]! * scale];
  }
  return {
    components: [v0, v1],
    means,
    points,
    explained: totalVariance > 0 ? [Math.max(0, eigenvalues[0]) / totalVariance, Math.max(0, eigenvalues[1]) / totalVariance] : [0, 0],
    iterations: steps,
  };
}

interface Eigenpairs {
  vectors: [Float64Array, Float64Array];
  values: [number, number];
  steps: number;
}

/**
 * The two largest eigenpairs of the symmetric positive semi-definite operator `multiply` on
 * vectors of length m, by Lanczos with full reorthogonalisation (classical Gram–Schmidt, twice:
 * "twice is enough", Giraud et al. 2005). The basis is kept (k·m doubles, 2.4 MB at 300 × 1,000):
 * cheaper and simpler than implicit restarts at this size. Deterministic: the random part of the
 * start vector comes from a fixed seed.
 */
export function topTwoEigenpairs(m: number, multiply: (q: Float64Array, z: Float64Array) => void, warmStart: readonly [ArrayLike<number>, ArrayLike<number>] | null): Eigenpairs {
  if (m === 0) return { vectors: [new Float64Array(0), new Float64Array(0)], values: [0, 0], steps: 0 };
  const random = seededRandom(20_261_201);
  const limit = Math.min(m, MAX_STEPS);
  const basis = new Float64Array(limit * m);
  const alpha: number[] = [];
  const beta: number[] = [];
  const w = new Float64Array(m);
  const coefficients = new Float64Array(limit);

  const start = new Float64Array(m);
  for (let j = 0; j < m; j++) start[j] = random() - 0.5;
  normalise(start);
  if (warmStart) {
    const plane = new Float64Array(m);
    for (const axis of warmStart) {
      let norm = 0;
      for (let j = 0; j < m; j++) norm += (axis[j] ?? 0) ** 2;
      if (norm === 0) continue;
      norm = Math.sqrt(norm);
      for (let j = 0; j < m; j++) plane[j]! += (axis[j] ?? 0) / norm;
    }
    if (normalise(plane) > 0) for (let j = 0; j < m; j++) start[j] = plane[j]! + WARM_NOISE * start[j]!;
    normalise(start);
  }
  basis.set(start, 0);

  let scale = 0;
  let k = 0;
  let previousTheta2 = Number.NaN;
  // Steps since the last restart: the pairs found before a restart have residual 0, but a larger
  // eigenvalue (a repeated one's second copy) may still come from the new direction.
  let sinceRestart = STEPS_AFTER_RESTART;
  let ritz: { values: [number, number]; s: [number[], number[]] } | null = null;
  while (k < limit) {
    const q = basis.subarray(k * m, (k + 1) * m);
    multiply(q, w);
    let a = 0;
    for (let j = 0; j < m; j++) a += w[j]! * q[j]!;
    alpha.push(a);
    k++;
    orthogonalise(w, basis, k, m, coefficients);
    let b = Math.sqrt(dotSelf(w));
    scale = Math.max(scale, Math.abs(a) + b);
    // βₖ ≈ 0: the Krylov space is invariant under C. Carry on from a fresh random direction (βₖ = 0
    // makes T block-diagonal, still exact) so eigenvalues the start vector missed are found too.
    let restarted = false;
    if (b <= 1e-10 * scale || scale === 0) {
      b = 0;
      restarted = k < limit && freshDirection(w, basis, k, m, coefficients, random);
    }
    beta.push(b);
    sinceRestart = restarted ? 0 : sinceRestart + 1;
    const done = k === limit || (b === 0 && !restarted);
    if (done || (k >= 2 && k % CHECK_EVERY === 0 && sinceRestart >= STEPS_AFTER_RESTART)) {
      ritz = tridiagonalTopTwo(alpha, beta, k);
      const theta1 = Math.max(ritz.values[0], 1e-300);
      const r1 = Math.abs(b * ritz.s[0][k - 1]!);
      const r2 = Math.abs(b * ritz.s[1][k - 1]!);
      const settled = Math.abs(ritz.values[1] - previousTheta2) <= SETTLED_TOLERANCE * theta1;
      previousTheta2 = ritz.values[1];
      if (done || (r1 <= RESIDUAL_TOLERANCE * theta1 && (r2 <= RESIDUAL_TOLERANCE * theta1 || settled))) break;
    }
    if (!restarted) for (let j = 0; j < m; j++) w[j] = w[j]! / b;
    basis.set(w, k * m);
  }
  ritz ??= tridiagonalTopTwo(alpha, beta, k);
  const vectors = ritz.s.map((s) => {
    const v = new Float64Array(m);
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c === 0) continue;
      const offset = i * m;
      for (let j = 0; j < m; j++) v[j]! += c * basis[offset + j]!;
    }
    return v;
  }) as [Float64Array, Float64Array];
  return { vectors, values: ritz.values, steps: k };
}

/** Eigenpairs of the k × k tridiagonal T (α diagonal, β off-diagonal): the two largest, vectors of length k (zero when k = 1). */
function tridiagonalTopTwo(alpha: readonly number[], beta: readonly number[], k: number): { values: [number, number]; s: [number[], number[]] } {
  const t = Matrix.zeros(k, k);
  for (let i = 0; i < k; i++) {
    t.set(i, i, alpha[i]!);
    if (i + 1 < k) {
      t.set(i, i + 1, beta[i]!);
      t.set(i + 1, i, beta[i]!);
    }
  }
  const eig = new EigenvalueDecomposition(t, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((value, index) => ({ value, index })).sort((x, y) => y.value - x.value);
  const vectors = eig.eigenvectorMatrix;
  const pick = (at: number) => (order[at] ? { value: order[at].value, s: vectors.getColumn(order[at].index) } : { value: 0, s: new Array<number>(k).fill(0) });
  const first = pick(0), second = pick(1);
  return { values: [first.value, second.value], s: [first.s, second.s] };
}

/** w ← w − Q Qᵀ w over the first k basis vectors, twice. */
function orthogonalise(w: Float64Array, basis: Float64Array, k: number, m: number, coefficients: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < k; i++) {
      let c = 0;
      const offset = i * m;
      for (let j = 0; j < m; j++) c += w[j]! * basis[offset + j]!;
      coefficients[i] = c;
    }
    for (let i = 0; i < k; i++) {
      const c = coefficients[i]!;
      const offset = i * m;
      for (let j = 0; j < m; j++) w[j]! -= c * basis[offset + j]!;
    }
  }
}

/** A unit vector orthogonal to the first k basis vectors, into w; false if there is none (k = m). */
function freshDirection(w: Float64Array, basis: Float64Array, k: number, m: number, coefficients: Float64Array, random: () => number): boolean {
  for (let attempt = 0; attempt < 3; attempt++) {
    for (let j = 0; j < m; j++) w[j] = random() - 0.5;
    normalise(w);
    orthogonalise(w, basis, k, m, coefficients);
    if (normalise(w) > 1e-6) return true;
  }
  return false;
}

function dotSelf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return s;
}

/** Scales to unit length in place; returns the length it had. */
function normalise(a: Float64Array): number {
  const norm = Math.sqrt(dotSelf(a));
  if (norm > 0) for (let i = 0; i < a.length; i++) a[i] = a[i]! / norm;
  return norm;
}
