/** A vote as the statistics see it: agree +1, disagree -1, pass 0 (Polis's signs, flipped to read naturally). */
export type VoteValue = 1 | -1 | 0;

export interface MapVote {
  participant: string;
  statement: string;
  value: VoteValue;
}

export type Point = [number, number];

export interface MapGroup {
  /** Stable across recomputes while members mostly stay (see identity.ts). */
  key: string;
  name: string;
  colour: string;
  members: string[];
  centre: Point;
}

export interface StatementStats {
  statement: string;
  /** Per group key: counts among that group's members. */
  perGroup: Record<string, { agree: number; disagree: number; pass: number }>;
  agree: number;
  disagree: number;
  pass: number;
}

export interface Repness {
  statement: string;
  group: string;
  /** Which way the group leans on it, compared with everyone else. */
  direction: "agree" | "disagree";
  /** Share of the group voting that way, Laplace-smoothed. */
  share: number;
  /** Share of everyone else voting that way. */
  restShare: number;
  /** Two-proportion z statistic, group against rest. */
  z: number;
  score: number;
}

export interface Consensus {
  statement: string;
  /** Group-informed consensus: product over groups of (agree + 1) / (votes + 2). */
  agree: number;
  /** The same for disagreement: statements all groups reject. */
  disagree: number;
}

export interface PlacedParticipant {
  participant: string;
  point: Point;
  /** Group key, or null when not clustered (too few votes, or agrees with everything). */
  group: string | null;
  votes: number;
  agreesWithEverything: boolean;
}

export interface MapResult {
  participants: PlacedParticipant[];
  groups: MapGroup[];
  /** Per statement, agree/disagree/pass overall and per group. */
  statements: StatementStats[];
  repness: Repness[];
  consensus: Consensus[];
  /** Statement loadings of the two axes, aligned to the previous map. */
  axes: { statement: string; x: number; y: number }[];
  /** Fine base cluster centres, the warm start of the next recompute. */
  baseCentres: Point[];
  explained: [number, number];
  /** Products of the covariance with a vector the PCA took (its cost). */
  pcaSteps: number;
  silhouette: number | null;
  /** Rotation applied to align with the previous version (identity when there was none). */
  rotation: [[number, number], [number, number]];
  timings: Record<string, number>;
}

/** What a recompute needs from the last published map so that it stays recognisable. */
export interface PreviousMap {
  points: Map<string, Point>;
  groups: MapGroup[];
  /** Previous axis loadings, used to align when too few participants are shared. */
  axes?: { statement: string; x: number; y: number }[];
  baseCentres?: Point[];
}
