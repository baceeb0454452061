/**
 * `npx tsx bench/notify.ts`: a paper accepted in a theme with 2,000 followers. Makes its own
 * database (on DATABASE_URL's server, else an embedded PostgreSQL) and 2,000 verified followers
 * who want e-mail at once. After one uncounted warm-up acceptance in an empty theme, each of 3
 * rounds times what the council member waits for (reviewPaper: its one INSERT … SELECT and one
 * fanout job), then starts a job worker (WORKER_CONCURRENCY, default 4) that turns the batch into
 * mail and delivers every message to a local smtp-server sink, timed until the last arrives.
 * Prints median and worst publish time against the goal, delivery time and rate, and the load
 * average; writes bench/results/notify.json. The database is dropped at the end whatever happens.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase, startEmbedded } from "../scripts/lib/postgres";

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL_MEDIAN_MS = 200;

const name = `commonplace_bench_notify_${process.pid}`;
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
process.env.SITE_URL ??= "https://commonplace.example";
// The bench measures the site, not a provider's plan: no send limit in the way.
process.env.MAIL_RATE_PER_MINUTE = "1000000";

const { closeDb, getDb } = await import("@/db");
const { loadActor } = await import("@/lib/auth/actor");
const { reviewPaper } = await import("@/lib/papers/commands");
const { startWorker } = await import("@/lib/jobs/worker");
const { closeMailTransport } = await import("@/lib/mail/deliver");
const { createPerson, createTestPaper, createTestTheme } = await import("@/lib/testing/factories");
const { createFollowers } = await import("@/lib/testing/followers");
const { startSmtpSink } = await import("@/lib/testing/smtp-sink");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

try {
  await migrateDatabase(url);
  const db = getDb();
  const theme = await createTestTheme(db, { title: "Bench theme" });
  const council = await loadActor(db, (await createPerson(db, { roles: ["council"] })).id);
  const author = await createPerson(db);
  const t0 = performance.now();
  await createFollowers(db, { targetType: "theme", targetId: theme.id }, FOLLOWERS, { cadence: "immediate", prefix: "bench" });
  console.log(`${FOLLOWERS} followers made in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${load()}`);

  // Warm-up, not counted: one acceptance in a theme nobody follows (module loading, first queries).
  const quiet = await createTestTheme(db, { title: "Warm-up theme" });
  await reviewPaper(db, council, { paperId: (await createTestPaper(db, { themeId: quiet.id, authorId: author.id, status: "submitted" })).id, decision: "accept", reason: "" });

  const sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  const publish: number[] = [];
  const deliver: number[] = [];
  const loads: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const paper = await createTestPaper(db, { themeId: theme.id, authorId: author.id, status: "submitted", title: `Bench paper ${round}` });
    const before = sink.messages.length;
    const start = performance.now();
    await reviewPaper(db, council, { paperId: paper.id, decision: "accept", reason: "" });
    const publishMs = performance.now() - start;
    publish.push(publishMs);

    // The paper's followers (not its author) plus the author's decision e-mail.
    const expected = FOLLOWERS + 1;
    const worker = await startWorker();
    const deliverStart = performance.now();
    await sink.waitFor(before + expected, 600_000);
    const deliverMs = performance.now() - deliverStart;
    deliver.push(deliverMs);
    await worker.stop();
    loads.push(load());
    console.log(
      `round ${round}: publish ${publishMs.toFixed(0)} ms; ${expected} mails delivered in ${(deliverMs / 1000).toFixed(1)} s (${((expected / deliverMs) * 1000).toFixed(0)}/s); load average ${loads.at(-1)}`,
    );
  }
  const result = {
    followers: FOLLOWERS,
    rounds: ROUNDS,
    publishMs: { median: Math.round(median(publish)), worst: Math.round(Math.max(...publish)), all: publish.map(Math.round) },
    deliverSeconds: { median: +(median(deliver) / 1000).toFixed(1), worst: +(Math.max(...deliver) / 1000).toFixed(1) },
    mailsPerSecond: Math.round(((FOLLOWERS + 1) / median(deliver)) * 1000),
    goalMedianMs: GOAL_MEDIAN_MS,
    goalMet: median(publish) < GOAL_MEDIAN_MS,
    loadAverage: loads,
    workerConcurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
    cores: os.cpus().length,
  };
  console.log(
    `\npublish in a ${FOLLOWERS}-follower theme: median ${result.publishMs.median} ms, worst ${result.publishMs.worst} ms (goal: median < ${GOAL_MEDIAN_MS} ms: ${result.goalMet ? "met" : "NOT met"})`,
  );
  console.log(`delivery of ${FOLLOWERS + 1} mails to an smtp-server sink: median ${result.deliverSeconds.median} s, worst ${result.deliverSeconds.worst} s, ${result.mailsPerSecond} mails/s`);
  console.log(`load average (1, 5, 15 min) after each round: ${loads.join(" | ")} on ${result.cores} cores`);
  await mkdir(path.join(import.meta.dirname, "results"), { recursive: true });
  await writeFile(path.join(import.meta.dirname, "results/notify.json"), `${JSON.stringify(result, null, 2)}\n`);
  closeMailTransport();
  await sink.close();
} finally {
  await closeDb();
  await dropDatabase(adminUrl, name);
  await stopServer?.();
  if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
}
