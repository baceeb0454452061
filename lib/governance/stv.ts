/**
 * The count of a ranked ballot: Scottish STV for several seats, and the same rules for one seat,
 * where they reduce to instant-runoff (IRV). A pure function of its inputs (candidates, seats,
 * ballots, a committed random seed), so anyone holding the published ballots gets the same table.
 *
 * Why Scottish STV and not Meek: the point of our elections is that *anyone can recount them*.
 * Scottish STV (the Scottish Local Government Elections Order 2007, schedule 1 rules 45-52, the
 * weighted inclusive Gregory method) is defined in law, is countable by hand or in a spreadsheet,
 * truncates every value to five decimal places so two correct programs agree to the last digit,
 * and has hand-worked published examples and a validated reference implementation (eSTV/OpenSTV).
 * Meek treats transfers more fairly (it re-weights ballots past elected candidates iteratively
 * until keep values converge), but its result depends on convergence tolerances and cannot be
 * checked by a member with a pencil. With a few thousand voters and 2-5 seats the two rarely
 * differ; verifiability wins.
 *
 * The rules as implemented (rule numbers of the 2007 Order):
 * - quota (rule 46): floor(valid / (seats + 1)) + 1, Droop;
 * - a candidate whose votes reach the quota is elected (rule 47);
 * - surpluses are transferred before anyone is excluded, the largest first (rule 49); each of the
 *   elected candidate's papers moves to its next continuing preference with the value
 *   surplus × paper value / candidate's total, truncated to 5 decimals (rule 48); what truncation
 *   drops is shown as "lost to fractions";
 * - with no surplus, the candidate with fewest votes is excluded and all their papers move at
 *   their current value in one stage (rules 50, 51);
 * - ties (equal surpluses, equal lowest, the order of candidates elected together) go to the
 *   candidate with more (or, for exclusion, fewer) votes at the *earliest* stage where the tied
 *   candidates differed, and otherwise by lot (rule 49(2), 50(2)); the lot here is a hash of the
 *   committed seed, the stage and the candidate's name, so it is reproducible and was fixed before
 *   anyone could know which tie would arise;
 * - when the continuing candidates are as many as the seats left, they are elected; with one seat
 *   left, a candidate with at least the others' votes plus any untransferred surplus is elected
 *   (rule 52).
 *
 * All vote values are integers in hundred-thousandths (1 vote = 100000), so the arithmetic is exact.
 */
import { createHash } from "node:crypto";

export const VOTE = 100_000;

export interface StvBallot {
  /** Candidate indices, most preferred first. No repeats. */
  readonly prefs: readonly number[];
  /** How many identical ballots this line stands for (BLT weight); 1 by default. */
  readonly count?: number;
}

export interface StvInput {
  /** Candidate names, used for the lot and the table; indices refer to this list. */
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly ballots: readonly StvBallot[];
  /** The committed randomness for ties decided by lot (revealed after the close). */
  readonly seed: string;
  /** Candidates who are not standing in this count (withdrawn, or departed in a recount). */
  readonly withdrawn?: readonly number[];
}

export interface TieBreak {
  /** What the tie was about. */
  readonly about: "surplus" | "exclusion" | "order";
  readonly tied: readonly number[];
  /** How it was settled: by the votes at an earlier stage (its number), or by lot. */
  readonly by: { readonly stage: number } | { readonly lot: readonly string[] };
  readonly chosen: number;
}

export interface StvStage {
  readonly number: number;
  readonly kind: "first" | "surplus" | "exclusion" | "fill";
  /** The candidate whose surplus was transferred, or who was excluded. */
  readonly subject: number | null;
  /** For a surplus: surplus / total, the transfer value of a paper of value one, truncated. */
  readonly transferValue: number | null;
  /** Votes of each candidate after this stage (elected candidates keep the quota after their transfer). */
  readonly votes: readonly number[];
  /** What each candidate gained at this stage. */
  readonly transfers: readonly number[];
  /** Value of papers with no further continuing preference, in all. */
  readonly nonTransferable: number;
  /** Value lost to truncation, in all. */
  readonly lostToFractions: number;
  /** Ballot papers in each candidate's pile after this stage, and the exhausted ones. */
  readonly papers: readonly number[];
  readonly exhaustedPapers: number;
  readonly elected: readonly number[];
  readonly excluded: number | null;
  readonly tieBreaks: readonly TieBreak[];
}

export interface StvResult {
  readonly method: "scottish-stv" | "irv";
  readonly seats: number;
  readonly candidates: readonly string[];
  /** Ballots with at least one preference for a standing candidate. */
  readonly valid: number;
  /** Ballots with no preference for any standing candidate (blank, or only the withdrawn). */
  readonly setAside: number;
  readonly quota: number;
  /** In the order they were elected. */
  readonly elected: readonly number[];
  readonly stages: readonly StvStage[];
}

export class StvInputError extends Error {}

