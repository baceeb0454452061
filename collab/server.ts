/**
 * The collaboration sidecar: a websocket server speaking the y-websocket protocol for co-edited
 * Responses and syntheses, put together from modules with one job each (as Hocuspocus builds a
 * server from extensions):
 *
 * - upgrade.ts            authorisation on the HTTP upgrade, before a socket exists
 * - connection.ts         the protocol on one socket (read-only sockets never change a document)
 * - awareness.ts          carets: own client id only, under the member's real public name
 * - store-pipeline.ts     write before broadcast, in batches
 * - compaction.ts         folding update rows into a snapshot, one sidecar at a time
 * - document-registry.ts  loading, sharing, unloading documents; the readers' render
 * - rechecks.ts           rights read again periodically and on revocation; pings
 * - http-routes.ts, stats.ts   /health and /debug/stats
 * - extensions (types.ts: CollabExtension) get hooks at load, store, awareness, unload.
 */
import http from "node:http";
import { WebSocketServer } from "ws";
import type * as Y from "yjs";
import type { Db } from "@/db";
import { CLOSE, MAX_FRAME_BYTES } from "@/lib/collab/protocol";
import { Compactor } from "./compaction";
import { acceptConnection } from "./connection";
import { DocumentRegistry } from "./document-registry";
import { handleHttpRequest } from "./http-routes";
import { RightsRechecker } from "./rechecks";
import { StatsRecorder, type CollabStats } from "./stats";
import { StorePipeline } from "./store-pipeline";
import type { CollabExtension, Conn, RevocationTarget } from "./types";
import { authoriseUpgrade, refuseUpgrade } from "./upgrade";

export type { CollabStats } from "./stats";

export interface CollabServerOptions {
  db: Db;
  port: number;
  host?: string;
  /** Browser origins allowed to connect. A request without an Origin header (not a browser) relies on its token alone. */
  allowedOrigins: string[];
  /** How often every connected member's rights are read again (default 30 s). */
  recheckIntervalMs?: number;
  /** How long a document stays in memory after its last client leaves (default 10 s). */
  unloadDelayMs?: number;
  /** Fold updates into a snapshot once a loaded document has this many since its last one (default 500). */
  compactAfterUpdates?: number;
  /** Serve GET /debug/stats (memory, documents): for benchmarks only. */
  debugStats?: boolean;
  /**
   * Called at most once per `settleDelayMs` while a document changes, and once more before it is
   * unloaded: the sidecar refreshes the readers' server render with it.
   */
  onSettled?: (doc: string, ydoc: Y.Doc) => Promise<void> | void;
  /** Default 2 s: readers see a change within seconds. */
  settleDelayMs?: number;
  /** Made once the core exists (they get its handle), in order. */
  extensions?: ((core: CollabCore) => CollabExtension)[];
  log?: (message: string) => void;
}

export interface CollabServer {
  readonly port: number;
  /** Stops accepting, stores every loaded document as a snapshot, closes sockets with 1012. */
  close(): Promise<void>;
  /** Runs the periodic rights check now (tests). */
  recheckNow(): Promise<void>;
  /** Resolves once every extension listens (PostgreSQL notifications, Redis streams). */
  ready(): Promise<void>;
  stats(): CollabStats;
}

/** What an extension may use of the server. */
export interface CollabCore {
  readonly db: Db;
  readonly registry: DocumentRegistry;
  readonly conns: Set<Conn>;
  log(message: string): void;
  /** Recheck the sockets a revocation concerns, at once. */
  revoke(target: RevocationTarget, id: string): Promise<void>;
}

export async function startCollabServer(options: CollabServerOptions): Promise<CollabServer> {
  const { db } = options;
  const log = options.log ?? ((m: string) => console.log(`[collab] ${m}`));
  const allowedOrigins = new Set(options.allowedOrigins.map((o) => o.replace(/\/$/, "")));
  const conns = new Set<Conn>();
  const extensions: CollabExtension[] = [];
  let closing = false;

  const stats = new StatsRecorder(options.debugStats ?? false);
  const compactor = new Compactor(db, options.compactAfterUpdates ?? 500, log);
  // eslint-disable-next-line prefer-const -- assigned once, below: the pipeline and the registry refer to each other
  let registry: DocumentRegistry;
  const pipeline = new StorePipeline({
    db,
    stats,
    log,
    onStored(doc, batch) {
      registry.changed(doc);
      for (const ext of extensions) {
        try {
          ext.afterStore?.(doc, batch);
        } catch (e) {
          log(`${ext.name}: ${(e as Error).message}`);
        }
      }
    },
  });
  registry = new DocumentRegistry({
    db,
    pipeline,
    compactor,
    extensions,
    unloadDelayMs: options.unloadDelayMs ?? 10_000,
    settleDelayMs: options.settleDelayMs ?? 2000,
    onSettled: options.onSettled,
    closing: () => closing,
    log,
  });
  const revocationsSeen = new Set<string>();
  const rechecker = new RightsRechecker(db, conns, options.recheckIntervalMs ?? 30_000, log);
  const core: CollabCore = {
    db,
    registry,
    conns,
    log,
    async revoke(target, id) {
      // The same revocation may arrive twice (NOTIFY and the Redis stream): act on it once.
      if (revocationsSeen.has(id)) return;
      revocationsSeen.add(id);
      if (revocationsSeen.size > 10_000) revocationsSeen.delete(revocationsSeen.values().next().value!);
      for (const ext of extensions) ext.afterRevocation?.(target, id);
      await rechecker.revoke(target);
    },
  };
  for (const make of options.extensions ?? []) extensions.push(make(core));

  const snapshotStats = () => stats.snapshot({ documents: registry.size, connections: conns.size });
  const httpServer = http.createServer((req, res) =>
    handleHttpRequest({ closing: () => closing, counts: () => ({ documents: registry.size, connections: conns.size }), stats: options.debugStats ? snapshotStats : null }, req, res),
  );

  // maxPayload above our own limit so that we, not ws, close an oversized frame, with our code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES * 2, perMessageDeflate: false });
  const connectionDeps = { registry, pipeline, conns, log };
  httpServer.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    if (closing) return refuseUpgrade(socket, { status: 403, reason: "Shutting down" });
    authoriseUpgrade(db, allowedOrigins, req).then(
      (result) => {
        if ("status" in result) return refuseUpgrade(socket, result);
        wss.handleUpgrade(req, socket, head, (ws) => void acceptConnection(connectionDeps, ws, result));
      },
      (e: unknown) => {
        log(`upgrade check failed: ${(e as Error).message}`);
        refuseUpgrade(socket, { status: 403, reason: "Could not check access" });
      },
    );
  });

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    rechecker.stop();
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    for (const c of conns) c.ws.close(CLOSE.restart, "Server restarting");
    await registry.closeAll();
    for (const ext of [...extensions].reverse()) {
      try {
        await ext.destroy?.();
      } catch (e) {
        log(`${ext.name}: ${(e as Error).message}`);
      }
    }
    // Give close frames a moment, then drop whatever is left.
    await new Promise((r) => setTimeout(r, 50));
    for (const c of conns) c.ws.terminate();
    httpServer.closeAllConnections();
    await stopped;
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    if (options.host) httpServer.listen(options.port, options.host, () => resolve());
    else httpServer.listen(options.port, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const ready = async () => {
    await Promise.all(extensions.map((e) => e.ready?.()));
  };
  return { port, close, recheckNow: () => rechecker.recheckAll(), ready, stats: snapshotStats };
}
