/**
 * `npx tsx bench/facts.ts`: fact search latency at 100,000 facts. Makes its own database (on
 * DATABASE_URL's server, else an embedded PostgreSQL), migrates it, generates the facts in SQL,
 * runs VACUUM ANALYZE, then 200 varied queries (rotating terms, some misspelt, some filtered) through
 * searchFacts, the function the page and the API route use. Prints p50/p95/p99 and writes
 * bench/results/facts.json. The database is dropped at the end whatever happens.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase, startEmbedded } from "../scripts/lib/postgres";

const FACTS = Number(process.env.BENCH_FACTS ?? 100_000);
const QUERIES = 200;
const GOAL_P95_MS = 20;

const name = `commonplace_bench_facts_${process.pid}`;
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
const { searchFacts } = await import("@/lib/facts/search");
const { VISITOR } = await import("@/lib/auth/permissions");
const { countAllFactWords } = await import("@/lib/facts/words");

const SUBJECTS = [
  "The waiting list for elective care", "A&E attendances seen within four hours", "Full-time equivalent GPs per 100,000 people", "Adult social care vacancies",
  "Healthy life expectancy for women", "Children's mental health referrals", "Average primary class size", "Pupils meeting the expected standard in reading",
  "Teacher vacancies advertised", "Day-to-day school spending per pupil", "Teachers leaving within five years of qualifying", "Pupils eligible for free school meals",
  "Turnout at the general election", "Trust in national government", "Trade union membership among employees", "People not correctly registered to vote",
  "Local authority spending per person", "Territorial greenhouse gas emissions", "Electricity generated from renewable sources", "Households in fuel poverty",
  "The energy price cap for a typical household", "Bus passenger journeys", "Homes insulated through government schemes", "Rough sleepers counted on a single night",
  "Social rented homes completed", "Median private rent", "Children living in relative poverty", "Food bank parcels distributed",
  "Apprenticeship starts", "Further education college funding per student", "Nurses leaving the register", "Ambulance response times for category 2 calls",
  "Cancer patients starting treatment within 62 days", "Prison population", "Police officers per 100,000 people", "Unemployment rate",
  "Real wages compared with 2008", "Child care places per 100 children under five", "Public sector net debt", "Electric vehicles registered",
];
const PLACES = [
  "England", "Scotland", "Wales", "Northern Ireland", "London", "the North East", "the North West", "Yorkshire and the Humber", "the West Midlands", "the East Midlands",
  "the South West", "the South East", "the East of England", "Greater Manchester", "Merseyside", "Tyne and Wear", "Cornwall", "Kent", "Birmingham", "Leeds",
  "Glasgow", "Cardiff", "Belfast", "Bristol", "Sheffield", "Nottingham", "Norfolk", "Cumbria", "Lancashire", "Essex",
];
const VERBS = ["stood at", "rose to", "fell to", "reached", "was", "averaged", "dropped to", "climbed to"];
const UNITS = ["%", "people", "million", "thousand", "£ a year", "days", "pupils", "homes", "£bn", "per 100,000"];
const PUBLISHERS = ["Office for National Statistics", "NHS England", "Department for Education", "The Guardian", "BBC News", "BMJ", "Shelter", "A Substack newsletter", "Institute for Fiscal Studies", "Ofgem"];
const KINDS = ["official_statistics", "official_statistics", "official_statistics", "reputable_press", "reputable_press", "peer_reviewed", "advocacy_group", "blog_social", "other", "official_statistics"];

const arr = (xs: string[]) => sql.raw(`array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]::text[]`);

async function generate() {
  const db = getDb();
  const t = performance.now();
  await db.execute(sql`insert into themes (slug, title, position) values ('education', 'Education', 0), ('health', 'Health', 1), ('strategy', 'Strategy', 2), ('climate-energy', 'Climate and energy', 3)`);
  await db.execute(sql`insert into users (email, password_hash, display_name, verified_at) values ('bench@example.test', 'x', 'Bench', now())`);
  // One statement per row from rotating phrase lists; the multipliers are coprime with the list sizes so combinations vary.
  await db.execute(sql`
    insert into facts (statement, figure_value, figure_unit, as_of, place, status, hardness, source_text, time_sensitive, current_version)
    select
      s[1 + (i * 7) % cardinality(s)] || ' in ' || p[1 + (i * 13) % cardinality(p)] || ' ' || v[1 + (i * 3) % cardinality(v)] || ' ' || (i % 997)::text || ' ' || u[1 + (i * 11) % cardinality(u)] || ' in ' || (2010 + i % 16)::text || '.',
      (i % 997)::numeric, u[1 + (i * 11) % cardinality(u)], make_date(2010 + i % 16, 1 + i % 12, 1 + i % 28), p[1 + (i * 13) % cardinality(p)],
      (case when i % 25 = 0 then 'retracted' when i % 31 = 0 then 'proposed' else 'accepted' end)::fact_status,
      case when i % 25 = 0 then 0 else (i * 37) % 100 end,
      pub[1 + i % cardinality(pub)] || ' release ' || (2010 + i % 16)::text || ' · ' || pub[1 + (i * 7) % cardinality(pub)],
      i % 5 <> 0, 1
    from generate_series(1, ${FACTS}) as g(i),
      (select ${arr(SUBJECTS)} as s, ${arr(PLACES)} as p, ${arr(VERBS)} as v, ${arr(UNITS)} as u, ${arr(PUBLISHERS)} as pub) w`);
  await db.execute(sql`
    insert into fact_themes (fact_id, theme_id)
    select f.id, t.id from (select id, row_number() over () as n from facts) f
    join (select id, row_number() over (order by position) - 1 as k from themes) t on t.k = f.n % 4`);
  await db.execute(sql`
    insert into fact_sources (fact_id, position, url, title, publisher, kind)
    select f.id, 0, 'https://example.org/' || f.n, 'Release ' || f.n, pub[1 + f.n % cardinality(pub)], (k[1 + f.n % cardinality(k)])::source_kind
    from (select id, row_number() over () as n from facts) f, (select ${arr(PUBLISHERS)} as pub, ${arr(KINDS)} as k) w`);
  await db.execute(sql`
    insert into disputes (fact_id, fact_version, reason, status)
    select id, 1, 'Benchmark dispute', 'open' from facts where status = 'accepted' and hardness % 29 = 0`);
  await countAllFactWords(db);
  // VACUUM as autovacuum would on a running site: sets hint bits and the visibility map after the bulk load.
  await db.execute(sql`vacuum analyze`);
  return (performance.now() - t) / 1000;
}

const TERMS = [
  "waiting list", "teacher vacancies", "fuel poverty", "turnout", "renewable electricity", "bus journeys", "class size", "GPs", "social care vacancies",
  "greenhouse gas emissions", "free school meals", "energy price cap", "rough sleepers", "private rent", "child poverty", "apprenticeship", "ambulance",
  "cancer treatment", "prison population", "police officers", "unemployment", "real wages", "electric vehicles", "food bank", "Glasgow", "Cornwall nurses",
  "\"trade union\"", "insulated homes", "mental health", "trust government",
];
const TYPOS = ["wating list", "teachr vacancies", "fule poverty", "turnuot", "renewabel", "insulaton", "apprentiseship", "ambulence", "greenhous emisions", "unemploymnet"];
const THEMES = ["", "", "", "education", "health", "strategy", "climate-energy"];
const KIND_FILTERS = [undefined, undefined, undefined, undefined, "official_statistics", "peer_reviewed", "reputable_press"] as const;
const MINS = [0, 0, 0, 0, 30, 50, 70];

function queryFor(i: number) {
  const typo = i % 5 === 4;
  return {
    q: typo ? TYPOS[i % TYPOS.length]! : TERMS[(i * 7) % TERMS.length]!,
    theme: THEMES[(i * 3) % THEMES.length]!,
    kind: KIND_FILTERS[(i * 5) % KIND_FILTERS.length],
    min: MINS[(i * 11) % MINS.length]!,
    page: i % 10 === 9 ? 2 : 1,
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

let exitCode = 0;
try {
  await migrateDatabase(url);
  console.log(`Generating ${FACTS.toLocaleString("en-GB")} facts in ${name}…`);
  const genSeconds = await generate();
  console.log(`Generated and analysed in ${genSeconds.toFixed(1)} s.`);
  const db = getDb();
  // Warm the pool and the caches a little, as a running site would be.
  for (let i = 0; i < 10; i++) await searchFacts(db, VISITOR, queryFor(i + 1000));
  const timings: { ms: number; q: string; mode: string; hits: number; filtered: boolean }[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const params = queryFor(i);
    const t = performance.now();
    const result = await searchFacts(db, VISITOR, params);
    const ms = performance.now() - t;
    timings.push({ ms, q: params.q, mode: result.mode, hits: result.total, filtered: !!(params.theme || params.kind || params.min) });
  }
  const ms = timings.map((t) => t.ms);
  const typoMs = timings.filter((t) => t.mode !== "words").map((t) => t.ms);
  const summary = {
    facts: FACTS,
    queries: QUERIES,
    p50: +pct(ms, 50).toFixed(2),
    p95: +pct(ms, 95).toFixed(2),
    p99: +pct(ms, 99).toFixed(2),
    max: +Math.max(...ms).toFixed(2),
    typoQueries: typoMs.length,
    typoP95: typoMs.length ? +pct(typoMs, 95).toFixed(2) : null,
    goalP95Ms: GOAL_P95_MS,
    generateSeconds: +genSeconds.toFixed(1),
    postgres: ((await db.execute<{ v: string }>(sql`select version() as v`)).rows[0]?.v ?? "").split(" on ")[0],
    cpus: os.cpus().length,
    at: new Date().toISOString(),
    slowest: [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5).map((t) => ({ ...t, ms: +t.ms.toFixed(2) })),
  };
  console.log(`Fact search over ${FACTS.toLocaleString("en-GB")} facts, ${QUERIES} queries: p50 ${summary.p50} ms, p95 ${summary.p95} ms, p99 ${summary.p99} ms (goal p95 < ${GOAL_P95_MS} ms: ${summary.p95 < GOAL_P95_MS ? "met" : "NOT met"}).`);
  console.log(`Queries answered by similar spelling (typos): ${summary.typoQueries}, p95 ${summary.typoP95} ms. Slowest: ${summary.slowest.map((s) => `${s.q} (${s.ms} ms)`).join(", ")}`);
  await mkdir(path.join(import.meta.dirname, "results"), { recursive: true });
  await writeFile(path.join(import.meta.dirname, "results", "facts.json"), `${JSON.stringify(summary, null, 2)}\n`);
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await closeDb();
  if (process.env.BENCH_KEEP) console.log(`Kept ${url} (BENCH_KEEP).`);
  else await dropDatabase(adminUrl, name);
  await stopServer?.();
  if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
}
process.exit(exitCode);
