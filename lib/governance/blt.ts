/**
 * The BLT ballot file (David Hill's format, read by OpenSTV, eSTV, Droop and most STV counters):
 *   <candidates> <seats>
 *   [-w1 -w2 ...]            withdrawn candidates, 1-based, negative (optional line)
 *   <weight> <c1> <c2> ... 0  one line per ballot (or identical ballots with their weight)
 *   0
 *   "Candidate one"           one line per candidate, in number order
 *   "Title"
 * We publish one line per distinct ranking, sorted by ranking, so the file says nothing about
 * the order in which ballots were cast.
 */
import type { StvBallot } from "./stv";

export interface BltElection {
  title: string;
  seats: number;
  candidates: readonly string[];
  ballots: readonly StvBallot[];
  withdrawn?: readonly number[];
}

const quote = (s: string) => `"${s.replace(/["\\\r\n]/g, " ")}"`;

/** Distinct rankings with their weights, sorted by ranking (lexicographic on candidate numbers). */
export function groupBallots(ballots: readonly StvBallot[]): { prefs: number[]; count: number }[] {
  const map = new Map<string, { prefs: number[]; count: number }>();
  for (const b of ballots) {
    const key = b.prefs.join(" ");
    const g = map.get(key);
    if (g) g.count += b.count ?? 1;
    else map.set(key, { prefs: [...b.prefs], count: b.count ?? 1 });
  }
  return [...map.values()].sort((a, b) => compareRankings(a.prefs, b.prefs));
}

export function compareRankings(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function toBlt(e: BltElection): string {
  const lines = [`${e.candidates.length} ${e.seats}`];
  if (e.withdrawn?.length) lines.push(e.withdrawn.map((w) => `-${w + 1}`).join(" "));
  for (const g of groupBallots(e.ballots)) {
    if (g.prefs.length === 0) continue; // a blank ballot is counted in the reconciling line, not the file
    lines.push(`${g.count} ${g.prefs.map((p) => p + 1).join(" ")} 0`);
  }
  lines.push("0");
  for (const c of e.candidates) lines.push(quote(c));
  lines.push(quote(e.title));
  return `${lines.join("\n")}\n`;
}

export class BltError extends Error {}

export function parseBlt(text: string): BltElection {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  let i = 0;
  const header = lines[i++]?.split(/\s+/).map(Number);
  if (!header || header.length !== 2 || header.some((x) => !Number.isInteger(x) || x < 1)) throw new BltError("The first line must give the number of candidates and of seats.");
  const [count, seats] = header as [number, number];
  let withdrawn: number[] = [];
  if (lines[i]?.startsWith("-")) withdrawn = lines[i++]!.split(/\s+/).map((x) => -Number(x) - 1);
  const ballots: StvBallot[] = [];
  for (;;) {
    const line = lines[i++];
    if (line === undefined) throw new BltError("The ballots must end with a line holding 0.");
    if (line === "0") break;
    const nums = line.split(/\s+/).map(Number);
    if (nums.some((x) => !Number.isInteger(x) || x < 0) || nums.at(-1) !== 0) throw new BltError(`Ballot line ${i} is not "<weight> <candidates…> 0".`);
    const prefs = nums.slice(1, -1).map((x) => x - 1);
    if (prefs.some((p) => p < 0 || p >= count)) throw new BltError(`Ballot line ${i} names a candidate that does not exist.`);
    ballots.push({ count: nums[0]!, prefs });
  }
  const names = lines.slice(i, i + count + 1).map((l) => l.replace(/^"|"$/g, ""));
  if (names.length !== count + 1) throw new BltError("The file must end with each candidate's name and the title.");
  return { title: names[count]!, seats, candidates: names.slice(0, count), ballots, withdrawn };
}
