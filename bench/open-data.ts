/**
 * `npx tsx bench/open-data.ts`: export and import of the demo plus 100,000 facts (with sources and
 * versions) and a 2,000-comment thread. Makes two databases on DATABASE_URL's server (else in an
 * embedded PostgreSQL), seeds the first, then runs the export and the import each in a child
 * process of its own so each one's peak memory (max RSS) is its own. Prints times, sizes, records
 * per second and peak memory against the goal (< 300 MB), and checks the restored database holds
 * as many rows as the source. Both databases are dropped at the end.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createWriteStream } from "node:fs";
import { sql } from "drizzle-orm";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase, startEmbedded, withDatabase } from "../scripts/lib/postgres";

const FACTS = Number(process.env.BENCH_FACTS ?? 100_000);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 2000);
const GOAL_MB = 300;

const phase = process.argv.find((a) => a.startsWith("--phase="))?.slice(8);

if (phase) {
  // A child: one phase, then report its own peak memory.
  const { getPool, closeDb } = await import("@/db");
  const file = process.argv.find((a) => a.startsWith("--file="))!.slice(7);
  const t = performance.now();
  let records = 0;
  if (phase === "export") {
    const { writeBundle } = await import("@/lib/open-data/export");
    const m = await writeBundle(getPool(), { tier: "full" }, createWriteStream(file));
    records = m.files.reduce((n, f) => n + (f.records ?? 0), 0);
  } else {
    const { importBundle } = await import("@/lib/open-data/import");
    const r = await importBundle(getPool(), file);
    records = r.tables.reduce((n, x) => n + x.records, 0);
  }
  const seconds = (performance.now() - t) / 1000;
  await closeDb();
  console.log(JSON.stringify({ seconds, records, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

let adminUrl: string;
let stopServer: (() => Promise<void>) | undefined;
const tmp = await mkdtemp(path.join(os.tmpdir(), "commonplace-bench-od-"));
if (process.env.DATABASE_URL) {
  assertLocal(process.env.DATABASE_URL);
  adminUrl = withDatabase(process.env.DATABASE_URL, "postgres");
} else {
  const pg = await startEmbedded(path.join(tmp, "pg"), { persistent: false, quiet: true });
  adminUrl = pg.adminUrl;
  stopServer = pg.stop;
}
const names = [`commonplace_bench_od_src_${process.pid}`, `commonplace_bench_od_dst_${process.pid}`];
const [srcUrl, dstUrl] = [await createDatabase(adminUrl, names[0]!), await createDatabase(adminUrl, names[1]!)];
process.env.MEMBERSHIP_HMAC_KEY ??= "bench-membership-key-bench-membership-key";

try {
  await migrateDatabase(srcUrl);
  await migrateDatabase(dstUrl);
  process.env.DATABASE_URL = srcUrl;
  const { getDb, closeDb } = await import("@/db");
  const db = getDb();
  const seedStart = performance.now();
  const { seedDemo } = await import("@/db/seed");
  await seedDemo(db);
  await db.execute(sql`
    with f as (
      insert into facts (statement, figure_value, figure_unit, as_of, place, status, hardness, source_text, current_version)
      select 'Bench statement number ' || i || ' about waiting lists and school funding in region ' || (i % 40), (i % 997)::numeric, '%',
             make_date(2010 + i % 16, 1 + i % 12, 1 + i % 28), 'England', (case when i % 31 = 0 then 'proposed' else 'accepted' end)::fact_status, (i * 37) % 100,
             'Office for National Statistics release ' || (2010 + i % 16), 1
        from generate_series(1, ${FACTS}) g(i)
      returning id, statement)
    , s as (insert into fact_sources (fact_id, url, title, publisher, kind) select id, 'https://example.org/' || id, 'Release', 'Office for National Statistics', 'official_statistics' from f)
    insert into fact_versions (fact_id, number, statement, sources, reason) select id, 1, statement, '[]'::jsonb, 'Proposed' from f`);
  const { generateThread, insertThread } = await import("@/db/demo/discussion");
  const { createTestPaper, createPerson } = await import("@/lib/testing/factories");
  const authors = await Promise.all(Array.from({ length: 20 }, () => createPerson(db).then((p) => p.id)));
  const paper = await createTestPaper(db, { title: `A paper with ${COMMENTS} comments` });
  await insertThread(db, generateThread({ paperId: paper.id, authorIds: authors, count: COMMENTS, maxDepth: 9, topLevelShare: 0.12, seed: 7, start: new Date("2026-01-01") }));
  const { rows } = await db.execute(sql`select (select count(*) from facts)::int as facts, (select count(*) from comments)::int as comments`);
  await closeDb();
  console.log(`Seeded the demo + ${(rows[0] as { facts: number }).facts.toLocaleString("en-GB")} facts and ${(rows[0] as { comments: number }).comments.toLocaleString("en-GB")} comments in ${((performance.now() - seedStart) / 1000).toFixed(1)} s.`);

  const file = path.join(tmp, "site.tar");
  const child = (p: string, url: string) =>
    JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", "bench/open-data.ts", `--phase=${p}`, `--file=${file}`], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" }).trim().split("\n").pop()!,
    ) as { seconds: number; records: number; maxRssMb: number };
  const ex = child("export", srcUrl);
  const size = (await stat(file)).size;
  const im = child("import", dstUrl);
  const line = (label: string, r: typeof ex) =>
    `${label}: ${r.records.toLocaleString("en-GB")} records in ${r.seconds.toFixed(1)} s (${Math.round(r.records / r.seconds).toLocaleString("en-GB")} records/s), peak memory ${r.maxRssMb.toFixed(0)} MB (goal < ${GOAL_MB} MB) — ${r.maxRssMb < GOAL_MB ? "met" : "NOT met"}`;
  console.log(`Bundle: ${(size / 1_048_576).toFixed(1)} MB.`);
  console.log(line("Export", ex));
  console.log(line("Import", im));
  if (ex.records !== im.records) throw new Error(`The import restored ${im.records} records of ${ex.records}.`);
} finally {
  for (const n of names) await dropDatabase(adminUrl, n).catch(() => {});
  await stopServer?.();
  await rm(tmp, { recursive: true, force: true });
}
