/**
 * The collaboration sidecar: a websocket server speaking the y-websocket protocol (sync step 1/2,
 * update, awareness, query-awareness) for co-edited Responses and syntheses.
 *
 * - Authorised on the HTTP upgrade, before a socket exists: Origin allowlist, a short-lived token
 *   for this very document, and the member's current standing and roles read from the database.
 * - A read-only connection may send awareness and sync step 1; its step 2 and updates are dropped.
 * - Every accepted update is committed to PostgreSQL before it is applied and broadcast, so an edit
 *   anyone has seen survives a crash. Updates are stored in batches (one INSERT per flush), and
 *   folded into a snapshot when a document has many of them or when its last client leaves.
 * - Every connected member is re-checked periodically; a suspension or a lost right closes the socket.
 */
import http from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Db } from "@/db";
import { isSignedIn, loadActor } from "@/lib/auth/actor";
import { collabModeFor, loadCollabResource } from "@/lib/collab/documents";
import { appendUpdates, applyStored, loadSnapshot, loadStoredDocument, storeSnapshot } from "@/lib/collab/persistence";
import { CLOSE, MAX_FRAME_BYTES, MESSAGE, SYNC, TOKEN_PROTOCOL_PREFIX, parseDocName, type CollabMode } from "@/lib/collab/protocol";
import { verifyCollabToken } from "@/lib/collab/token";
import { isAppError } from "@/lib/errors";

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
  log?: (message: string) => void;
}

export interface CollabServer {
  readonly port: number;
  /** Stops accepting, stores every loaded document as a snapshot, closes sockets with 1012. */
  close(): Promise<void>;
  /** Runs the periodic rights check now (tests). */
  recheckNow(): Promise<void>;
  stats(): CollabStats;
}

export interface CollabStats {
  documents: number;
  connections: number;
  rss: number;
  heapUsed: number;
  /** CPU time used by the process so far, in ms (user + system). */
  cpuMs: number;
  /** Since the last call (debug stats only): receipt of an update to its broadcast, the store in between. */
  storeToBroadcastMs?: { count: number; p50: number | null; p95: number | null; p99: number | null };
}

interface Conn {
  ws: WebSocket;
  userId: string;
  name: string;
  mode: CollabMode;
  doc: SharedDoc;
  /** Awareness client ids this socket set, removed when it closes. */
  awarenessIds: Set<number>;
  /** Set when storing one of its updates failed: later updates from it are dropped (they may depend on it). */
  failed: boolean;
  alive: boolean;
}

interface SharedDoc {
  name: string;
  ydoc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<Conn>;
  /** Received from writers, not yet being stored. */
  pending: { update: Uint8Array; conn: Conn; at: number }[];
  /** Inserts under way. */
  inFlight: number;
  /** The chain that applies stored batches in the order they were started. */
  applied: Promise<void>;
  /** collab_updates rows applied to the in-memory doc and not yet folded into a snapshot. */
  appliedSeqs: number[];
  /** The snapshot version this instance loaded or last wrote. */
  snapshotVersion: number;
  unloadTimer: NodeJS.Timeout | null;
  unloaded: boolean;
  /** Changed since onSettled last ran. */
  dirty: boolean;
  settleTimer: NodeJS.Timeout | null;
  compacting: Promise<void> | null;
}

/** Bytes waiting to be sent to one client before it is dropped as too slow. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Inserts of one document's updates that may be under way at once (the pool has 10 connections). */
const MAX_IN_FLIGHT = 3;

interface Grant {
  userId: string;
  /** The member's public name (pseudonym if they use one), shown on their caret whatever the client claims. */
  name: string;
  doc: string;
  mode: CollabMode;
}

type Refusal = { status: 401 | 403 | 404 | 400; reason: string };

