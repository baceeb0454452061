/**
 * `npm start`: serves a production build (`npm run build` first, SITE_URL set) against DATABASE_URL,
 * applying migrations first, with the collaboration sidecar and the job worker beside it. Secrets come from the environment.
 *
 *   npm start -- --web-only   the web app and its worker, without a sidecar: the second and later
 *                              web instances of a site (README, "Production on several machines")
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { migrateDatabase } from "@/db/migrate";
import { parseTrustedProxies } from "@/lib/security/client-ip";
import { collabEnv, spawnSidecar } from "./lib/collab";
import { spawnWorker } from "./lib/worker";
import { onShutdown } from "./lib/processes";

const url = process.env.DATABASE_URL;
if (!url || !process.env.AUTH_SECRET || !process.env.MEMBERSHIP_HMAC_KEY || !process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
  console.error("npm start needs DATABASE_URL, AUTH_SECRET, MEMBERSHIP_HMAC_KEY and NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (the build's). For a local try, use npm run dev.");
  process.exit(1);
}
// Links in e-mails and feeds are built from SITE_URL only, never from a request's Host or Origin.
const site = process.env.SITE_URL?.trim();
if (!site || !/^https?:\/\/[^/]+/.test(site)) {
  console.error("npm start needs SITE_URL, the site's public address (e.g. https://commonplace.example.org): links in e-mails and feeds point there.");
  process.exit(1);
}
try {
  parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
// Every instance serves the build's deployment id, so clients and servers agree (scripts/build.ts).
if (!process.env.NEXT_DEPLOYMENT_ID && existsSync(".next/deployment-id")) process.env.NEXT_DEPLOYMENT_ID = readFileSync(".next/deployment-id", "utf8").trim();
await migrateDatabase(url);
const port = process.env.PORT ?? "3000";
const collab = collabEnv(port);
// scripts/serve.ts, not `next start`: it hands the socket's address to the throttles (lib/security/client-ip.ts).
const web = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { stdio: "inherit", env: { ...process.env, ...collab, PORT: port } });
const sidecar = process.argv.includes("--web-only") ? [] : [spawnSidecar({ ...process.env, ...collab })];
// Each instance runs its own worker; workers share the queue safely (SKIP LOCKED).
const worker = spawnWorker(process.env);
const children = [web, ...sidecar, worker];
onShutdown(() => children, async () => {});
// If one stops on its own, stop the others: the site without its sidecar or worker is not the site.
for (const child of children) {
  child.on("exit", (code) => {
    // 130/143: it was stopped by Ctrl-C or SIGTERM with the rest of us.
    if (code !== 0 && code !== 130 && code !== 143) console.error(`A process stopped with code ${code}; stopping the rest.`);
    process.kill(process.pid, "SIGTERM");
  });
}
