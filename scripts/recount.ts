/**
 * `npx tsx scripts/recount.ts <ballots.blt> [lot seed]`: counts a published BLT file with the
 * same Scottish STV module the site uses and prints each stage. The lot seed (shown on the
 * election's page and in the JSON file as election.lotSeed) only matters when a tie is settled
 * by lot. Anyone can compare the result with the published one.
 */
import { readFileSync } from "node:fs";
import { parseBlt } from "@/lib/governance/blt";
import { countStv, formatVotes } from "@/lib/governance/stv";

const [file, seed = ""] = process.argv.slice(2);
if (!file) {
  console.error("Usage: npx tsx scripts/recount.ts <ballots.blt> [lot seed]");
  process.exit(2);
}
const blt = parseBlt(readFileSync(file, "utf8"));
// The site numbers candidates in their names ("1. Name") so that two members who show the same name stay distinct in the lot.
const names = blt.candidates.map((n, i) => `${i + 1}. ${n}`);
const r = countStv({ candidates: names, seats: blt.seats, ballots: blt.ballots, seed, withdrawn: blt.withdrawn });
console.log(`${blt.title}: ${r.valid} valid ballots, ${blt.seats} seat(s), quota ${formatVotes(r.quota)} (${r.method})`);
for (const s of r.stages) {
  const what = s.kind === "first" ? "first preferences" : s.kind === "surplus" ? `surplus of ${names[s.subject!]} at ${formatVotes(s.transferValue!)}` : s.kind === "exclusion" ? `exclude ${names[s.excluded!]}` : "fill remaining seats";
  console.log(`stage ${s.number}: ${what}`);
  console.log(`  ${s.votes.map((v, i) => `${names[i]} ${formatVotes(v)}`).join(" | ")} | non-transferable ${formatVotes(s.nonTransferable)} | lost ${formatVotes(s.lostToFractions)}`);
  if (s.elected.length) console.log(`  elected: ${s.elected.map((c) => names[c]).join(", ")}`);
  for (const t of s.tieBreaks) console.log(`  tie ${t.tied.map((c) => names[c]).join(" / ")} settled ${"stage" in t.by ? `by stage ${t.by.stage}` : "by lot"}: ${names[t.chosen]}`);
}
console.log(`Elected: ${r.elected.map((c) => names[c]).join(", ")}`);
