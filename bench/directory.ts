/**
 * `npx tsx bench/directory.ts`: the members' directory at 100,000 members. Makes its own database
 * (on DATABASE_URL's server, else an embedded PostgreSQL), migrates it, generates members with
 * mixed per-field visibility, skills, regions, languages, hours and a month of help invitations in
 * SQL, runs VACUUM ANALYZE, then measures, through the functions the pages call:
 *
 *   1. directory search with combined filters (searchDirectory, 2-3 filters per query, rotating,
 *      for a member, a curator and a visitor): goal p95 < 50 ms;
 *   2. the top 20 matches for a help request (matchMembers, 1-3 skills, region or remote): goal
 *      p95 < 100 ms.
 *
 * Prints p50/p95/p99, the load average before and after, and the plan of the slowest query of each
 * kind (BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of one query of each kind). Writes
 * bench/results/directory.json. The database is dropped at the end whatever happens.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase, startEmbedded } from "../scripts/lib/postgres";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const INVITATIONS = Math.round(MEMBERS * 0.3);
const GOAL_SEARCH_P95_MS = 50;
const GOAL_MATCH_P95_MS = 100;

const name = `commonplace_bench_directory_${process.pid}`;
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

const { closeDb, getDb, getPool } = await import("@/db");
const { searchDirectory } = await import("@/lib/directory/queries");
const { matchMembers } = await import("@/lib/help/queries");
const { loadActor } = await import("@/lib/auth/actor");
const { VISITOR } = await import("@/lib/auth/permissions");
const { DEFAULT_SKILLS, LANGUAGES, REGIONS } = await import("@/lib/directory/reference");
type Actor = import("@/lib/auth/permissions").Actor;
type DirectoryFilter = import("@/lib/directory/validation").DirectoryFilter;
type Needs = import("@/lib/help/ranking").Needs;

const SKILLS = DEFAULT_SKILLS.map((s) => s.slug);
const TAGS = ["sign language", "video editing", "first aid", "minibus driver", "survey design", "podcasting", "spreadsheets", "leaflet design", "carpentry", "childcare", "cooking", "tenancy advice"];
const lit = (xs: readonly string[]) => sql.raw(`array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]::text[]`);
/** Visibility by a hash of the row and field: 30 % only me, 10 % council and curators, 40 % members, 20 % public. */
const vis = (salt: number) => sql.raw(`(case when ((i * ${salt}) % 10) < 3 then 'only_me' when ((i * ${salt}) % 10) < 4 then 'council_curators' when ((i * ${salt}) % 10) < 8 then 'members' else 'public' end)::directory_visibility`);

async function generate() {
  const db = getDb();
  const t = performance.now();
  await db.execute(sql`insert into themes (slug, title, position) values ('education', 'Education', 0), ('health', 'Health', 1), ('strategy', 'Strategy', 2), ('climate-energy', 'Climate and energy', 3)`);
  await db.execute(sql`insert into skills (slug, label, position) select s.slug, s.label, s.n from jsonb_to_recordset(${JSON.stringify(DEFAULT_SKILLS.map((s, n) => ({ ...s, n })))}::jsonb) as s(slug text, label text, n int)`);
  // Members: 95 % verified, 1 % suspended, 10 % under a pseudonym.
  await db.execute(sql`
    insert into users (email, password_hash, display_name, pseudonym, use_pseudonym, verified_at, suspended_at)
    select 'member' || i || '@bench.test', 'x', 'Member ' || lpad(((i * 7919) % ${MEMBERS})::text, 6, '0'), case when i % 10 = 0 then 'Kite ' || i end, i % 10 = 0,
      case when i % 20 <> 0 then now() end, case when i % 100 = 7 then now() end
    from generate_series(1, ${MEMBERS}) as g(i)`);
  await db.execute(sql`
    insert into directory_profiles (user_id, listed, name_visibility, skills, skills_visibility, tags, tags_text, tags_visibility, interests, interests_visibility,
      hours_per_month, hours_visibility, region, region_visibility, languages, languages_visibility, contact_preference, contact_visibility, bio, bio_visibility)
    select u.id, i % 20 <> 3, ${vis(7)},
      array(select distinct sk[1 + ((i * k * 31 + k * 7) % cardinality(sk))] from generate_series(1, 1 + i % 4) k), ${vis(11)},
      case when i % 3 = 0 then array[tg[1 + i % cardinality(tg)]] else '{}' end, case when i % 3 = 0 then tg[1 + i % cardinality(tg)] else '' end, ${vis(13)},
      array(select t.id from themes t where (t.position + i) % 3 = 0), ${vis(17)},
      case when i % 9 = 0 then null else (i * 13) % 41 end, ${vis(19)},
      case when i % 11 = 0 then null else rg[1 + (i * 5) % cardinality(rg)] end, ${vis(23)},
      array(select distinct lg[1 + ((i * k * 17) % 4) * (case when k = 1 then 0 else 1 end) + (case when k = 1 then 0 else (i % (cardinality(lg) - 1)) end)] from generate_series(1, 1 + i % 2) k), ${vis(29)},
      'Evenings', ${vis(31)}, 'A member of the bench.', ${vis(37)}
    from (select id, row_number() over (order by email) as i from users) u,
      (select ${lit(SKILLS)} as sk, ${lit(TAGS)} as tg, ${lit(REGIONS)} as rg, ${lit(LANGUAGES)} as lg) w`);
  // A month of help: 1,000 requests and invitations to 3 in 10 members (30,000 at 100,000), a fifth said yes.
  await db.execute(sql`
    insert into help_requests (requester_id, title, description, skills, hours_needed, region, remote, deadline)
    select (select id from users order by email offset (i * 97) % ${MEMBERS} limit 1), 'Request ' || i, 'Bench request.', array[(${lit(SKILLS)})[1 + i % ${SKILLS.length}]], 1 + i % 10, null, true, current_date + 30
    from generate_series(1, 1000) as g(i)`);
  await db.execute(sql`
    insert into help_invitations (request_id, invitee_id, status, hours_committed, answered_at, created_at)
    select r.id, u.id, case when n % 5 = 0 then 'yes'::help_invitation_status else 'pending'::help_invitation_status end, case when n % 5 = 0 then 3 else 0 end,
      case when n % 5 = 0 then now() - interval '1 day' end, now() - ((n % 28) || ' days')::interval
    from (select n, (n * 7) % 1000 as r, (n::bigint * 104729) % ${MEMBERS} as u from generate_series(1, ${INVITATIONS}) n) x
    join (select id, row_number() over (order by created_at, id) - 1 as k from help_requests) r on r.k = x.r
    join (select id, row_number() over (order by email) - 1 as k from users) u on u.k = x.u
    on conflict do nothing`);
  await db.execute(sql`vacuum analyze`);
  return (performance.now() - t) / 1000;
}

