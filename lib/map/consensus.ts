import type { Consensus } from "./types";
import type { GroupCounts } from "./repness";

/**
 * Group-informed consensus (Polis): for each statement, the product over opinion groups g of the
 * smoothed agreement (a_g + 1)/(n_g + 2). A product is high only when *every* group agrees, so a
 * large group cannot carry a statement alone, and a group that has not voted on it counts as ½.
 * The same product over disagreements finds what every group rejects.
 * Sorted by agreement, highest first.
 */
export function groupInformedConsensus(
  statements: readonly string[],
  groupCount: number,
  counts: (statement: number, group: number) => GroupCounts,
): Consensus[] {
  const result: Consensus[] = statements.map((statement, s) => {
    let agree = 1;
    let disagree = 1;
    for (let g = 0; g < groupCount; g++) {
      const c = counts(s, g);
      agree *= (c.agree + 1) / (c.votes + 2);
      disagree *= (c.disagree + 1) / (c.votes + 2);
    }
    return { statement, agree, disagree };
  });
  return result.sort((a, b) => b.agree - a.agree || a.statement.localeCompare(b.statement));
}
