/**
 * bench/readers: the paper page under load, as a paper shared widely meets it.
 *
 *   npx tsx bench/readers.ts                 build, then measure
 *   npx tsx bench/readers.ts --no-build      reuse the existing .next production build
 *   npx tsx bench/readers.ts --seconds=10    seconds per step (default 10)
 *   npx tsx bench/readers.ts --no-redis      the in-process cache instead of Redis
 *
 * On a database of its own (DATABASE_URL's server, default the local one) seeded with the demo, it
 * starts `next start` (with the shared Redis cache handler, REDIS_URL or the local Redis, on a key
 * prefix of its own) and the collaboration sidecar, and requests the demo's 320-comment paper with
 * autocannon:
 *   1. visitors: the cached page at 1, 10, 50 and 200 concurrent readers;
 *   2. a signed-in member's page at 50 (rendered for them, as before);
 *   3. steps 1 and 2 again while 50 simulated editors co-edit the paper's Response;
 *   4. baseline, last (at 200 it leaves the server rendering a backlog for minutes): the same page
 *      rendered per request (a query string sends it past the cache, the way every visitor was
 *      served before), at 1, 10, 50 and 200.
 * Between steps it waits until the server answers again, so one step's backlog does not count
 * against the next.
 * Latencies are recorded per response (p50/p95/p99); errors count connection errors, timeouts
 * (10 s) and non-2xx answers. Figures go to bench/results/readers.json.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase, freePort } from "../scripts/lib/postgres";
import { bin, run } from "../scripts/lib/processes";
import { randomSecrets } from "../scripts/lib/secrets";

const args = process.argv.slice(2);
const noBuild = args.includes("--no-build");
const useRedis = !args.includes("--no-redis");
const SECONDS = Number(args.find((a) => a.startsWith("--seconds="))?.slice(10) ?? 10);
const EDITORS = 50;

const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
assertLocal(adminUrl);
const dbName = `commonplace_bench_readers_${process.pid}`;
const url = await createDatabase(adminUrl, dbName);
const secrets = randomSecrets();
const redisPrefix = `commonplace-bench-${process.pid}-${randomBytes(3).toString("hex")}`;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const children: ChildProcess[] = [];

interface Step {
  step: string;
  readers: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
}
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

/** Waits until the server answers a small page within a second again (the previous step drained). */
async function drained(base: string) {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${base}/sign-in`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // still busy
    }
  }
}

async function load(step: string, target: string, readers: number, headers: Record<string, string> = {}): Promise<Step> {
  await drained(new URL(target).origin);
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: target, connections: readers, duration: SECONDS, timeout: 10, headers }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status === 200) latencies.push(ms);
    });
  });
  latencies.sort((a, b) => a - b);
  const row: Step = {
    step,
    readers,
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.total / SECONDS),
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    p99Ms: Math.round(percentile(latencies, 99)),
    errors: result.errors + result.timeouts + result.non2xx,
  };
  console.log(`  ${step.padEnd(34)} ${String(readers).padStart(3)} readers: ${String(row.reqPerSec).padStart(5)} req/s  p50 ${row.p50Ms} ms  p95 ${row.p95Ms} ms  p99 ${row.p99Ms} ms  errors ${row.errors}`);
  return row;
}

async function waitFor(target: string) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(target)).status < 500) return;
    } catch {
      // not yet
    }
    if (i > 400) throw new Error(`${target} did not answer`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

try {
  await migrateDatabase(url);
  const env = {
    ...process.env,
    ...secrets,
    DATABASE_URL: url,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DEPLOYMENT_ID: "bench-readers",
    ...(useRedis ? { REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix } : { REDIS_URL: "" }),
  };
  Object.assign(process.env, { DATABASE_URL: url, ...secrets });
  const { getDb, closeDb } = await import("@/db");
  const { seedDemo } = await import("@/db/seed");
  const db = getDb();
  const seedStarted = performance.now();
  await seedDemo(db);
  console.log(`Seeded the demo in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.`);
  const { sql } = await import("drizzle-orm");
  const [paper] = (await db.execute(sql`select paper_id as id, count(*)::int as n from comments group by paper_id order by n desc limit 1`)).rows as { id: string; n: number }[];
  const [member] = (await db.execute(sql`select id from users where email = 'member1@commonplace.test'`)).rows as { id: string }[];
  if (!paper || !member) throw new Error("the demo has no discussed paper or no member1");

  if (!noBuild || !existsSync(".next/BUILD_ID")) {
    const code = await run(bin("next"), ["build"], { env });
    if (code !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  const collabPort = await freePort();
  const collabEnv = { COLLAB_PORT: String(collabPort), COLLAB_HOST: "127.0.0.1", COLLAB_URL: `ws://127.0.0.1:${collabPort}`, COLLAB_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` };
  const web = spawn(bin("next"), ["start", "--port", String(port)], { env: { ...env, ...collabEnv }, stdio: ["ignore", "ignore", "inherit"] });
  const sidecar = spawn(process.execPath, ["--import", "tsx", "collab/main.ts"], { env: { ...env, ...collabEnv }, stdio: ["ignore", "ignore", "inherit"] });
  children.push(web, sidecar);
  const base = `http://127.0.0.1:${port}`;
  const page = `${base}/papers/${paper.id}`;
  await waitFor(page);
  await waitFor(`http://127.0.0.1:${collabPort}/health`);

  // A signed-in member: a real session row and next-auth's own cookie for it.
  const { createSession } = await import("@/lib/members/sessions");
  const { encode } = await import("next-auth/jwt");
  const sid = await createSession(db, member.id);
  const cookieName = "authjs.session-token";
  const token = await encode({ token: { sub: member.id, sid }, secret: secrets.AUTH_SECRET, salt: cookieName });
  const memberHeaders = { cookie: `${cookieName}=${token}` };
  const memberPage = await (await fetch(page, { headers: memberHeaders })).text();
  if (!memberPage.includes("Sign out")) throw new Error("the member's cookie was not accepted");
  const visitorPage = await fetch(page);
  const cached = visitorPage.headers.get("x-nextjs-cache");
  const comments = ((await visitorPage.text()).match(/<article id="comment-/g) ?? []).length;
  console.log(`\nPaper ${paper.id}: ${paper.n} comments, ${comments} rendered; cache ${useRedis ? `Redis (${redisUrl}, prefix ${redisPrefix})` : "in process"}; ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}.`);
  if (!cached) throw new Error("the visitors' page is not served from Next's cache");

  const steps: Step[] = [];
  const measure = async (label: string) => {
    for (const n of [1, 10, 50, 200]) steps.push(await load(`visitors, cached${label}`, page, n));
    steps.push(await load(`signed-in member${label}`, page, 50, memberHeaders));
  };
  console.log(`\n1-2. Cached visitors' page; a signed-in member's page (${SECONDS} s each)`);
  await measure("");

  console.log(`\n3. The same while ${EDITORS} editors co-edit the paper's Response`);
  const { ensureResponse } = await import("@/lib/collab/documents");
  const { signCollabToken } = await import("@/lib/collab/token");
  const { createPerson } = await import("@/lib/testing/factories");
  const doc = `response.${await ensureResponse(db, paper.id)}`;
  const editors = [];
  for (let i = 0; i < EDITORS; i++) editors.push(await createPerson(db, { name: `Bench Editor ${i}` }));
  const tokens = await Promise.all(editors.map((p) => signCollabToken({ sub: p.id, doc, mode: "write" }, 3600)));
  const forks = [0, 1].map(() => fork("collab/bench-editors.ts", [], { execArgv: ["--import", "tsx"] }));
  children.push(...forks);
  const ask = (child: ChildProcess, msg: object, reply: string) =>
    new Promise<void>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type === reply) {
          child.off("message", on);
          resolve();
        }
      };
      child.on("message", on);
      child.send(msg);
    });
  await Promise.all(
    forks.map((child, p) => ask(child, { type: "start", url: `ws://127.0.0.1:${collabPort}`, doc, tokens: tokens.filter((_, i) => i % 2 === p), prefix: `p${p}`, ratePerClient: 2 }, "ready")),
  );
  for (const child of forks) child.send({ type: "go" });
  await measure(`, ${EDITORS} co-editing`);
  for (const child of forks) child.send({ type: "stop" });
  await closeDb();
  console.log("\n4. Baseline: the same page rendered per request");
  for (const n of [1, 10, 50, 200]) steps.push(await load("baseline (rendered per request)", `${page}?baseline=1`, n));

  console.log("\n");
  console.table(steps);
  const at = (step: string, n: number) => steps.find((s) => s.step === step && s.readers === n)!;
  const b1 = at("baseline (rendered per request)", 1);
  const c200 = at("visitors, cached", 200);
  const m50 = at("signed-in member", 50);
  console.log(`Visitors at 200: ${c200.reqPerSec} req/s, p95 ${c200.p95Ms} ms, ${c200.errors} errors (goal >= 1,000 req/s, p95 < 200 ms, 0 errors): ${c200.reqPerSec >= 1000 && c200.p95Ms < 200 && c200.errors === 0 ? "met" : "NOT met"}.`);
  for (const n of [1, 10, 50, 200]) {
    const b = at("baseline (rendered per request)", n);
    const c = at("visitors, cached", n);
    console.log(`  ${n} readers: ${c.reqPerSec} vs ${b.reqPerSec} req/s (${(c.reqPerSec / Math.max(1, b.reqPerSec)).toFixed(1)}x), p50 ${c.p50Ms} vs ${b.p50Ms} ms`);
  }
  console.log(`Signed-in member at 50: ${m50.reqPerSec} req/s (goal >= 100): ${m50.reqPerSec >= 100 ? "met" : "NOT met"}. Baseline at 1 reader: ${b1.reqPerSec} req/s.`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/readers.json", JSON.stringify({ measuredAt: new Date().toISOString(), cpus: os.cpus().length, loadAverage: os.loadavg(), seconds: SECONDS, redis: useRedis, comments: paper.n, rendered: comments, steps }, null, 2));
  console.log("Written to bench/results/readers.json.");
} finally {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => {
        child.once("exit", r);
        setTimeout(r, 5000);
      });
    }
  }
  if (useRedis) {
    const { Redis } = await import("ioredis");
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const keys = await redis.keys(`${redisPrefix}:*`);
      if (keys.length) await redis.del(...keys);
    } catch {
      // Redis gone: nothing to clean.
    }
    redis.disconnect();
  }
  await dropDatabase(adminUrl, dbName).catch((e) => console.error("could not drop the bench database:", e));
}
