/**
 * bench/thread: server render time and SQL query count of a paper page with a long discussion.
 *
 *   npx tsx bench/thread.ts                 build, then measure
 *   npx tsx bench/thread.ts --no-build      reuse the existing .next production build
 *   npx tsx bench/thread.ts --requests=50   timed requests per thread size (default 40, after 5 warm-up)
 *
 * It makes its own database on the PostgreSQL at DATABASE_URL (default: the local server at
 * postgres://postgres@127.0.0.1:5432/postgres), migrates it, seeds three papers with threads of
 * 20, 200 and 2,000 comments (nested up to 10 deep, with votes) and one wide 2,000-comment thread,
 * starts `next start` on a free
 * port and requests each paper page as a visitor, one request at a time. The time is to the last
 * byte of the response. Queries are counted by the server itself: with SQL_QUERY_COUNT=1 and
 * SQL_QUERY_LOG_FILE set, db/index.ts appends one line per query to that file (off by default),
 * so the count of one request is the lines it added. The database is dropped at the end; the
 * figures are printed as a table and written to bench/results/thread.json.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase, freePort } from "../scripts/lib/postgres";
import { bin, run } from "../scripts/lib/processes";
import { randomSecrets } from "../scripts/lib/secrets";

const args = process.argv.slice(2);
const noBuild = args.includes("--no-build");
const requests = Number(args.find((a) => a.startsWith("--requests="))?.slice(11) ?? 40);
const WARM_UP = 5;
/**
 * Thread shapes: "deep" grows long reply chains (nested up to 10 levels), "wide" has about 50
 * top-level comments each with a large shallow subtree, so the first page holds the most comments
 * it can (the worst case for rendering).
 */
const CASES = [
  { comments: 20, shape: "deep", maxDepth: 9, topLevelShare: 0.12 },
  { comments: 200, shape: "deep", maxDepth: 9, topLevelShare: 0.12 },
  { comments: 2000, shape: "deep", maxDepth: 9, topLevelShare: 0.12 },
  { comments: 2000, shape: "wide", maxDepth: 3, topLevelShare: 0.025 },
] as const;

const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
assertLocal(adminUrl);
const dbName = `commonplace_bench_${process.pid}_${Date.now().toString(36)}`;
const url = await createDatabase(adminUrl, dbName);
const logFile = path.join(os.tmpdir(), `${dbName}-queries.log`);
const secrets = randomSecrets();
let server: ReturnType<typeof spawn> | undefined;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const lines = () => (existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").filter(Boolean) : []);

try {
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  Object.assign(process.env, secrets);
  const { getDb, closeDb } = await import("@/db");
  const { generateThread, insertThread } = await import("@/db/demo/discussion");
  const { createPerson, createTestPaper, createTestTheme } = await import("@/lib/testing/factories");
  const db = getDb();
  const seedStarted = performance.now();
  const authors = [];
  for (let i = 0; i < 12; i++) authors.push((await createPerson(db, { name: `Bench Member ${i + 1}` })).id);
  const theme = await createTestTheme(db, { discussionPublic: true });
  const papers: { size: number; shape: string; id: string }[] = [];
  for (const c of CASES) {
    const paper = await createTestPaper(db, { themeId: theme.id, title: `A paper with ${c.comments} comments (${c.shape})` });
    const start = new Date(Date.now() - 30 * 86_400_000);
    await insertThread(db, generateThread({ paperId: paper.id, authorIds: authors, count: c.comments, maxDepth: c.maxDepth, topLevelShare: c.topLevelShare, seed: c.comments, start }));
    papers.push({ size: c.comments, shape: c.shape, id: paper.id });
  }
  await closeDb();
  console.log(`Seeded ${CASES.map((c) => `${c.comments} (${c.shape})`).join(", ")}-comment threads in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.`);

  const env = { ...process.env, ...secrets, DATABASE_URL: url, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  if (!noBuild || !existsSync(".next/BUILD_ID")) {
    const code = await run(bin("next"), ["build"], { env });
    if (code !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  server = spawn(bin("next"), ["start", "--port", String(port)], {
    env: { ...env, SQL_QUERY_COUNT: "1", SQL_QUERY_LOG_FILE: logFile },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 200) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 150));
  }

  const results: {
    comments: number;
    shape: string;
    renderedComments: number;
    requests: number;
    p50Ms: number;
    p95Ms: number;
    maxMs: number;
    htmlKb: number;
    sqlQueries: number;
    sqlQueriesConstantAcrossRequests: boolean;
  }[] = [];
  for (const { size, shape, id } of papers) {
    const page = `${base}/papers/${id}`;
    const fetchPage = async () => {
      const started = performance.now();
      const res = await fetch(page);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${page} answered ${res.status}`);
      return { ms: performance.now() - started, bytes: Buffer.byteLength(body), articles: (body.match(/<article id="comment-/g) ?? []).length };
    };
    for (let i = 0; i < WARM_UP; i++) await fetchPage();
    // Queries of single requests, several times, to show the count does not drift.
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = lines().length;
      await fetchPage();
      counts.push(lines().length - before);
    }
    const times: number[] = [];
    let last = { bytes: 0, articles: 0 };
    for (let i = 0; i < requests; i++) {
      const r = await fetchPage();
      times.push(r.ms);
      last = r;
    }
    times.sort((a, b) => a - b);
    results.push({
      comments: size,
      shape,
      renderedComments: last.articles,
      requests,
      p50Ms: Number(percentile(times, 50).toFixed(1)),
      p95Ms: Number(percentile(times, 95).toFixed(1)),
      maxMs: Number(times.at(-1)!.toFixed(1)),
      htmlKb: Number((last.bytes / 1024).toFixed(0)),
      sqlQueries: counts[0]!,
      sqlQueriesConstantAcrossRequests: counts.every((c) => c === counts[0]),
    });
  }

  console.log(`\nPaper page as a visitor, ${requests} requests each after ${WARM_UP} warm-up, one at a time (${os.cpus().length} CPUs):\n`);
  console.table(results);
  const constant = results.every((r) => r.sqlQueries === results[0]!.sqlQueries);
  console.log(`SQL queries per page: ${results.map((r) => `${r.sqlQueries} (${r.comments} ${r.shape})`).join(", ")} — ${constant ? "constant" : "NOT constant"} whatever the thread size.`);
  for (const big of results.filter((r) => r.comments === 2000)) {
    console.log(`2,000 comments (${big.shape}): p95 ${big.p95Ms} ms (goal < 150 ms) — ${big.p95Ms < 150 ? "met" : "NOT met"}.`);
  }
  console.log(`Queries of the last page, as the server ran them:\n  ${lines().slice(-results.at(-1)!.sqlQueries).join("\n  ")}`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    "bench/results/thread.json",
    JSON.stringify({ measuredAt: new Date().toISOString(), cpus: os.cpus().length, node: process.version, warmUp: WARM_UP, results }, null, 2),
  );
  console.log("Written to bench/results/thread.json.");
} finally {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  await dropDatabase(adminUrl, dbName).catch((e) => console.error("could not drop the bench database:", e));
}
