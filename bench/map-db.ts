/**
 * `npx tsx bench/map-db.ts`: the whole recompute as the job queue runs it (recomputeMap: read the
 * votes from PostgreSQL, compute, store the version and 5,000 points), at 5,000 members ×
 * 1,000 statements with 225,000 votes. Makes its own database on DATABASE_URL's server (else an
 * embedded PostgreSQL) and drops it at the end. Prints each stage, the total and peak memory.
 * bench/map.ts measures the computation alone.
 */
import os from "node:os";
import path from "node:path";
import { rm } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase, startEmbedded } from "../scripts/lib/postgres";

const PARTICIPANTS = 5_000;
const STATEMENTS = 1_000;
const VOTES = 225_000;
const name = `commonplace_bench_map_${process.pid}`;
let adminUrl: string;
let stopServer: (() => Promise<void>) | undefined;
let tmpDir: string | undefined;
if (process.env.DATABASE_URL) {
  assertLocal(process.env.DATABASE_URL);
  adminUrl = process.env.DATABASE_URL;
} else {
  tmpDir = path.join(os.tmpdir(), `commonplace-bench-${process.pid}`);
  const pg = await startEmbedded(tmpDir, { persistent: false, quiet: true });
  adminUrl = pg.adminUrl;
  stopServer = pg.stop;
}
const url = await createDatabase(adminUrl, name);
process.env.DATABASE_URL = url;
const { closeDb, getDb } = await import("@/db");
const { recomputeMap } = await import("@/lib/map/recompute");

try {
  await migrateDatabase(url);
  const db = getDb();
  const [theme] = (await db.execute<{ id: string }>(sql`insert into themes (slug, title) values ('bench-map', 'Bench map') returning id`)).rows;
  await db.execute(sql`insert into users (email, password_hash, display_name, verified_at)
    select 'v' || i || '@bench.test', 'x', 'Voter ' || i, now() from generate_series(1, ${PARTICIPANTS}) i`);
  await db.execute(sql`insert into statements (theme_id, body, created_at)
    select ${theme!.id}, 'Statement ' || i, now() - (i || ' seconds')::interval from generate_series(1, ${STATEMENTS}) i`);
  // 225,000 distinct (member, statement) pairs; four camps that vote their statements' way 75 % of the time.
  await db.execute(sql`
    with u as (select id, row_number() over (order by email) - 1 as n from users),
         s as (select id, row_number() over (order by created_at) - 1 as n from statements),
         pairs as (select distinct on (p, q) p, q from (select (random() * ${PARTICIPANTS - 1})::int p, (random() * ${STATEMENTS - 1})::int q from generate_series(1, ${Math.round(VOTES * 1.03)})) r limit ${VOTES})
    insert into statement_votes (statement_id, user_id, theme_id, value)
    select s.id, u.id, ${theme!.id}, case when random() < 0.75 then (case when ((pairs.p % 4) + pairs.q) % 2 = 0 then 1 else -1 end) when random() < 0.5 then 0 else -1 end
    from pairs join u on u.n = pairs.p join s on s.n = pairs.q`);
  await db.execute(sql`vacuum analyze statement_votes`);
  const [{ n } = { n: 0 }] = (await db.execute<{ n: number }>(sql`select count(*)::int n from statement_votes`)).rows;
  console.log(`${PARTICIPANTS} members × ${STATEMENTS} statements, ${n} votes in PostgreSQL`);
  for (const label of ["first recompute", "second recompute (aligned to the first)"]) {
    const result = await recomputeMap(db, theme!.id);
    console.log(`\n${label}: v${result.version}, ${result.participants} placed, ${result.groups} groups`);
    for (const [stage, ms] of Object.entries(result.timings)) console.log(`  ${stage.padEnd(14)} ${ms.toFixed(1).padStart(8)} ms`);
  }
  console.log(`\npeak resident memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await closeDb();
  await dropDatabase(adminUrl, name);
  if (stopServer) await stopServer();
  if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
}