const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;

/** 2 or 3 filters, rotating across every kind the form offers (skill, words, region, theme, language, hours). */
function filterFor(i: number, themeIds: string[]): DirectoryFilter {
  const kinds: (keyof DirectoryFilter)[][] = [
    ["skill", "region"],
    ["skill", "language"],
    ["region", "minHours"],
    ["skill", "theme", "region"],
    ["theme", "language", "minHours"],
    ["skill", "region", "minHours"],
    ["q", "region"],
    ["skill", "language", "minHours"],
  ];
  const f: DirectoryFilter = {};
  for (const k of pick(kinds, i)) {
    if (k === "skill") f.skill = pick(SKILLS, i * 7 + 3);
    if (k === "region") f.region = pick(REGIONS, i * 5 + 1);
    if (k === "language") f.language = pick(["English", "Welsh", "Polish", "Urdu", "Arabic"], i * 3);
    if (k === "theme") f.theme = pick(themeIds, i);
    if (k === "minHours") f.minHours = pick([5, 10, 20, 30], i);
    if (k === "q") f.q = pick(["sign", "video", "first aid", "design", "advice"], i);
  }
  return f;
}

function needsFor(i: number): Needs {
  const n = 1 + (i % 3);
  const skills = [...new Set(Array.from({ length: n }, (_, k) => pick(SKILLS, i * 5 + k * 3)))];
  const remote = i % 4 === 0;
  return { skills, hoursNeeded: 2 + (i % 10), region: remote ? null : pick(REGIONS, i * 7), remote };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const summarise = (ms: number[]) => ({ p50: +pct(ms, 50).toFixed(2), p95: +pct(ms, 95).toFixed(2), p99: +pct(ms, 99).toFixed(2), max: +Math.max(...ms).toFixed(2) });
const load = () => os.loadavg().map((l) => +l.toFixed(2));

/** The last statement sent, captured at the pool, so the slowest query of each kind can be shown with EXPLAIN ANALYZE. */
let captured: { text: string; values: unknown[] }[] = [];
function capture() {
  const pool = getPool() as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query.bind(pool);
  pool.query = (...args: unknown[]) => {
    const [q, v] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    captured.push(typeof q === "string" ? { text: q, values: v ?? [] } : { text: q.text, values: q.values ?? v ?? [] });
    return original(...args);
  };
  return async (run: () => Promise<unknown>) => {
    captured = [];
    await run();
    const plans: string[] = [];
    for (const q of captured) {
      const res = (await original(`explain (analyze, buffers, costs off) ${q.text}`, q.values)) as { rows: { "QUERY PLAN": string }[] };
      plans.push(res.rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
    return plans.join("\n--- next statement ---\n");
  };
}

let exitCode = 0;
try {
  await migrateDatabase(url);
  console.log(`Generating ${MEMBERS.toLocaleString("en-GB")} members in ${name}…`);
  const genSeconds = await generate();
  const db = getDb();
  const counts = (await db.execute<{ listed: number; invitations: number }>(sql`select (select count(*) from directory_profiles where listed)::int as listed, (select count(*) from help_invitations)::int as invitations`)).rows[0]!;
  console.log(`Generated and analysed in ${genSeconds.toFixed(1)} s: ${counts.listed.toLocaleString("en-GB")} listed profiles, ${counts.invitations.toLocaleString("en-GB")} invitations.`);
  const themeIds = (await db.execute<{ id: string }>(sql`select id from themes order by position`)).rows.map((r) => r.id);
  const ids = (await db.execute<{ id: string }>(sql`select id from users where verified_at is not null and suspended_at is null order by email limit 3`)).rows.map((r) => r.id);
  await db.execute(sql`insert into role_grants (user_id, role, theme_id) values (${ids[1]}::uuid, 'curator', ${themeIds[0]}::uuid)`);
  const viewers: { label: string; actor: Actor }[] = [
    { label: "member", actor: await loadActor(db, ids[0]) },
    { label: "curator", actor: await loadActor(db, ids[1]) },
    { label: "visitor", actor: VISITOR },
  ];
  const loadBefore = load();

  // Warm the pool and caches, as a running site would be.
  for (let i = 0; i < 10; i++) {
    await searchDirectory(db, viewers[0]!.actor, filterFor(i + 500, themeIds));
    await matchMembers(db, viewers[0]!.actor, needsFor(i + 500), { limit: 20 });
  }

  const search: { ms: number; filter: DirectoryFilter; viewer: string; total: number }[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const viewer = pick(viewers, i);
    const filter = filterFor(i, themeIds);
    const page = i % 10 === 9 ? 2 : 1;
    const t = performance.now();
    const result = await searchDirectory(db, viewer.actor, filter, page);
    search.push({ ms: performance.now() - t, filter, viewer: viewer.label, total: result.total });
  }
  const match: { ms: number; needs: Needs; viewer: string; top: number }[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const viewer = pick(viewers.slice(0, 2), i);
    const needs = needsFor(i);
    const t = performance.now();
    const rows = await matchMembers(db, viewer.actor, needs, { limit: 20, excludeId: viewer.actor.id });
    match.push({ ms: performance.now() - t, needs, viewer: viewer.label, top: rows.length });
  }
  const loadAfter = load();
  if (process.env.BENCH_EXPLAIN) {
    const explain = capture();
    const slowSearch = [...search].sort((a, b) => b.ms - a.ms)[0]!;
    const slowMatch = [...match].sort((a, b) => b.ms - a.ms)[0]!;
    const actor = (label: string) => viewers.find((v) => v.label === label)!.actor;
    console.log(`Plan of the slowest search (${JSON.stringify(slowSearch.filter)}, ${slowSearch.viewer}):\n${await explain(() => searchDirectory(db, actor(slowSearch.viewer), slowSearch.filter))}`);
    console.log(`Plan of the slowest match (${JSON.stringify(slowMatch.needs)}, ${slowMatch.viewer}):\n${await explain(() => matchMembers(db, actor(slowMatch.viewer), slowMatch.needs, { limit: 20, excludeId: actor(slowMatch.viewer).id }))}`);
  }
  const s = summarise(search.map((x) => x.ms));
  const m = summarise(match.map((x) => x.ms));
  const summary = {
    members: MEMBERS,
    queries: QUERIES,
    search: { ...s, goalP95Ms: GOAL_SEARCH_P95_MS, met: s.p95 < GOAL_SEARCH_P95_MS, medianResults: pct(search.map((x) => x.total), 50), slowest: [...search].sort((a, b) => b.ms - a.ms).slice(0, 3).map((x) => ({ ...x, ms: +x.ms.toFixed(2) })) },
    match: { ...m, goalP95Ms: GOAL_MATCH_P95_MS, met: m.p95 < GOAL_MATCH_P95_MS, slowest: [...match].sort((a, b) => b.ms - a.ms).slice(0, 3).map((x) => ({ ...x, ms: +x.ms.toFixed(2) })) },
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAfter,
    generateSeconds: +genSeconds.toFixed(1),
    postgres: ((await db.execute<{ v: string }>(sql`select version() as v`)).rows[0]?.v ?? "").split(" on ")[0],
    cpus: os.cpus().length,
    at: new Date().toISOString(),
  };
  console.log(`Directory search, ${QUERIES} queries with 2-3 combined filters over ${MEMBERS.toLocaleString("en-GB")} members: p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms (goal p95 < ${GOAL_SEARCH_P95_MS} ms: ${summary.search.met ? "met" : "NOT met"}).`);
  console.log(`Help request matching, top 20 of ${MEMBERS.toLocaleString("en-GB")} members, ${QUERIES} requests: p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms (goal p95 < ${GOAL_MATCH_P95_MS} ms: ${summary.match.met ? "met" : "NOT met"}).`);
  console.log(`Load average (1, 5, 15 min) before ${loadBefore.join(", ")}, after ${loadAfter.join(", ")}; ${summary.cpus} CPUs.`);
  await mkdir(path.join(import.meta.dirname, "results"), { recursive: true });
  await writeFile(path.join(import.meta.dirname, "results", "directory.json"), `${JSON.stringify(summary, null, 2)}\n`);
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
