/**
 * Re-runs a published council draw from its file and says whether it checks out:
 *   npx tsx scripts/verify-draw.ts draw.json [--fairness]
 * The file is what /governance/council/draws/<id>/draw.json serves. It uses the very module the
 * site and the browser's verify page use (lib/council/draw.ts). --fairness also re-solves the
 * maximin with HiGHS and compares the smallest chance with the published lottery's.
 */
import { readFileSync } from "node:fs";
import { probabilityOf, verifyDraw, type PublishedDraw } from "@/lib/council/draw";

const [file, flag] = process.argv.slice(2);
if (!file) {
  console.error("usage: npx tsx scripts/verify-draw.ts <draw.json> [--fairness]");
  process.exit(2);
}
let published: PublishedDraw;
try {
  published = JSON.parse(readFileSync(file, "utf8")) as PublishedDraw;
} catch (e) {
  console.error(`Could not read ${file}: ${(e as Error).message}`);
  process.exit(2);
}
const a = published.announcement;
console.log(`${a.title}: ${a.seats} seats from ${a.pool.length} volunteers, ${a.quotas.length} quotas, ${a.algorithm.name} v${a.algorithm.version}`);
console.log(`announcement hash ${published.announcementHash}`);
const v = verifyDraw(published);
if (!published.result) console.log("Not drawn yet: the announcement and its lottery were checked.");
else if (v.ok) {
  console.log(`seed ${published.result.seed} matches commitment ${a.commitment.hash}`);
  console.log(`panel   (${v.recomputed!.panel.length}): ${v.recomputed!.panel.join(" ")}`);
  console.log(`reserve (${v.recomputed!.reserve.length}): ${v.recomputed!.reserve.join(" ")}`);
}
const chances = a.pool.map((p) => probabilityOf(a, p.poolId) ?? 0);
if (chances.length) console.log(`chances: smallest ${(Math.min(...chances) * 100).toFixed(3)}%, largest ${(Math.max(...chances) * 100).toFixed(3)}%`);
if (flag === "--fairness" && v.ok) {
  const { fairPanels } = await import("@/lib/council/fair-panel");
  const fair = await fairPanels({ seats: a.seats, categories: a.categories, quotas: a.quotas, pool: a.pool });
  const counted = a.pool.map((p) => probabilityOf(a, p.poolId) ?? 0).filter((x) => x > 0);
  const published_ = counted.length ? Math.min(...counted) : 0;
  if (!fair.ok) v.problems.push(`Re-solving the quotas failed: ${fair.problems.join(" ")}`);
  else if (published_ < fair.minProbability - 1e-4)
    v.problems.push(`The published lottery gives the least likely volunteer ${published_}, but ${fair.minProbability} was possible.`);
  else console.log(`fairness: the maximin is ${(fair.minProbability * 100).toFixed(3)}%, and the published lottery reaches it`);
}
if (v.problems.length) {
  for (const p of v.problems) console.log(`PROBLEM: ${p}`);
  console.log("NOT VERIFIED");
  process.exit(1);
}
console.log("VERIFIED: the published panel and reserve are exactly what the committed seed gives.");