interface Paper {
  /** Index into the grouped ballots. */
  readonly g: number;
  /** Position of the preference this paper currently counts for. */
  readonly pos: number;
  /** Value of one such paper. */
  readonly value: number;
  /** Number of identical papers. */
  readonly n: number;
}

type Status = "continuing" | "elected" | "excluded" | "withdrawn";

/** A reproducible lot: a hash of the seed, the stage and the name; the smallest hash is drawn first. */
export function lotOrder(seed: string, stage: number, names: readonly string[]): string[] {
  return names
    .map((name) => ({ name, h: createHash("sha256").update(`${seed}\n${stage}\n${name}`).digest("hex") }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
    .map((x) => x.name);
}

/** Validates a ballot: candidate indices in range, no repeats. Returns a reason, or null. */
export function ballotProblem(prefs: readonly number[], candidateCount: number): string | null {
  const seen = new Set<number>();
  for (const p of prefs) {
    if (!Number.isInteger(p) || p < 0 || p >= candidateCount) return "A preference names no candidate on this ballot.";
    if (seen.has(p)) return "A candidate is ranked more than once.";
    seen.add(p);
  }
  return null;
}

export function countStv(input: StvInput): StvResult {
  const { candidates, seats, seed } = input;
  const n = candidates.length;
  if (!Number.isInteger(seats) || seats < 1) throw new StvInputError("There must be at least one seat.");
  if (new Set(candidates).size !== n) throw new StvInputError("Candidate names must be distinct.");
  const status: Status[] = candidates.map(() => "continuing");
  for (const w of input.withdrawn ?? []) {
    if (w < 0 || w >= n) throw new StvInputError("A withdrawn candidate is not on the ballot.");
    status[w] = "withdrawn";
  }

  // Identical ballots are one group: the count is the same and it is far faster.
  const groups = new Map<string, { prefs: Int32Array; count: number }>();
  for (const b of input.ballots) {
    const problem = ballotProblem(b.prefs, n);
    if (problem) throw new StvInputError(problem);
    const count = b.count ?? 1;
    if (!Number.isInteger(count) || count < 0) throw new StvInputError("A ballot's weight must be a whole number.");
    const key = b.prefs.join(",");
    const g = groups.get(key);
    if (g) g.count += count;
    else groups.set(key, { prefs: Int32Array.from(b.prefs), count });
  }
  const grouped = [...groups.values()];

  const piles: Paper[][] = candidates.map(() => []);
  const votes = new Array<number>(n).fill(0);
  let exhaustedPapers = 0;
  let nonTransferable = 0;
  let lost = 0;
  let setAside = 0;

  const nextContinuing = (g: number, from: number): number => {
    const prefs = grouped[g]!.prefs;
    for (let i = from; i < prefs.length; i++) if (status[prefs[i]!] === "continuing") return i;
    return -1;
  };

  grouped.forEach((grp, g) => {
    if (grp.count === 0) return;
    const pos = nextContinuing(g, 0);
    if (pos < 0) {
      setAside += grp.count;
      return;
    }
    const c = grp.prefs[pos]!;
    piles[c]!.push({ g, pos, value: VOTE, n: grp.count });
    votes[c]! += VOTE * grp.count;
  });
  const valid = grouped.reduce((s, grp) => s + grp.count, 0) - setAside;
  const quota = Math.floor(valid / (seats + 1)) * VOTE + VOTE;
  const standing = status.filter((s) => s === "continuing").length;
  const toElect = Math.min(seats, standing);

  const stages: StvStage[] = [];
  const history: number[][] = [];
  const elected: number[] = [];
  /** Elected candidates whose surplus has not been transferred yet. */
  const pendingSurplus = new Set<number>();

  /**
   * Settles a tie: prefer (highest=true) the most votes at the earliest stage where the tied
   * differ, or (highest=false) the fewest; then lot. Returns the chosen one.
   */
  const breakTie = (tied: number[], highest: boolean, about: TieBreak["about"], breaks: TieBreak[]): number => {
    if (tied.length === 1) return tied[0]!;
    let pool = tied;
    for (let s = 0; s < history.length && pool.length > 1; s++) {
      const at = history[s]!;
      const best = highest ? Math.max(...pool.map((c) => at[c]!)) : Math.min(...pool.map((c) => at[c]!));
      const narrowed = pool.filter((c) => at[c] === best);
      if (narrowed.length < pool.length) {
        pool = narrowed;
        if (pool.length === 1) {
          breaks.push({ about, tied, by: { stage: s + 1 }, chosen: pool[0]! });
          return pool[0]!;
        }
      }
    }
    const order = lotOrder(seed, stages.length + 1, pool.map((c) => candidates[c]!));
    const chosen = candidates.indexOf(order[0]!);
    breaks.push({ about, tied, by: { lot: order }, chosen });
    return chosen;
  };

  const continuing = () => status.flatMap((s, c) => (s === "continuing" ? [c] : []));

  /** Elects continuing candidates at or over the quota, in order of votes (ties settled). */
  const electReached = (breaks: TieBreak[]): number[] => {
    const reached = continuing().filter((c) => votes[c]! >= quota);
    const order: number[] = [];
    let rest = reached;
    while (rest.length > 0 && elected.length < toElect) {
      const top = Math.max(...rest.map((c) => votes[c]!));
      const c = breakTie(rest.filter((x) => votes[x] === top), true, "order", breaks);
      order.push(c);
      elected.push(c);
      status[c] = "elected";
      if (votes[c]! > quota) pendingSurplus.add(c);
      rest = rest.filter((x) => x !== c);
    }
    return order;
  };

  const record = (kind: StvStage["kind"], subject: number | null, transferValue: number | null, before: number[], newlyElected: number[], excluded: number | null, breaks: TieBreak[]) => {
    const snapshot = [...votes];
    history.push(snapshot);
    stages.push({
      number: stages.length + 1,
      kind,
      subject,
      transferValue,
      votes: snapshot,
      transfers: snapshot.map((v, c) => v - before[c]!),
      nonTransferable,
      lostToFractions: lost,
      papers: piles.map((p) => p.reduce((s, x) => s + x.n, 0)),
      exhaustedPapers,
      elected: newlyElected,
      excluded,
      tieBreaks: breaks,
    });
  };

  /** Moves papers to their next continuing preference at the given value; returns value moved on. */
  const move = (papers: Paper[], valueOf: (p: Paper) => number): number => {
    let moved = 0;
    for (const p of papers) {
      const value = valueOf(p);
      moved += value * p.n;
      const pos = nextContinuing(p.g, p.pos + 1);
      if (pos < 0) {
        exhaustedPapers += p.n;
        nonTransferable += value * p.n;
        continue;
      }
      const c = grouped[p.g]!.prefs[pos]!;
      piles[c]!.push({ g: p.g, pos, value, n: p.n });
      votes[c]! += value * p.n;
    }
    return moved;
  };

  {
    const breaks: TieBreak[] = [];
    const first = electReached(breaks);
    record("first", null, null, new Array<number>(n).fill(0), first, null, breaks);
  }

  while (elected.length < toElect) {
    const breaks: TieBreak[] = [];
    const cont = continuing();
    const left = toElect - elected.length;
    const before = [...votes];
    if (cont.length <= left) {
      // Rule 52(1): as many continuing candidates as seats left.
      const order: number[] = [];
      let rest = cont;
      while (rest.length) {
        const top = Math.max(...rest.map((c) => votes[c]!));
        const c = breakTie(rest.filter((x) => votes[x] === top), true, "order", breaks);
        order.push(c);
        elected.push(c);
        status[c] = "elected";
        rest = rest.filter((x) => x !== c);
      }
      record("fill", null, null, before, order, null, breaks);
      break;
    }
    if (left === 1) {
      // Rule 52(2): one seat left and one candidate cannot be caught.
      const untransferred = [...pendingSurplus].reduce((s, c) => s + votes[c]! - quota, 0);
      const total = cont.reduce((s, c) => s + votes[c]!, 0);
      const top = Math.max(...cont.map((c) => votes[c]!));
      const leaders = cont.filter((c) => votes[c] === top);
      if (leaders.length === 1 && top >= total - top + untransferred) {
        elected.push(leaders[0]!);
        status[leaders[0]!] = "elected";
        record("fill", null, null, before, [leaders[0]!], null, breaks);
        break;
      }
    }
    if (pendingSurplus.size > 0) {
      const surplusOf = (c: number) => votes[c]! - quota;
      const largest = Math.max(...[...pendingSurplus].map(surplusOf));
      const c = breakTie([...pendingSurplus].filter((x) => surplusOf(x) === largest), true, "surplus", breaks);
      pendingSurplus.delete(c);
      const total = votes[c]!;
      const surplus = total - quota;
      const papers = piles[c]!;
      piles[c] = [];
      const moved = move(papers, (p) => Math.floor((surplus * p.value) / total));
      lost += surplus - moved;
      votes[c] = quota;
      const newly = electReached(breaks);
      record("surplus", c, Math.floor((surplus * VOTE) / total), before, newly, null, breaks);
      continue;
    }
    const low = Math.min(...cont.map((c) => votes[c]!));
    const c = breakTie(cont.filter((x) => votes[x] === low), false, "exclusion", breaks);
    status[c] = "excluded";
    const papers = piles[c]!;
    piles[c] = [];
    move(papers, (p) => p.value);
    votes[c] = 0;
    const newly = electReached(breaks);
    record("exclusion", c, null, before, newly, c, breaks);
  }

  return { method: seats === 1 ? "irv" : "scottish-stv", seats, candidates, valid, setAside, quota, elected, stages };
}

/** A vote value as a decimal with five places, as the Scottish count sheets show it. */
export function formatVotes(units: number): string {
  const whole = Math.floor(units / VOTE);
  const frac = units % VOTE;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(5, "0")}`;
}
