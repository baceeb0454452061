/**
 * Writes docs/open-data.md from the definitions the bundle writer uses (lib/open-data/) and the
 * column types of a freshly migrated database (made on DATABASE_URL's server and dropped).
 *   npx tsx scripts/open-data-docs.ts
 */
import { writeFile } from "node:fs/promises";
import { readCatalog } from "@/lib/open-data/catalog";
import { renderFormatDoc } from "@/lib/open-data/docs";
import { exportedTables } from "@/lib/open-data/export";
import { scratchDatabase } from "@/lib/open-data/testing";

const s = await scratchDatabase(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
try {
  const client = await s.pool.connect();
  try {
    await writeFile("docs/open-data.md", renderFormatDoc(await readCatalog(client, exportedTables("full").map(([n]) => n))));
  } finally {
    client.release();
  }
  console.log("Wrote docs/open-data.md.");
} finally {
  await s.drop();
}
