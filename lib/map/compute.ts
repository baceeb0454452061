import { baseClusters, groupBaseClusters } from "./clusters";
import { groupInformedConsensus } from "./consensus";
import { nameGroups } from "./identity";
import { projectVotes, type ProjectOptions, type Projection } from "./pca";
import { IDENTITY, procrustesRotation, rotate, type Rotation } from "./procrustes";
import { representativeStatements, type GroupCounts } from "./repness";
import type { MapResult, MapVote, PlacedParticipant, Point, PreviousMap, StatementStats } from "./types";
import { buildVoteMatrix, type VoteMatrix } from "./vote-matrix";

/** Polis places a participant once they have voted on min(7, statements) statements. */
export const MIN_VOTES = 7;
/** Agreeing with at least this share of one's votes, where the conversation is not unanimous, is "agrees with everything". */
export const AGREE_ALL_SHARE = 0.95;
/** ...unless the whole conversation agrees that much: then agreeing is simply the consensus. */
export const CONVERSATION_AGREE_CEILING = 0.75;
/** Procrustes needs a few shared people; with fewer, the statements' loadings align the axes. */
const MIN_SHARED_FOR_POINTS = 3;

export interface ComputeOptions {
  /** Statement ids in display order; votes on any other statement (hidden ones) are ignored. */
  statements?: readonly string[];
  previous?: PreviousMap | null;
  now?: () => number;
  /** The PCA to use; bench/map-db.ts passes its baseline here to compare on the same matrix. */
  project?: (matrix: VoteMatrix, fitRows: Uint8Array, options: ProjectOptions) => Projection;
}

/** The previous map's axes as loadings in this matrix's statement order (new statements 0), or null. */
function warmStartOf(statements: readonly string[], axes: PreviousMap["axes"]): [Float64Array, Float64Array] | null {
  if (!axes || axes.length === 0) return null;
  const index = new Map(statements.map((s, j) => [s, j]));
  const x = new Float64Array(statements.length), y = new Float64Array(statements.length);
  let shared = 0;
  for (const axis of axes) {
    const j = index.get(axis.statement);
    if (j === undefined) continue;
    x[j] = axis.x;
    y[j] = axis.y;
    shared++;
  }
  return shared >= 2 ? [x, y] : null;
}

/**
 * The agreement map of one theme from its votes: vote matrix → PCA (mean-imputed, sparsity
 * scaled) → alignment with the previous map (orthogonal Procrustes) → base clusters → opinion
 * groups (k = 2..5 by silhouette) → named groups → per-group counts → repness and consensus.
 * Pure: the same votes and previous map give the same map. Timings per stage are recorded.
 * The previous map's axes warm-start the PCA (pca.ts), its base centres the base clusters.
 */