export async function startCollabServer(options: CollabServerOptions): Promise<CollabServer> {
  const { db } = options;
  const recheckIntervalMs = options.recheckIntervalMs ?? 30_000;
  const unloadDelayMs = options.unloadDelayMs ?? 10_000;
  const compactAfter = options.compactAfterUpdates ?? 500;
  const settleDelayMs = options.settleDelayMs ?? 2000;
  const log = options.log ?? ((m: string) => console.log(`[collab] ${m}`));
  const allowedOrigins = new Set(options.allowedOrigins.map((o) => o.replace(/\/$/, "")));

  const docs = new Map<string, Promise<SharedDoc>>();
  const conns = new Set<Conn>();
  let closing = false;

  const httpServer = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/health") {
      res.writeHead(closing ? 503 : 200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify({ ok: !closing, documents: docs.size, connections: conns.size }));
      return;
    }
    if (options.debugStats && req.method === "GET" && path === "/debug/stats") {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (new URL(req.url ?? "/", "http://x").searchParams.has("gc")) gc?.();
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(stats()));
      return;
    }
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("Not found");
  });

  // maxPayload above our own limit so that we, not ws, close an oversized frame, with our code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES * 2, perMessageDeflate: false });

  httpServer.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    if (closing) return refuse(socket, { status: 403, reason: "Shutting down" });
    authorise(req).then(
      (result) => {
        if ("status" in result) return refuse(socket, result);
        wss.handleUpgrade(req, socket, head, (ws) => void accept(ws, result));
      },
      (e: unknown) => {
        log(`upgrade check failed: ${(e as Error).message}`);
        refuse(socket, { status: 403, reason: "Could not check access" });
      },
    );
  });

  function refuse(socket: Duplex, { status, reason }: Refusal): void {
    const text = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" }[status];
    if (socket.writable) socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
    socket.destroy();
  }

  /** Everything decided before a socket exists. */
  async function authorise(req: http.IncomingMessage): Promise<Refusal | Grant> {
    const origin = req.headers.origin;
    if (origin && !allowedOrigins.has(origin)) return { status: 403, reason: "Origin not allowed" };
    const url = new URL(req.url ?? "/", "http://sidecar");
    const doc = decodeURIComponent(url.pathname.slice(1));
    if (!parseDocName(doc)) return { status: 404, reason: "Unknown document" };
    const token = url.searchParams.get("token") ?? tokenFromProtocols(req.headers["sec-websocket-protocol"]);
    if (!token) return { status: 401, reason: "Token required" };
    const check = await verifyCollabToken(token);
    if (!check.ok) return { status: 401, reason: check.reason === "expired" ? "Token expired" : "Invalid token" };
    if (check.claims.doc !== doc) return { status: 403, reason: "Token is for another document" };
    const { mode, name } = await currentMode(check.claims.sub, doc);
    if (!mode) return { status: 403, reason: "Not allowed" };
    // Never more than the token says, never more than the rules allow now.
    return { userId: check.claims.sub, name, doc, mode: mode === "write" && check.claims.mode === "write" ? "write" : "read" };
  }

  async function currentMode(userId: string, doc: string): Promise<{ mode: CollabMode | null; name: string }> {
    const actor = await loadActor(db, userId);
    if (!isSignedIn(actor)) return { mode: null, name: "" };
    try {
      return { mode: collabModeFor(actor, await loadCollabResource(db, doc)), name: actor.publicName };
    } catch (e) {
      if (isAppError(e) && e.kind === "not_found") return { mode: null, name: "" };
      throw e;
    }
  }

  async function accept(ws: WebSocket, grant: Grant): Promise<void> {
    // Frames that arrive while the document loads are kept and handled in order afterwards.
    const early: RawData[] = [];
    const earlyHandler = (data: RawData) => early.push(data);
    ws.on("message", earlyHandler);
    ws.on("error", () => ws.terminate());
    let doc: SharedDoc;
    try {
      doc = await getDoc(grant.doc);
    } catch (e) {
      log(`could not load ${grant.doc}: ${(e as Error).message}`);
      ws.close(CLOSE.storageFailed, "Could not load the document");
      return;
    }
    if (ws.readyState !== WebSocket.OPEN) return releaseIfIdle(doc);
    const conn: Conn = { ws, userId: grant.userId, name: grant.name, mode: grant.mode, doc, awarenessIds: new Set(), failed: false, alive: true };
    conns.add(conn);
    doc.conns.add(conn);
    if (doc.unloadTimer) {
      clearTimeout(doc.unloadTimer);
      doc.unloadTimer = null;
    }
    ws.off("message", earlyHandler);
    ws.on("message", (data) => onMessage(conn, data));
    ws.on("pong", () => (conn.alive = true));
    ws.on("close", () => onClose(conn));

    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.writeSyncStep1(encoder, doc.ydoc);
    send(conn, encoding.toUint8Array(encoder));
    const states = doc.awareness.getStates();
    if (states.size > 0) send(conn, awarenessMessage(doc.awareness, [...states.keys()]));
    for (const data of early) onMessage(conn, data);
  }

  function onMessage(conn: Conn, data: RawData): void {
    const bytes = toBytes(data);
    if (bytes.byteLength > MAX_FRAME_BYTES) return conn.ws.close(CLOSE.tooLarge, "Frame too large");
    try {
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      const doc = conn.doc;
      switch (type) {
        case MESSAGE.sync: {
          const sub = decoding.readVarUint(decoder);
          if (sub === SYNC.step1) {
            const encoder = encoding.createEncoder();
            encoding.writeVarUint(encoder, MESSAGE.sync);
            encoding.writeVarUint(encoder, SYNC.step2);
            const stateVector = decoding.readVarUint8Array(decoder);
            encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc.ydoc, stateVector));
            send(conn, encoding.toUint8Array(encoder));
          } else if (sub === SYNC.step2 || sub === SYNC.update) {
            const update = decoding.readVarUint8Array(decoder);
            // Whatever a read-only client sends, it never changes the document.
            if (conn.mode !== "write" || conn.failed) return;
            validateUpdate(update);
            enqueue(doc, update, conn);
          } else {
            throw new Error(`unknown sync message ${sub}`);
          }
          break;
        }
        case MESSAGE.awareness: {
          // A caret carries the name of the member behind the socket, not whatever name the client sent.
          const update = awarenessProtocol.modifyAwarenessUpdate(decoding.readVarUint8Array(decoder), (state: unknown) =>
            state && typeof state === "object" ? { ...state, user: { ...(((state as { user?: object }).user) ?? {}), name: conn.name, id: conn.userId } } : state,
          );
          awarenessProtocol.applyAwarenessUpdate(doc.awareness, update, conn);
          break;
        }
        case MESSAGE.queryAwareness:
          send(conn, awarenessMessage(doc.awareness, [...doc.awareness.getStates().keys()]));
          break;
        case MESSAGE.auth:
          // Authorisation happened on the upgrade; nothing to do.
          break;
        default:
          throw new Error(`unknown message type ${type}`);
      }
    } catch (e) {
      log(`closing a socket on ${conn.doc.name} after a malformed frame: ${(e as Error).message}`);
      conn.ws.close(CLOSE.malformed, "Malformed message");
    }
  }

  /** Decodes an update without applying it, so that garbage is refused before it is stored. */
  function validateUpdate(update: Uint8Array): void {
    Y.decodeUpdate(update);
  }

  function enqueue(doc: SharedDoc, update: Uint8Array, conn: Conn): void {
    doc.pending.push({ update, conn, at: performance.now() });
    pump(doc);
  }

  /**
   * Starts storing what is pending, with up to MAX_IN_FLIGHT inserts at once (each one INSERT of
   * every update waiting), and applies and broadcasts each batch only after its commit, strictly in
   * the order the batches were started. So an edit waits for one commit, not for a queue of them.
   */
  function pump(doc: SharedDoc): void {
    while (doc.pending.length && doc.inFlight < MAX_IN_FLIGHT) {
      const batch = doc.pending.splice(0).filter((p) => !p.conn.failed);
      if (!batch.length) return;
      doc.inFlight++;
      const stored = appendUpdates(db, batch.map((p) => ({ doc: doc.name, update: p.update, userId: p.conn.userId })));
      stored.catch(() => {}); // handled in order below
      doc.applied = doc.applied.then(async () => {
        try {
          applyBatch(doc, batch, await stored);
        } catch (e) {
          log(`could not store ${batch.length} update(s) on ${doc.name}: ${(e as Error).message}`);
          // Not stored, so not applied and not broadcast: the clients re-send it after reconnecting.
          for (const { conn } of batch) {
            conn.failed = true;
            conn.ws.close(CLOSE.storageFailed, "Could not store the change");
          }
        } finally {
          doc.inFlight--;
          pump(doc);
        }
      });
    }
  }

  function applyBatch(doc: SharedDoc, batch: SharedDoc["pending"], seqs: number[]): void {
    if (options.debugStats) for (const p of batch) recordStoreDelay(performance.now() - p.at);
    try {
      Y.transact(doc.ydoc, () => {
        for (const { update, conn } of batch) Y.applyUpdate(doc.ydoc, update, conn);
      });
    } catch (e) {
      // Stored but not applicable here: a reload merges it with everything else.
      log(`could not apply an update on ${doc.name}: ${(e as Error).message}`);
    }
    doc.appliedSeqs.push(...seqs);
    doc.dirty = true;
    doc.settleTimer ??= setTimeout(() => void settle(doc), settleDelayMs);
    if (doc.appliedSeqs.length >= compactAfter && !doc.compacting) void compact(doc);
  }

  /** Resolves once nothing is pending or being stored for the document. */
  async function drained(doc: SharedDoc): Promise<void> {
    while (doc.pending.length || doc.inFlight) await doc.applied;
  }

  /**
   * Writes the in-memory state as the snapshot and deletes exactly the update rows applied to it.
   * State and row list are taken together synchronously, so storing may overlap later inserts
   * without holding up anyone's edits; rows still in flight are simply not deleted. If another
   * snapshot was written since ours (an older instance of this document finishing its unload),
   * its content is merged in (and broadcast) before trying again.
   */
  async function compact(doc: SharedDoc): Promise<void> {
    while (doc.compacting) await doc.compacting;
    if (doc.appliedSeqs.length === 0) return;
    doc.compacting = (async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const seqs = doc.appliedSeqs.splice(0);
        try {
          const version = await storeSnapshot(db, doc.name, Y.encodeStateAsUpdate(doc.ydoc), seqs, doc.snapshotVersion);
          if (version !== null) {
            doc.snapshotVersion = version;
            return;
          }
          doc.appliedSeqs.unshift(...seqs);
          const current = await loadSnapshot(db, doc.name);
          if (current) {
            Y.applyUpdate(doc.ydoc, current.state);
            doc.snapshotVersion = current.version;
          }
        } catch (e) {
          // The updates are still stored; compaction is only an optimisation and will be tried again.
          doc.appliedSeqs.unshift(...seqs);
          log(`could not compact ${doc.name}: ${(e as Error).message}`);
          return;
        }
      }
    })();
    try {
      await doc.compacting;
    } finally {
      doc.compacting = null;
    }
  }

  async function settle(doc: SharedDoc): Promise<void> {
    if (doc.settleTimer) clearTimeout(doc.settleTimer);
    doc.settleTimer = null;
    if (!doc.dirty || !options.onSettled) return;
    doc.dirty = false;
    try {
      await options.onSettled(doc.name, doc.ydoc);
    } catch (e) {
      log(`could not refresh ${doc.name} for readers: ${(e as Error).message}`);
    }
  }

  function getDoc(name: string): Promise<SharedDoc> {
    let loading = docs.get(name);
    if (!loading) {
      loading = loadDoc(name);
      docs.set(name, loading);
      loading.catch(() => docs.delete(name));
    }
    return loading;
  }

  async function loadDoc(name: string): Promise<SharedDoc> {
    const stored = await loadStoredDocument(db, name);
    const ydoc = new Y.Doc({ gc: true });
    applyStored(ydoc, stored.parts);
    const awareness = new awarenessProtocol.Awareness(ydoc);
    awareness.setLocalState(null);
    const doc: SharedDoc = {
      name,
      ydoc,
      awareness,
      conns: new Set(),
      pending: [],
      inFlight: 0,
      applied: Promise.resolve(),
      appliedSeqs: stored.updateSeqs,
      snapshotVersion: stored.snapshotVersion,
      unloadTimer: null,
      unloaded: false,
      dirty: false,
      settleTimer: null,
      compacting: null,
    };
    ydoc.on("update", (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const c of doc.conns) send(c, message);
    });
    awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (origin && typeof origin === "object" && "awarenessIds" in origin) {
        const conn = origin as Conn;
        for (const id of added) conn.awarenessIds.add(id);
        for (const id of removed) conn.awarenessIds.delete(id);
      }
      const message = awarenessMessage(awareness, changed);
      for (const c of doc.conns) send(c, message);
    });
    return doc;
  }

  function onClose(conn: Conn): void {
    conns.delete(conn);
    const doc = conn.doc;
    doc.conns.delete(conn);
    if (conn.awarenessIds.size) awarenessProtocol.removeAwarenessStates(doc.awareness, [...conn.awarenessIds], null);
    releaseIfIdle(doc);
  }

  function releaseIfIdle(doc: SharedDoc): void {
    if (doc.conns.size > 0 || doc.unloadTimer || closing) return;
    doc.unloadTimer = setTimeout(() => void unload(doc), unloadDelayMs);
  }

  /** Stores the idle document as a snapshot and forgets it. A client arriving meanwhile loads it afresh. */
  async function unload(doc: SharedDoc): Promise<void> {
    doc.unloadTimer = null;
    if (doc.conns.size > 0 || doc.unloaded) return;
    doc.unloaded = true;
    docs.delete(doc.name);
    await drained(doc);
    await compact(doc);
    await settle(doc);
    doc.awareness.destroy();
    doc.ydoc.destroy();
  }

  function send(conn: Conn, message: Uint8Array): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    // A client that stopped reading must not make us buffer without end; it resyncs when it returns.
    if (conn.ws.bufferedAmount > MAX_BUFFERED_BYTES) return conn.ws.terminate();
    conn.ws.send(message, (err) => {
      if (err) conn.ws.terminate();
    });
  }

  /** Reads every connected member's rights again: suspended or no longer allowed → closed. */
  async function recheck(): Promise<void> {
    const byKey = new Map<string, Conn[]>();
    for (const c of conns) {
      const key = `${c.userId} ${c.doc.name}`;
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
    }
    for (const [key, list] of byKey) {
      const [userId, doc] = key.split(" ") as [string, string];
      let mode: CollabMode | null;
      try {
        mode = (await currentMode(userId, doc)).mode;
      } catch (e) {
        log(`could not re-check ${userId}: ${(e as Error).message}`);
        continue;
      }
      for (const c of list) {
        if (mode === null) c.ws.close(CLOSE.forbidden, "Access withdrawn");
        // Lost the right to write: close so that the client reconnects read-only with a fresh token.
        else if (c.mode === "write" && mode === "read") c.ws.close(CLOSE.forbidden, "Now read-only");
      }
    }
  }
  let rechecking: Promise<void> | null = null;
  const recheckNow = () => (rechecking ??= recheck().finally(() => (rechecking = null)));
  const recheckTimer = setInterval(() => void recheckNow(), recheckIntervalMs);
  recheckTimer.unref();

  // Sockets that stop answering pings are dropped, so their awareness (carets) disappears.
  const pingTimer = setInterval(() => {
    for (const c of conns) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, 30_000);
  pingTimer.unref();

  /** Time from receiving an update to broadcasting it (stored meanwhile), for the debug stats. */
  const storeDelays: number[] = [];
  function recordStoreDelay(ms: number) {
    if (storeDelays.length < 200_000) storeDelays.push(ms);
  }

  function stats(): CollabStats {
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    const sorted = storeDelays.splice(0).sort((a, b) => a - b);
    const at = (p: number) => (sorted.length ? +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1) : null);
    return {
      storeToBroadcastMs: { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) }, documents: docs.size, connections: conns.size, rss: mem.rss, heapUsed: mem.heapUsed, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
  }

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    clearInterval(recheckTimer);
    clearInterval(pingTimer);
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    const loaded = await Promise.allSettled([...docs.values()]);
    for (const c of conns) c.ws.close(CLOSE.restart, "Server restarting");
    for (const r of loaded) {
      if (r.status !== "fulfilled") continue;
      const doc = r.value;
      if (doc.unloadTimer) clearTimeout(doc.unloadTimer);
      await drained(doc);
      await compact(doc);
      await settle(doc);
      doc.awareness.destroy();
      doc.ydoc.destroy();
    }
    docs.clear();
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
  return { port, close, recheckNow, stats };
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A browser cannot set headers on a websocket, so it may carry the token as a subprotocol. */
function tokenFromProtocols(header: string | undefined): string | null {
  if (!header) return null;
  for (const p of header.split(",").map((s) => s.trim())) if (p.startsWith(TOKEN_PROTOCOL_PREFIX)) return p.slice(TOKEN_PROTOCOL_PREFIX.length);
  return null;
}
