/**
 * `npm run export -- --tier=full --out=site.tar` writes an open-data bundle of DATABASE_URL.
 *   --tier=public|member|full   (default full)
 *   --member=<id or e-mail>     whose data, for --tier=member
 *   --include-secrets           full tier: add password hashes; needs OPEN_DATA_PASSPHRASE (12+ characters), and encrypts
 * A full export is recorded in the public log. The format: docs/open-data.md.
 */
import { createWriteStream } from "node:fs";
import { rename } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { closeDb, getDb, getPool } from "@/db";
import { users } from "@/db/schema";
import { exportFullBundle } from "@/lib/open-data/commands";
import { writeBundle } from "@/lib/open-data/export";
import { BundleError, TIERS, type Tier } from "@/lib/open-data/format";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const tier = (arg("tier") ?? "full") as Tier;
const out = arg("out");
if (!TIERS.includes(tier) || !out) {
  console.error("Usage: npm run export -- --tier=public|member|full --out=FILE [--member=ID|EMAIL] [--include-secrets]");
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error("Set DATABASE_URL to the database to export.");
  process.exit(2);
}
const includeSecrets = process.argv.includes("--include-secrets");
const started = performance.now();
// Written beside the target and renamed at the end, so a failed export never leaves a half file under the name asked for.
const partial = `${out}.partial`;
try {
  const stream = createWriteStream(partial);
  let memberId: string | undefined;
  if (tier === "member") {
    const who = arg("member") ?? "";
    const [row] = await getDb().select({ id: users.id }).from(users).where(who.includes("@") ? eq(users.email, who.toLowerCase()) : eq(users.id, who)).limit(1);
    if (!row) throw new BundleError(`No member ${who}.`);
    memberId = row.id;
  }
  const manifest =
    tier === "full"
      ? await exportFullBundle(getDb(), "command-line", { includeSecrets, passphrase: process.env.OPEN_DATA_PASSPHRASE }, stream)
      : await writeBundle(getPool(), { tier, memberId }, stream);
  await rename(partial, out);
  const records = manifest.files.reduce((n, f) => n + (f.records ?? 0), 0);
  console.log(`Wrote ${out}: ${tier} bundle, format ${manifest.format_version}, ${manifest.files.filter((f) => f.table).length} tables, ${records} records, in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} catch (e) {
  console.error(e instanceof BundleError ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
