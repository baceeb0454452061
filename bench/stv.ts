/**
 * `npx tsx bench/stv.ts`: the STV count (lib/governance/stv.ts) on 10,000 ballots ranking up to
 * 20 candidates for 5 seats, goal under 2 s. Ballots are drawn from a seeded generator with
 * skewed popularity (so there are surpluses to transfer) and ranking lengths of 1 to 20; almost
 * every ranking is distinct, which is the slow case. Prints the median and worst of 5 runs.
 */
import { countStv, type StvBallot } from "@/lib/governance/stv";

const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 10_000);
const CANDIDATES = 20;
const SEATS = 5;
const GOAL_MS = 2000;

/** mulberry32: a small seeded generator so every run counts the same ballots. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(2026);
const weight = Array.from({ length: CANDIDATES }, (_, i) => 1 / (i + 1));
const ballots: StvBallot[] = [];
for (let b = 0; b < BALLOTS; b++) {
  const left = Array.from({ length: CANDIDATES }, (_, i) => i);
  const length = 1 + Math.floor(random() * CANDIDATES);
  const prefs: number[] = [];
  while (prefs.length < length) {
    const total = left.reduce((s, c) => s + weight[c]!, 0);
    let x = random() * total;
    let k = 0;
    while (k < left.length - 1 && (x -= weight[left[k]!]!) > 0) k++;
    prefs.push(left.splice(k, 1)[0]!);
  }
  ballots.push({ prefs });
}
const candidates = Array.from({ length: CANDIDATES }, (_, i) => `Candidate ${i + 1}`);
const distinct = new Set(ballots.map((b) => b.prefs.join(","))).size;

const times: number[] = [];
let result: ReturnType<typeof countStv> | undefined;
for (let run = 0; run < 5; run++) {
  const t0 = performance.now();
  result = countStv({ candidates, seats: SEATS, ballots, seed: "bench" });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[2]!;
const worst = times[4]!;
console.log(`STV count (Scottish STV): ${BALLOTS} ballots (${distinct} distinct rankings) × ${CANDIDATES} candidates, ${SEATS} seats`);
console.log(`  stages: ${result!.stages.length}, elected: ${result!.elected.map((c) => candidates[c]).join(", ")}`);
console.log(`  median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms of 5 runs (goal < ${GOAL_MS} ms): ${worst < GOAL_MS ? "met" : "NOT MET"}`);
if (worst >= GOAL_MS) process.exitCode = 1;
