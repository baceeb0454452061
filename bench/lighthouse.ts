/**
 * bench/lighthouse: Lighthouse's mobile performance score of the paper page a visitor opens.
 *
 *   npx tsx bench/lighthouse.ts               build, then measure
 *   npx tsx bench/lighthouse.ts --no-build    reuse the existing .next production build
 *   npx tsx bench/lighthouse.ts --runs=5      Lighthouse runs (default 3; the median is reported)
 *   BASE_URL=… PAPER_PATH=… npx tsx bench/lighthouse.ts   measure a server that is already running
 *
 * On a database of its own seeded with the demo, it starts `next start` and runs Lighthouse 12
 * (mobile preset: a mid-range phone, simulated slow 4G and 4x CPU slowdown) in Chromium at
 * /usr/bin/chromium (CHROMIUM_PATH) against the demo's 320-comment paper, once the page is in
 * the cache as it is for every visitor but the first. Prints the score and the metrics behind it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase, freePort } from "../scripts/lib/postgres";
import { bin, run } from "../scripts/lib/processes";
import { randomSecrets } from "../scripts/lib/secrets";

const args = process.argv.slice(2);
const noBuild = args.includes("--no-build");
const RUNS = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? 3);
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let server: ChildProcess | undefined;
let drop = async () => {};

async function startSite(): Promise<string> {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  assertLocal(adminUrl);
  const dbName = `commonplace_bench_lighthouse_${process.pid}`;
  const url = await createDatabase(adminUrl, dbName);
  drop = () => dropDatabase(adminUrl, dbName);
  await migrateDatabase(url);
  const secrets = randomSecrets();
  Object.assign(process.env, { DATABASE_URL: url, ...secrets });
  const { getDb, closeDb } = await import("@/db");
  const { seedDemo } = await import("@/db/seed");
  const { sql } = await import("drizzle-orm");
  await seedDemo(getDb());
  const [paper] = (await getDb().execute(sql`select paper_id as id from comments group by paper_id order by count(*) desc limit 1`)).rows as { id: string }[];
  await closeDb();
  const env = { ...process.env, ...secrets, DATABASE_URL: url, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1", NEXT_DEPLOYMENT_ID: "bench-lighthouse", REDIS_URL: "" };
  if (!noBuild || !existsSync(".next/BUILD_ID")) {
    if ((await run(bin("next"), ["build"], { env })) !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  server = spawn(bin("next"), ["start", "--port", String(port)], { env, stdio: ["ignore", "ignore", "inherit"] });
  const target = `http://127.0.0.1:${port}/papers/${paper!.id}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(target)).ok) break;
    } catch {
      // not yet
    }
    if (i > 400) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 150));
  }
  return target;
}

try {
  const target = process.env.BASE_URL && process.env.PAPER_PATH ? `${process.env.BASE_URL}${process.env.PAPER_PATH}` : await startSite();
  // Warm: the page every visitor but the first gets comes from the cache.
  const warm = await fetch(target);
  console.log(`${target}: ${warm.status}, cache ${warm.headers.get("x-nextjs-cache") ?? "none"}, ${((await warm.arrayBuffer()).byteLength / 1024).toFixed(0)} KB of HTML.`);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    try {
      const result = await lighthouse(target, { port: chrome.port, onlyCategories: ["performance"], output: "json", logLevel: "error" });
      const lhr = result!.lhr;
      const metric = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
      runs.push({
        score: Math.round((lhr.categories.performance!.score ?? 0) * 100),
        fcpMs: metric("first-contentful-paint"),
        lcpMs: metric("largest-contentful-paint"),
        tbtMs: metric("total-blocking-time"),
        cls: Number((lhr.audits["cumulative-layout-shift"]?.numericValue ?? NaN).toFixed(3)),
        speedIndexMs: metric("speed-index"),
        domNodes: metric("dom-size"),
        scriptKb: Math.round((lhr.audits["total-byte-weight"]?.numericValue ?? NaN) / 1024),
      });
      console.log(`  run ${i + 1}: score ${runs.at(-1)!.score}`);
    } finally {
      await chrome.kill();
    }
  }
  const sorted = [...runs].sort((a, b) => a.score - b.score);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`\nLighthouse ${RUNS} runs, mobile preset, ${os.cpus().length} CPUs (load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}):`);
  console.table(runs);
  console.log(`Median performance score: ${median.score} (goal >= 95: ${median.score >= 95 ? "met" : "NOT met"}); TBT ${median.tbtMs} ms, LCP ${median.lcpMs} ms, CLS ${median.cls}, ${median.domNodes} DOM nodes.`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/lighthouse.json", JSON.stringify({ measuredAt: new Date().toISOString(), target, cpus: os.cpus().length, loadAverage: os.loadavg(), runs, median }, null, 2));
} finally {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  await drop().catch((e) => console.error("could not drop the bench database:", e));
}
