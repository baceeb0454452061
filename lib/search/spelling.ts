/**
 * Choosing the correction of a misspelt word among candidates that PostgreSQL's trigram index
 * found (pg_trgm `%`). Trigram similarity alone ties or prefers a shorter word: "waitng" shares as
 * many trigrams with "wait" as with "waiting". The choice is, in order:
 *   1. the fewest edits (optimal string alignment distance: insert, delete, substitute, or swap
 *      two neighbouring letters, each costing 1), since a typo is usually one slip of a finger;
 *   2. the most frequent word of the vocabulary (for facts: how many facts use it), as a
 *      spelling corrector by word frequency does (Norvig, "How to write a spelling corrector"):
 *      of the words one slip away, the one people write most is the likeliest meant;
 *   3. the higher trigram similarity, then alphabetical order, so the answer is stable.
 */
export interface Candidate {
  word: string;
  similarity: number;
  /** How often the vocabulary uses it (documents containing it), if known. */
  frequency?: number;
}

/** Optimal string alignment distance (restricted Damerau–Levenshtein). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const row = new Array<number>(n + 1).fill(0);
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, prev2[j - 2]! + 1);
      row[j] = best;
    }
    prev2 = prev;
    prev = row;
  }
  return prev[n]!;
}

export function pickCorrection(token: string, candidates: readonly Candidate[]): string | null {
  if (candidates.length === 0) return null;
  const ranked = candidates
    .map((c) => ({ ...c, distance: editDistance(token, c.word) }))
    .sort((x, y) => x.distance - y.distance || (y.frequency ?? 0) - (x.frequency ?? 0) || y.similarity - x.similarity || x.word.localeCompare(y.word));
  return ranked[0]!.word;
}
