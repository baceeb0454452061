/**
 * `npm run dev`: one command for the whole app. Without DATABASE_URL it starts an embedded
 * PostgreSQL with its data in .data/pg; it then migrates, seeds demo content on first start,
 * and serves the site with `next dev`, the collaboration sidecar (collab/, port COLLAB_PORT,
 * default 1234) and the job worker (scripts/worker.ts: e-mail, digests, deadlines) side by side. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { migrateDatabase } from "@/db/migrate";
import { createDatabase, startEmbedded } from "./lib/postgres";
import { collabEnv, spawnSidecar } from "./lib/collab";
import { spawnWorker } from "./lib/worker";
import { bin, onShutdown, stopWhenLauncherExits } from "./lib/processes";
import { localSecrets } from "./lib/secrets";

const started = performance.now();
const dataDir = path.resolve(".data");
const secrets = await localSecrets(dataDir);
Object.assign(process.env, secrets);

let stopDatabase = async () => {};
const children: ChildProcess[] = [];
// Listen for Ctrl-C from the first moment, so an interrupted start still stops the database.
onShutdown(() => children, async () => {
  await stopDatabase();
  console.log("Stopped.");
});
stopWhenLauncherExits();
let databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  console.log(`Using the database at DATABASE_URL (${new URL(databaseUrl).host}).`);
} else {
  const pg = await startEmbedded(path.join(dataDir, "pg"), { port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), persistent: true });
  stopDatabase = pg.stop;
  databaseUrl = await createDatabase(pg.adminUrl, "commonplace", true);
  console.log(`Embedded PostgreSQL running (data in .data/pg, ${new URL(databaseUrl).host}).`);
}
process.env.DATABASE_URL = databaseUrl;

await migrateDatabase(databaseUrl);
// Imported after DATABASE_URL is set: the pool reads it on first use.
const { getDb, closeDb } = await import("@/db");
const { isSeeded, seedDemo, demoAccountsTable } = await import("@/db/seed");
if (!(await isSeeded(getDb()))) {
  await seedDemo(getDb());
  console.log(`\nSeeded demo content.\n${demoAccountsTable()}\n`);
}
await closeDb();
console.log(`Database ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

const port = process.env.PORT ?? "3000";
// E-mailed and feed links point here (siteUrl()); set SITE_URL to override, e.g. when testing from a phone.
process.env.SITE_URL ??= `http://localhost:${port}`;
const collab = collabEnv(port);
children.push(spawn(bin("next"), ["dev", "--port", port], { stdio: "inherit", env: { ...process.env, ...collab, NEXT_TELEMETRY_DISABLED: "1" } }));
children.push(spawnSidecar({ ...process.env, ...collab }));
children.push(spawnWorker({ ...process.env, SITE_URL: process.env.SITE_URL ?? `http://localhost:${port}` }));
for (const child of children) {
  child.on("exit", (code) => {
    if (code && code !== 0) {
      console.error(`A process stopped with code ${code}; stopping the rest.`);
      process.kill(process.pid, "SIGTERM");
    }
  });
}
