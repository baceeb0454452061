/**
 * Which statement a member is shown next (Polis's priority routing): new and divisive statements
 * first, with those most people pass on last.
 *
 * priority = ((1 − p) · (1 + e) · a)², where
 *   p = (passes + 1) / (votes + 2), the smoothed share of passes: a statement people cannot
 *       answer is worth less of everyone's time;
 *   e = the statement's extremity, its distance from the centre in the map's axes divided by the
 *       largest such distance (0..1): statements that place people are worth more;
 *   a = 1 + 8 · 2^(−S/5), S = votes so far: a new statement needs votes before it can place anyone,
 *       so it is boosted up to ninefold, halving every five votes.
 */
export interface RoutableStatement {
  id: string;
  votes: number;
  passes: number;
  /** Loading in the current map's axes, if it was on the map. */
  axis?: { x: number; y: number };
}

export function statementPriority(s: RoutableStatement, maxExtremity: number): number {
  const pass = (s.passes + 1) / (s.votes + 2);
  const extremity = s.axis && maxExtremity > 0 ? Math.hypot(s.axis.x, s.axis.y) / maxExtremity : 0;
  const novelty = 1 + 8 * 2 ** (-s.votes / 5);
  return ((1 - pass) * (1 + extremity) * novelty) ** 2;
}

/** The unvoted statement of highest priority, ties to the older (earlier in the list); null when none is left. */
export function nextStatement(candidates: readonly RoutableStatement[], voted: ReadonlySet<string>, skipped: ReadonlySet<string> = new Set()): string | null {
  const maxExtremity = Math.max(0, ...candidates.map((s) => (s.axis ? Math.hypot(s.axis.x, s.axis.y) : 0)));
  let best: string | null = null;
  let bestPriority = -1;
  for (const s of candidates) {
    if (voted.has(s.id) || skipped.has(s.id)) continue;
    const p = statementPriority(s, maxExtremity);
    if (p > bestPriority) {
      bestPriority = p;
      best = s.id;
    }
  }
  return best;
}
