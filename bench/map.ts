/**
 * `npx tsx bench/map.ts`: one agreement-map recompute at 5,000 participants × 1,000 statements
 * with 225,000 votes (about 45 votes each, as a large Polis conversation has), then a second one
 * after 5 % more votes, aligned to the first. Prints the time of each stage of computeMap and the
 * process's peak resident memory. Goal: under 3 s and under 500 MB.
 */
import { computeMap } from "@/lib/map/compute";
import { seededRandom } from "@/lib/map/random";
import type { MapVote, VoteValue } from "@/lib/map/types";

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 5_000);
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 1_000);
const VOTES = Number(process.env.BENCH_VOTES ?? 225_000);
const GROUPS = 4;
const GOAL_MS = 3_000;
const GOAL_MB = 500;

/** Planted groups as in the recovery test, but each participant votes on a random sample of statements. */
function votes(count: number, seed: number, taken = new Set<number>()): MapVote[] {
  const random = seededRandom(seed);
  const opinion = Array.from({ length: GROUPS }, () => Array.from({ length: STATEMENTS }, () => (random() < 0.5 ? 1 : -1)));
  const out: MapVote[] = [];
  while (out.length < count) {
    const p = Math.floor(random() * PARTICIPANTS);
    const s = Math.floor(random() * STATEMENTS);
    const key = p * STATEMENTS + s;
    if (taken.has(key)) continue;
    taken.add(key);
    const r = random();
    const o = opinion[p % GROUPS]![s];
    const value = (r < 0.75 ? o : r < 0.87 ? 0 : -o!) as VoteValue;
    out.push({ participant: `p${p}`, statement: `s${s}`, value });
  }
  return out;
}

function report(label: string, timings: Record<string, number>) {
  const total = Object.values(timings).reduce((s, t) => s + t, 0);
  console.log(`\n${label}: ${total.toFixed(0)} ms in all (goal < ${GOAL_MS} ms)`);
  for (const [stage, ms] of Object.entries(timings)) console.log(`  ${stage.padEnd(14)} ${ms.toFixed(1).padStart(8)} ms`);
  return total;
}

const taken = new Set<number>();
const first = votes(VOTES, 1, taken);
const statements = Array.from({ length: STATEMENTS }, (_, j) => `s${j}`);
console.log(`${PARTICIPANTS} participants × ${STATEMENTS} statements, ${first.length} votes`);

let started = performance.now();
const map = computeMap(first, { statements });
const wall1 = performance.now() - started;
const t1 = report("first map", map.timings);
console.log(`  groups ${map.groups.length} (silhouette ${map.silhouette?.toFixed(3)}), placed ${map.participants.length}, wall ${wall1.toFixed(0)} ms`);

const more = [...first, ...votes(Math.round(VOTES * 0.05), 2, taken)];
started = performance.now();
const again = computeMap(more, {
  statements,
  previous: { points: new Map(map.participants.map((p) => [p.participant, p.point])), groups: map.groups, axes: map.axes, baseCentres: map.baseCentres },
});
const wall2 = performance.now() - started;
const t2 = report("after 5 % more votes, aligned", again.timings);
console.log(`  groups ${again.groups.length}, names kept ${again.groups.filter((g) => map.groups.some((o) => o.key === g.key)).length}, wall ${wall2.toFixed(0)} ms`);

const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`\npeak resident memory ${peakMb.toFixed(0)} MB (goal < ${GOAL_MB} MB)`);
const ok = Math.max(t1, t2) < GOAL_MS && peakMb < GOAL_MB;
console.log(ok ? "within goals" : "OVER GOAL");
process.exitCode = ok ? 0 : 1;
