/**
 * `npx tsx bench/map-db.ts`: the whole recompute as the job queue runs it (recomputeMap: read the
 * votes from PostgreSQL, compute, store the version and 5,000 points), at 5,000 members ×
 * 1,000 statements with 225,000 votes, against the named baseline "v1" (recomputeMap before
 * 2026-12-01: text-per-vote load and cold block power PCA, bench/baselines/) in the same process
 * on an identical copy of the votes. Rounds: a first map (no previous version), then three
 * recomputes after 5 % more votes, each aligned to the version before. Prints each stage, the
 * total, the ratio baseline / now, peak memory and the load average. Makes its own database on
 * DATABASE_URL's server (else an embedded PostgreSQL) and drops it at the end.
 * bench/map.ts measures the computation alone. Goal (issue 13): < 3 s and < 500 MB.
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
const MORE_VOTES = Math.round(VOTES * 0.05);
const REPEATS = 3;
const GOAL_MS = 3_000;
const GOAL_MB = 500;
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
const { recomputeMapV1 } = await import("./baselines/map-recompute-v1");
type Result = Awaited<ReturnType<typeof recomputeMap>>;

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const mb = () => process.resourceUsage().maxRSS / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function print(label: string, result: Result) {
  console.log(`  ${label}: v${result.version}, ${result.participants} placed, ${result.groups} groups, ${result.pcaSteps} PCA steps`);
  console.log(`    ${Object.entries(result.timings).map(([stage, ms]) => `${stage} ${ms.toFixed(0)}`).join(" · ")} ms`);
}

function compare(label: string, baseline: Result[], now: Result[]) {
  const stages = Object.keys(now[0]!.timings);
  console.log(`\n${label} (median of ${now.length}):`);
  console.log(`    ${"stage".padEnd(14)} ${"v1 ms".padStart(8)} ${"now ms".padStart(8)}  ratio`);
  for (const stage of stages) {
    const b = median(baseline.map((r) => r.timings[stage] ?? 0));
    const n = median(now.map((r) => r.timings[stage] ?? 0));
    console.log(`    ${stage.padEnd(14)} ${b.toFixed(1).padStart(8)} ${n.toFixed(1).padStart(8)}  ${n > 0 ? (b / n).toFixed(1) : "-"}×`);
  }
  return median(now.map((r) => r.timings.total!));
}

try {
  await migrateDatabase(url);
  const db = getDb();
  const themes = (await db.execute<{ id: string; slug: string }>(sql`insert into themes (slug, title) values ('bench-v1', 'Baseline'), ('bench-now', 'Now') returning id, slug`)).rows;
  const [baselineTheme, theme] = [themes.find((t) => t.slug === "bench-v1")!.id, themes.find((t) => t.slug === "bench-now")!.id];
  await db.execute(sql`insert into users (email, password_hash, display_name, verified_at)
    select 'v' || i || '@bench.test', 'x', 'Voter ' || i, now() from generate_series(1, ${PARTICIPANTS}) i`);
  await db.execute(sql`insert into statements (theme_id, body, created_at)
    select t, 'Statement ' || i, now() - (i || ' seconds')::interval from generate_series(1, ${STATEMENTS}) i, unnest(array[${baselineTheme}::uuid, ${theme}::uuid]) t`);
  // 225,000 distinct (member, statement) pairs; four camps that vote their statements' way 75 % of
  // the time. The same pairs and values go into both themes.
  await db.execute(sql`create table bench_votes as
    with pairs as (select distinct on (p, q) p, q from (select (random() * ${PARTICIPANTS - 1})::int p, (random() * ${STATEMENTS - 1})::int q from generate_series(1, ${Math.round(VOTES * 1.03)})) r limit ${VOTES})
    select p, q, (case when random() < 0.75 then (case when ((p % 4) + q) % 2 = 0 then 1 else -1 end) when random() < 0.5 then 0 else -1 end)::smallint v, 1 round from pairs`);
  const copyVotes = (round: number) =>
    db.execute(sql`
      with u as (select id, row_number() over (order by email) - 1 as n from users),
           s as (select id, theme_id, row_number() over (partition by theme_id order by created_at) - 1 as n from statements)
      insert into statement_votes (statement_id, user_id, theme_id, value)
      select s.id, u.id, s.theme_id, b.v from bench_votes b join u on u.n = b.p join s on s.n = b.q where b.round = ${round}`);
  await copyVotes(1);
  // Fresh statistics for every table, as autovacuum would have by then (else the planner guesses 1 statement).
  await db.execute(sql`vacuum analyze`);
  const [{ n } = { n: 0 }] = (await db.execute<{ n: number }>(sql`select count(*)::int n from statement_votes where theme_id = ${theme}`)).rows;
  console.log(`${PARTICIPANTS} members × ${STATEMENTS} statements, ${n} votes per theme in PostgreSQL; load average ${load()}`);

  console.log("\nfirst map (no previous version):");
  const firstNow = await recomputeMap(db, theme);
  print("now", firstNow);
  const peakNow = mb();
  const firstV1 = await recomputeMapV1(db, baselineTheme);
  print("v1 ", firstV1);
  const t1 = compare("first map", [firstV1], [firstNow]);

  await db.execute(sql`insert into bench_votes
    select distinct on (p, q) p, q, (case when random() < 0.75 then (case when ((p % 4) + q) % 2 = 0 then 1 else -1 end) when random() < 0.5 then 0 else -1 end)::smallint, 2
    from (select (random() * ${PARTICIPANTS - 1})::int p, (random() * ${STATEMENTS - 1})::int q from generate_series(1, ${MORE_VOTES * 2})) r
    where not exists (select 1 from bench_votes b where b.p = r.p and b.q = r.q) limit ${MORE_VOTES}`);
  await copyVotes(2);
  await db.execute(sql`vacuum analyze`);
  console.log(`\nafter ${MORE_VOTES} more votes, each aligned to the version before:`);
  const againNow: Result[] = [];
  const againV1: Result[] = [];
  for (let r = 0; r < REPEATS; r++) {
    againNow.push(await recomputeMap(db, theme));
    print("now", againNow.at(-1)!);
    againV1.push(await recomputeMapV1(db, baselineTheme));
    print("v1 ", againV1.at(-1)!);
  }
  const t2 = compare("recompute after 5 % more votes", againV1, againNow);

  console.log(`\npeak resident memory: ${peakNow.toFixed(0)} MB after the first recompute (before the baseline ran), ${mb().toFixed(0)} MB in all`);
  console.log(`load average at the end ${load()} (${os.cpus().length} cores)`);
  const ok = Math.max(t1, t2) < GOAL_MS && peakNow < GOAL_MB;
  console.log(`${ok ? "within goals" : "OVER GOAL"}: ${t1.toFixed(0)} ms and ${t2.toFixed(0)} ms against < ${GOAL_MS} ms`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await closeDb();
  await dropDatabase(adminUrl, name);
  if (stopServer) await stopServer();
  if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
}
