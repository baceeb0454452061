/**
 * `npm run import -- site.tar` restores a full bundle into DATABASE_URL, which must be empty (a new
 * database; the migrations are applied first). An encrypted bundle needs OPEN_DATA_PASSPHRASE.
 * Nothing is written unless the whole bundle checks out.
 */
import { closeDb, getPool } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { BundleError } from "@/lib/open-data/format";
import { importBundle } from "@/lib/open-data/import";

const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Usage: npm run import -- FILE");
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error("Set DATABASE_URL to the new, empty database to restore into.");
  process.exit(2);
}
try {
  await migrateDatabase(process.env.DATABASE_URL);
  const report = await importBundle(getPool(), file, { passphrase: process.env.OPEN_DATA_PASSPHRASE });
  const records = report.tables.reduce((n, t) => n + t.records, 0);
  console.log(`Imported ${file}: ${report.tables.length} tables, ${records} records, exported ${report.manifest.exported_at}, in ${report.seconds.toFixed(1)} s.`);
} catch (e) {
  console.error(e instanceof BundleError ? `Refused: ${e.message}` : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
