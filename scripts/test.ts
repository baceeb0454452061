/**
 * `npm test`: every test against real parts. It makes a throwaway database (on DATABASE_URL's
 * server when set, else in an embedded PostgreSQL), runs unit and integration tests with Vitest,
 * builds the app for production, runs the Playwright journeys in Chromium against it, and drops
 * the database whatever happened.
 *
 *   npm test -- --only=unit,integration   run some kinds only (unit, integration, e2e)
 *   npm test -- --only=e2e e2e/x.spec.ts  pass spec files or --grep to Playwright
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase, freePort, startEmbedded } from "./lib/postgres";
import { bin, run } from "./lib/processes";
import { spawnWorker } from "./lib/worker";
import { randomSecrets } from "./lib/secrets";

const KINDS = ["unit", "integration", "e2e"] as const;
type Kind = (typeof KINDS)[number];
const onlyArg = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
const kinds = new Set<Kind>(onlyArg ? (onlyArg.split(",") as Kind[]) : KINDS);
/** Anything else on the command line goes to Playwright: spec files, --grep. */
const playwrightArgs = process.argv.slice(2).filter((a) => !a.startsWith("--only="));
for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`Unknown test kind ${k}; use ${KINDS.join(", ")}.`);

const started = performance.now();
const resultsDir = path.resolve("test-results");
await mkdir(resultsDir, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (kinds.has("e2e") && !existsSync(chromium)) {
  console.error(`End-to-end tests need Chromium at ${chromium} (apt-get install -y chromium), or CHROMIUM_PATH.`);
  process.exit(1);
}

// 1. A database for this run only.
const dbName = `commonplace_test_${process.pid}_${Date.now().toString(36)}`;
// The journeys get a database of their own, seeded with the demo only: the integration tests'
// rows in the first one (a hidden comment with its appeal, say) must not reach the demo seed.
const e2eDbName = `${dbName}_e2e`;
let cleanup: () => Promise<void>;
let url: string;
let adminUrl: string;
if (process.env.DATABASE_URL) {
  assertLocal(process.env.DATABASE_URL);
  const serverUrl = process.env.DATABASE_URL;
  adminUrl = serverUrl;
  url = await createDatabase(serverUrl, dbName);
  cleanup = async () => {
    await dropDatabase(serverUrl, e2eDbName);
    await dropDatabase(serverUrl, dbName);
  };
  console.log(`Test database ${dbName} on ${new URL(serverUrl).host}.`);
} else {
  const dir = path.join(os.tmpdir(), `commonplace-pg-${process.pid}-${Date.now().toString(36)}`);
  const pg = await startEmbedded(dir, { persistent: false, quiet: true });
  adminUrl = pg.adminUrl;
  url = await createDatabase(pg.adminUrl, dbName);
  cleanup = async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
  console.log(`Test database ${dbName} in an embedded PostgreSQL.`);
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...randomSecrets(),
  DATABASE_URL: url,
  NEXT_DEPLOYMENT_ID: `test-${process.pid}`,
  // Keys of this run only, on the shared Redis (the cluster test uses it; REDIS_URL stays opt-in).
  REDIS_PREFIX: `commonplace-test-${process.pid}-${Date.now().toString(36)}`,
  COMMONPLACE_TEST_DATABASE: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  CHROMIUM_PATH: chromium,
};
const durations: Record<string, number> = {};
const codes: number[] = [];
const failedSteps: string[] = [];
const time = async (label: string, fn: () => Promise<number>) => {
  const t = performance.now();
  const code = await fn();
  durations[label] = (performance.now() - t) / 1000;
  codes.push(code);
  if (code !== 0) failedSteps.push(label);
  return code;
};

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupted = true;
  });
}

try {
  await migrateDatabase(url);
  if (kinds.has("unit")) await time("lint", () => run(bin("eslint"), [".", "--max-warnings=0"], { env }));
  // Playwright loads every spec and what it imports in plain Node before any journey runs: an
  // import only a bundler resolves (next/cache, say) fails the whole e2e step after the build.
  // Listing the specs finds that in seconds.
  if (kinds.has("e2e")) await time("e2e-load", () => run(bin("playwright"), ["test", "--list", ...playwrightArgs], { env }));
  const vitestProjects = (["unit", "integration"] as const).filter((k) => kinds.has(k));
  if (vitestProjects.length) {
    await time("vitest", () =>
      run(
        bin("vitest"),
        ["run", ...vitestProjects.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json", `--outputFile.json=${resultsDir}/vitest.json`],
        { env },
      ),
    );
  }
  if (kinds.has("e2e") && !interrupted) {
    const buildCode = await time("build", () => run(bin("next"), ["build"], { env: { ...env, NODE_ENV: "production" } }));
    if (buildCode === 0) {
      const e2eUrl = await createDatabase(adminUrl, e2eDbName);
      await migrateDatabase(e2eUrl);
      env.DATABASE_URL = e2eUrl;
      const { getDb, closeDb } = await import("@/db");
      process.env.DATABASE_URL = e2eUrl;
      process.env.MEMBERSHIP_HMAC_KEY = env.MEMBERSHIP_HMAC_KEY;
      const { seedDemo } = await import("@/db/seed");
      await seedDemo(getDb());
      await closeDb();
      const port = await freePort();
      const collabPort = await freePort();
      const siteUrl = `http://localhost:${port}`;
      // The job worker runs beside the site, as in production, so queued mail reaches the outbox's end.
      const worker = spawnWorker({ ...env, SITE_URL: siteUrl });
      try {
        await time("e2e", () =>
          run(bin("playwright"), ["test", ...playwrightArgs], {
            env: { ...env, E2E_PORT: String(port), E2E_COLLAB_PORT: String(collabPort), RATE_LIMIT_IP_MULTIPLIER: "1000" },
          }),
        );
      } finally {
        if (worker.exitCode === null) {
          worker.kill("SIGTERM");
          await new Promise((r) => worker.once("exit", r));
        }
      }
    }
  }
} finally {
  await cleanup().catch((e) => console.error("could not remove the test database:", e));
}

// A closing summary that counts every kind of test.
let passed = 0;
let failed = 0;
let skipped = 0;
const counts: string[] = [];
const vitestFile = path.join(resultsDir, "vitest.json");
if (durations.vitest !== undefined && existsSync(vitestFile)) {
  const r = JSON.parse(readFileSync(vitestFile, "utf8"));
  const byProject: Record<string, number> = {};
  for (const file of r.testResults ?? []) {
    const project = String(file.name).includes(".int.test.") ? "integration" : "unit";
    byProject[project] = (byProject[project] ?? 0) + (file.assertionResults?.length ?? 0);
  }
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  for (const [k, n] of Object.entries(byProject)) counts.push(`${n} ${k}`);
}
const e2eFile = path.join(resultsDir, "e2e.json");
if (durations.e2e !== undefined && existsSync(e2eFile)) {
  const s = JSON.parse(readFileSync(e2eFile, "utf8")).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  counts.push(`${(s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0)} e2e`);
}
const ok = codes.every((c) => c === 0) && codes.length > 0 && !interrupted;
if (!ok && failed === 0) failed = 1; // a runner that crashed before reporting still fails the run
console.log(`\nTest kinds: ${counts.join(", ") || "none"}`);
console.log(`Times: ${Object.entries(durations).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ")}; total ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(", ")}`);
process.exit(ok ? 0 : 1);
