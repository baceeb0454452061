/** Prints how long a fair draw takes: 30 seats from 2,000 volunteers with 4 quota categories. */
import { performance } from "node:perf_hooks";
import { announcementHash, checkAnnouncement, commitmentOf, DRAW_FORMAT, runDraw, selectionProbabilities, type DrawAnnouncement } from "@/lib/council/draw";
import { fairPanels } from "@/lib/council/fair-panel";
import { SAMPLE_CATEGORIES, samplePool, sampleQuotas } from "@/lib/council/sample-pool";

const seats = Number(process.argv[2] ?? 30);
const volunteers = Number(process.argv[3] ?? 2000);
const pool = samplePool(volunteers, "bench");
const quotas = sampleQuotas(seats);

const t0 = performance.now();
const fair = await fairPanels({ seats, categories: SAMPLE_CATEGORIES, quotas, pool });
const t1 = performance.now();
if (!fair.ok) {
  console.log("infeasible:", fair.problems);
  process.exit(1);
}
const seed = "bench-seed";
const announcement: DrawAnnouncement = {
  format: DRAW_FORMAT,
  drawId: "bench",
  title: "Bench draw",
  seats,
  reserveSize: seats,
  categories: SAMPLE_CATEGORIES,
  quotas,
  pool,
  algorithm: fair.algorithm,
  distribution: fair.distribution,
  commitment: { kind: "sha256-seed", hash: commitmentOf(seed), note: "bench" },
};
const t2 = performance.now();
const problems = checkAnnouncement(announcement);
const result = runDraw(announcement, seed);
announcementHash(announcement);
const t3 = performance.now();
const probabilities = [...selectionProbabilities(announcement).values()];
console.log(`draw: ${seats} seats from ${volunteers} volunteers, ${SAMPLE_CATEGORIES.length} quota categories (${quotas.length} quotas)`);
console.log(`  volunteer types: ${probabilities.length}; column-generation rounds: ${fair.rounds}; panel shapes in the lottery: ${fair.distribution.compositions.length}`);
console.log(`  fair lottery (HiGHS maximin): ${((t1 - t0) / 1000).toFixed(2)} s`);
console.log(`  check + draw + hash (pure TS): ${((t3 - t2) / 1000).toFixed(2)} s; panel ${result.panel.length}, reserve ${result.reserve.length}, problems ${problems.length}`);
console.log(`  selection probability: min ${(fair.minProbability * 100).toFixed(3)}%, max ${(Math.max(...probabilities) * 100).toFixed(3)}%, equal share ${(fair.equalShare * 100).toFixed(3)}%`);
console.log(`  total ${((t1 - t0 + t3 - t2) / 1000).toFixed(2)} s (goal < 30 s)`);