export function computeMap(votes: readonly MapVote[] | VoteMatrix, options: ComputeOptions = {}): MapResult {
  const now = options.now ?? (() => performance.now());
  const timings: Record<string, number> = {};
  let mark = now();
  const stage = (name: string) => {
    const t = now();
    timings[name] = t - mark;
    mark = t;
  };

  // recompute.ts loads the matrix straight from PostgreSQL; tests and the bench pass votes.
  const matrix = Array.isArray(votes) ? buildVoteMatrix(votes as readonly MapVote[], options.statements) : (votes as VoteMatrix);
  const n = matrix.participants.length;
  const m = matrix.statements.length;
  const minVotes = Math.min(MIN_VOTES, m);
  let totalAgrees = 0;
  for (let i = 0; i < n; i++) totalAgrees += matrix.rowAgrees[i]!;
  const conversationAgreeShare = matrix.rows.length > 0 ? totalAgrees / matrix.rows.length : 0;
  const placed = new Uint8Array(n);
  const agreesWithEverything = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (matrix.rowCounts[i]! < Math.max(1, minVotes)) continue;
    placed[i] = 1;
    if (conversationAgreeShare < CONVERSATION_AGREE_CEILING && matrix.rowAgrees[i]! / matrix.rowCounts[i]! >= AGREE_ALL_SHARE) agreesWithEverything[i] = 1;
  }
  stage("matrix");

  // Those who agree with everything are placed on the map but fit neither the axes nor the groups:
  // a bloc of them would otherwise pull an axis towards "agrees" and form a group of its own.
  const fit = new Uint8Array(n);
  for (let i = 0; i < n; i++) fit[i] = placed[i] && !agreesWithEverything[i] ? 1 : 0;
  const project = options.project ?? projectVotes;
  const projection = project(matrix, fit, { warmStart: warmStartOf(matrix.statements, options.previous?.axes) });
  stage("pca");

  let rotation: Rotation = IDENTITY;
  const previous = options.previous ?? null;
  if (previous) {
    const current: Point[] = [];
    const before: Point[] = [];
    for (let i = 0; i < n; i++) {
      const p = previous.points.get(matrix.participants[i]!);
      if (fit[i] && p) {
        current.push(projection.points[i]!);
        before.push(p);
      }
    }
    if (current.length >= MIN_SHARED_FOR_POINTS) rotation = procrustesRotation(current, before);
    else if (previous.axes && previous.axes.length > 0) {
      const index = new Map(matrix.statements.map((s, j) => [s, j]));
      const a: Point[] = [];
      const b: Point[] = [];
      for (const axis of previous.axes) {
        const j = index.get(axis.statement);
        if (j === undefined) continue;
        a.push([projection.components[0][j]!, projection.components[1][j]!]);
        b.push([axis.x, axis.y]);
      }
      if (a.length >= 2) rotation = procrustesRotation(a, b);
    }
  }
  const points = projection.points.map((p) => rotate(p, rotation));
  const axes = matrix.statements.map((statement, j) => {
    const [x, y] = rotate([projection.components[0][j]!, projection.components[1][j]!], rotation);
    return { statement, x, y };
  });
  stage("align");

  const fitIndex: number[] = [];
  for (let i = 0; i < n; i++) if (fit[i]) fitIndex.push(i);
  const base = baseClusters(fitIndex.map((i) => points[i]!), previous?.baseCentres);
  stage("baseClusters");

  const grouping = groupBaseClusters(base, previous?.groups.map((g) => g.centre));
  const groupOf = new Int32Array(n).fill(-1);
  if (grouping) fitIndex.forEach((i, at) => (groupOf[i] = grouping.labels[base.labels[at]!]!));
  const rawGroups = grouping
    ? grouping.centres.map((centre, g) => ({ centre, members: fitIndex.filter((i) => groupOf[i] === g).map((i) => matrix.participants[i]!) }))
    : [];
  const groups = nameGroups(rawGroups, previous?.groups ?? []);
  stage("groups");

  const k = groups.length;
  // counts[(s * k + g) * 3 + {0 agree, 1 disagree, 2 pass}]
  const counts = new Int32Array(m * Math.max(1, k) * 3);
  const overall = new Int32Array(m * 3);
  for (let e = 0; e < matrix.rows.length; e++) {
    const value = matrix.values[e];
    const slot = value === 1 ? 0 : value === -1 ? 1 : 2;
    overall[matrix.cols[e]! * 3 + slot]!++;
    const g = groupOf[matrix.rows[e]!];
    if (g! >= 0) counts[(matrix.cols[e]! * k + g!) * 3 + slot]!++;
  }
  const countsOf = (s: number, g: number): GroupCounts => {
    const at = (s * k + g) * 3;
    return { agree: counts[at]!, disagree: counts[at + 1]!, votes: counts[at]! + counts[at + 1]! + counts[at + 2]! };
  };
  const statements: StatementStats[] = matrix.statements.map((statement, s) => {
    const perGroup: StatementStats["perGroup"] = {};
    groups.forEach((group, g) => {
      const at = (s * k + g) * 3;
      perGroup[group.key] = { agree: counts[at]!, disagree: counts[at + 1]!, pass: counts[at + 2]! };
    });
    return { statement, perGroup, agree: overall[s * 3]!, disagree: overall[s * 3 + 1]!, pass: overall[s * 3 + 2]! };
  });
  stage("counts");

  const keys = groups.map((g) => g.key);
  const repness = k >= 2 ? representativeStatements(matrix.statements, keys, countsOf) : [];
  stage("repness");
  const consensus = k >= 1 ? groupInformedConsensus(matrix.statements, k, countsOf) : [];
  stage("consensus");

  const participants: PlacedParticipant[] = [];
  for (let i = 0; i < n; i++) {
    if (!placed[i]) continue;
    participants.push({
      participant: matrix.participants[i]!,
      point: points[i]!,
      group: groupOf[i]! >= 0 ? groups[groupOf[i]!]!.key : null,
      votes: matrix.rowCounts[i]!,
      agreesWithEverything: agreesWithEverything[i] === 1,
    });
  }
  return {
    participants,
    groups,
    statements,
    repness,
    consensus,
    axes,
    baseCentres: base.centres,
    explained: projection.explained,
    pcaSteps: projection.iterations,
    silhouette: grouping?.silhouette ?? null,
    rotation,
    timings,
  };
}
