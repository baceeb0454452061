/**
 * `npx tsx scripts/verify-log.ts`: checks the moderation log's hash chain on DATABASE_URL and
 * prints the head (number and hash) so it can be noted and compared later. Exits 1 when broken.
 */
import { closeDb, getDb } from "@/db";
import { verifyAuditChain } from "@/lib/audit/chain";

const report = await verifyAuditChain(getDb(), { maxProblems: 100 });
await closeDb();
console.log(`Moderation log: ${report.entries} entries; head ${report.head ? `#${report.head.seq} ${report.head.hash}` : "missing"}`);
if (report.ok) console.log("The chain is intact: no entry was changed or removed.");
else {
  console.log(`The chain is BROKEN (${report.problems.length} problem${report.problems.length === 1 ? "" : "s"} shown):`);
  for (const p of report.problems) console.log(`  entry ${p.seq ?? "?"} (id ${p.id}): ${p.problem}`);
  process.exitCode = 1;
}
