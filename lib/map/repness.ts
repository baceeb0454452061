import type { Repness } from "./types";

export interface GroupCounts {
  agree: number;
  disagree: number;
  /** Every vote cast, passes included (Polis's "seen"). */
  votes: number;
}

/** 90 % one-sided: Polis's threshold for "significant" in repness. */
export const Z_90 = 1.2816;
export const REPRESENTATIVE_PER_GROUP = 5;

/**
 * One-proportion z test against a coin toss, with the Laplace-smoothed share
 * p = (x + 1) / (n + 2): z = (p − ½) / √(¼ / (n + 2))  =  2√(n + 2)·(p − ½).
 * Is the group's majority on this statement more than chance?
 */
export function proportionZ(x: number, n: number): number {
  const p = (x + 1) / (n + 2);
  return 2 * Math.sqrt(n + 2) * (p - 0.5);
}

/**
 * Two-proportion z test, group (x₁ of n₁) against everyone else (x₂ of n₂), smoothed as above:
 * p₁ = (x₁ + 1)/(n₁ + 2), p₂ = (x₂ + 1)/(n₂ + 2), pooled p = (x₁ + x₂ + 1)/(n₁ + n₂ + 2),
 * z = (p₁ − p₂) / √(p(1 − p)(1/(n₁ + 1) + 1/(n₂ + 1))).
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number {
  const p1 = (x1 + 1) / (n1 + 2);
  const p2 = (x2 + 1) / (n2 + 2);
  const p = (x1 + x2 + 1) / (n1 + n2 + 2);
  const se = Math.sqrt(p * (1 - p) * (1 / (n1 + 1) + 1 / (n2 + 1)));
  return se > 0 ? (p1 - p2) / se : 0;
}

/**
 * Representative statements of each group (Polis's repness): for direction d ∈ {agree, disagree},
 * share p_g = (x_g + 1)/(n_g + 2), rest share p_r likewise over the members of all other groups,
 * representativeness ratio r = p_g / p_r, and the score r · z_rest · p_g · z_g, where z_g is the
 * one-proportion test of the group's share and z_rest the two-proportion test against the rest.
 * A statement represents a group only when both tests pass at 90 % (z > 1.2816); each group keeps
 * its best five, in the direction that scores higher.
 */
export function representativeStatements(
  statements: readonly string[],
  groups: readonly string[],
  counts: (statement: number, group: number) => GroupCounts,
  limit = REPRESENTATIVE_PER_GROUP,
): Repness[] {
  const result: Repness[] = [];
  for (let g = 0; g < groups.length; g++) {
    const candidates: Repness[] = [];
    for (let s = 0; s < statements.length; s++) {
      const own = counts(s, g);
      if (own.votes === 0) continue;
      const rest: GroupCounts = { agree: 0, disagree: 0, votes: 0 };
      for (let h = 0; h < groups.length; h++) {
        if (h === g) continue;
        const c = counts(s, h);
        rest.agree += c.agree;
        rest.disagree += c.disagree;
        rest.votes += c.votes;
      }
      let best: Repness | null = null;
      for (const direction of ["agree", "disagree"] as const) {
        const x = own[direction];
        const xr = rest[direction];
        const share = (x + 1) / (own.votes + 2);
        const restShare = (xr + 1) / (rest.votes + 2);
        const zGroup = proportionZ(x, own.votes);
        const zRest = twoProportionZ(x, own.votes, xr, rest.votes);
        if (zGroup <= Z_90 || zRest <= Z_90) continue;
        const score = (share / restShare) * zRest * share * zGroup;
        if (!best || score > best.score) best = { statement: statements[s]!, group: groups[g]!, direction, share, restShare, z: zRest, score };
      }
      if (best) candidates.push(best);
    }
    candidates.sort((a, b) => b.score - a.score);
    result.push(...candidates.slice(0, limit));
  }
  return result;
}
