/**
 * Entry point of the collaboration sidecar (`tsx collab/main.ts`), started by `npm run dev` and
 * `npm start` next to the web app, with the same DATABASE_URL and secrets.
 *
 *   COLLAB_PORT              port to listen on (default 1234)
 *   COLLAB_HOST              interface (default: all)
 *   COLLAB_ALLOWED_ORIGINS   comma-separated browser origins (default: SITE_URL and http://localhost:$PORT)
 *   COLLAB_RECHECK_MS        how often connected members' rights are re-read (default 30000)
 *   COLLAB_DEBUG_STATS=1     serve GET /debug/stats (benchmarks)
 *   REDIS_URL                with it, any number of sidecars serve the same documents (collab/redis-fanout.ts);
 *                            without it, one sidecar works alone
 *   REDIS_PREFIX             prepended to every Redis key (default "commonplace:")
 *
 * Every sidecar also LISTENs on PostgreSQL for the web app's announcements (revocations, documents
 * it changed), with or without Redis.
 */
import { closeDb, getDb } from "@/db";
import { storeRenderedDocument } from "@/lib/collab/documents";
import { renderDocument } from "@/lib/collab/render";
import { pgNotifications } from "./pg-notifications";
import { startCollabServer } from "./server";

function allowedOrigins(): string[] {
  const explicit = process.env.COLLAB_ALLOWED_ORIGINS;
  if (explicit) return explicit.split(",").map((s) => s.trim()).filter(Boolean);
  const port = process.env.PORT ?? "3000";
  const list = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  if (process.env.SITE_URL) list.push(new URL(process.env.SITE_URL).origin);
  return list;
}

const server = await startCollabServer({
  db: getDb(),
  port: Number(process.env.COLLAB_PORT ?? 1234),
  host: process.env.COLLAB_HOST || undefined,
  allowedOrigins: allowedOrigins(),
  recheckIntervalMs: Number(process.env.COLLAB_RECHECK_MS ?? 30_000),
  unloadDelayMs: Number(process.env.COLLAB_UNLOAD_MS ?? 10_000),
  debugStats: process.env.COLLAB_DEBUG_STATS === "1",
  extensions: [
    pgNotifications(process.env.DATABASE_URL!),
    // Loaded only when used, so that a single sidecar does not even load the Redis client.
    ...(process.env.REDIS_URL ? [(await import("./redis-fanout")).redisFanout({ url: process.env.REDIS_URL, prefix: process.env.REDIS_PREFIX ?? "commonplace:" })] : []),
  ],
  // Readers get a server render with no websocket: refresh it a couple of seconds after edits.
  onSettled: (doc, ydoc) => storeRenderedDocument(getDb(), doc, renderDocument(ydoc)),
});
console.log(`[collab] listening on port ${server.port}${process.env.REDIS_URL ? " (with Redis: one of several sidecars)" : ""}`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[collab] ${signal}: storing documents and closing`);
  await server.close().catch((e) => console.error("[collab] shutdown:", e));
  await closeDb();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
// A bug in one handler must never take every open document down with it.
process.on("uncaughtException", (e) => console.error("[collab] uncaught:", e));
process.on("unhandledRejection", (e) => console.error("[collab] unhandled rejection:", e));
