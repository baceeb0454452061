/**
 * Several sidecars on one document, through Redis Streams (the way y-redis does it, on our own
 * terms). PostgreSQL's collab_updates stays the only durable log and is written before any
 * broadcast; Redis only carries what was stored to the other sidecars:
 *
 * - each stored batch is added to the document's stream (`<prefix>collab:doc:<name>`) with its
 *   seqs, the publishing sidecar's id and a per-document counter; awareness changes of local
 *   sockets go on the same stream;
 * - a sidecar reads the streams of the documents it holds (one blocking XREAD), applies what
 *   others published, and catches up from PostgreSQL by seq when it sees a gap in a publisher's
 *   counter, when it reconnects to Redis, and every few seconds as a safety net (a publisher
 *   killed between its commit and its XADD);
 * - while Redis is down, every sidecar polls PostgreSQL once a second instead: slower, still correct;
 * - revocations are relayed on `<prefix>collab:revocations`, next to PostgreSQL NOTIFY.
 *
 * A document's stream position is taken before the document is read from PostgreSQL, so nothing
 * committed in between can be missed (an update seen twice changes nothing).
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { catchUp } from "./catch-up";
import type { CollabCore } from "./server";
import { REMOTE, type CollabExtension, type RevocationTarget, type SharedDoc, type StoredBatch } from "./types";

export interface RedisFanoutOptions {
  url: string;
  /** Prepended to every key, so that several deployments (or test runs) share one Redis. */
  prefix?: string;
  /** How long one XREAD blocks (it is woken early when the set of documents changes). Default 2000 ms. */
  blockMs?: number;
  /** Safety-net catch-up of every loaded document from PostgreSQL. Default 5000 ms. */
  reconcileMs?: number;
  /** While Redis is unreachable, catch up from PostgreSQL this often. Default 1000 ms. */
  pollWhileDownMs?: number;
  /** Entries kept per document stream (approximately). Default 1000. */
  maxStreamLength?: number;
}

const REVOCATIONS = "collab:revocations";
const STREAM_TTL_SECONDS = 24 * 3600;

export function redisFanout(options: RedisFanoutOptions): (core: CollabCore) => CollabExtension {
  return (core) => new RedisFanout(core, options);
}

class RedisFanout implements CollabExtension {
  readonly name = "redis";
  private readonly id = randomUUID().slice(0, 8);
  private readonly prefix: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  /** Stream key → last entry id read. */
  private readonly positions = new Map<string, string>();
  /** Per document: our next counter; per (document, publisher): the last counter seen. */
  private readonly sent = new Map<string, number>();
  private readonly heard = new Map<string, number>();
  private readerId: number | null = null;
  private reading = false;
  private stopped = false;
  private wasDown = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private loop: Promise<void> | null = null;
  private markListening!: () => void;
  private readonly listening = new Promise<void>((r) => (this.markListening = r));

  constructor(
    private readonly core: CollabCore,
    private readonly options: RedisFanoutOptions,
  ) {
    this.prefix = options.prefix ?? "";
    // Publishing never waits for a Redis that is down: the update is stored, and readers catch up.
    this.pub = new Redis(options.url, { protocol: 2, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 250 });
    this.sub = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null, retryStrategy: () => 250 });
    for (const r of [this.pub, this.sub]) r.on("error", () => {}); // reconnection is automatic; state is read from .status
    this.sub.on("close", () => {
      if (!this.stopped) this.wasDown = true;
    });
    this.positions.set(this.key(REVOCATIONS), "$");
    this.timers.push(setInterval(() => void this.catchUpAll(), options.reconcileMs ?? 5000));
    this.timers.push(
      setInterval(() => {
        if (this.sub.status !== "ready" || this.pub.status !== "ready") void this.catchUpAll();
      }, options.pollWhileDownMs ?? 1000),
    );
    for (const t of this.timers) t.unref();
    this.loop = this.read();
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  private docKey(doc: string): string {
    return this.key(`collab:doc:${doc}`);
  }

  async beforeLoad(doc: string): Promise<void> {
    const key = this.docKey(doc);
    let last = "0-0";
    try {
      if (this.pub.status === "ready") {
        const [entry] = await this.pub.xrevrange(key, "+", "-", "COUNT", 1);
        if (entry) last = entry[0];
      }
    } catch {
      // Redis is down: read from the start of whatever stream there is, and catch up when it returns.
    }
    this.positions.set(key, last);
  }

  afterLoad(doc: SharedDoc): void {
    if (!this.positions.has(this.docKey(doc.name))) this.positions.set(this.docKey(doc.name), "0-0");
    this.wake();
  }

  afterUnload(doc: string): void {
    this.positions.delete(this.docKey(doc));
    this.sent.delete(doc);
    for (const k of [...this.heard.keys()]) if (k.startsWith(`${doc} `)) this.heard.delete(k);
    this.wake();
  }

  afterStore(doc: SharedDoc, batch: StoredBatch): void {
    const update = batch.updates.length === 1 ? batch.updates[0]! : Y.mergeUpdates(batch.updates);
    this.publish(doc.name, ["t", "u", "s", batch.seqs.join(","), "u", Buffer.from(update)]);
  }

  afterLocalAwareness(doc: SharedDoc, update: Uint8Array): void {
    this.publish(doc.name, ["t", "a", "u", Buffer.from(update)]);
  }

  afterRevocation(target: RevocationTarget, id: string): void {
    if ("all" in target) return;
    this.pub.xadd(this.key(REVOCATIONS), "MAXLEN", "~", "1000", "*", "p", this.id, "i", id, "r", JSON.stringify(target)).catch(() => {});
  }

  ready(): Promise<void> {
    return this.listening;
  }

  async destroy(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.wake();
    this.sub.disconnect();
    this.pub.disconnect();
    // A read stuck on a Redis that never answered ends with the connection; do not wait for it longer.
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, 500).unref())]);
  }

  private publish(doc: string, fields: (string | Buffer)[]): void {
    // The counter moves even when Redis refuses the entry: the gap tells readers to catch up.
    const n = (this.sent.get(doc) ?? 0) + 1;
    this.sent.set(doc, n);
    const key = this.docKey(doc);
    this.pub.xaddBuffer(key, "MAXLEN", "~", String(this.options.maxStreamLength ?? 1000), "*", "p", this.id, "n", String(n), ...fields).catch(() => {});
    // Streams of documents nobody edits any more go away by themselves (PostgreSQL keeps everything).
    if (n % 1000 === 1) this.pub.expire(key, STREAM_TTL_SECONDS).catch(() => {});
  }

  /** Ends the current blocking read so that the next one covers the current set of streams. */
  private wake(): void {
    if (!this.reading || this.readerId === null || this.pub.status !== "ready") return;
    this.pub.client("UNBLOCK", this.readerId).catch(() => {});
  }

  private async read(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.readerId === null || this.wasDown) {
          this.readerId = Number(await this.sub.client("ID"));
          for (const [key, position] of this.positions) {
            if (position !== "$") continue;
            const [entry] = await this.sub.xrevrange(key, "+", "-", "COUNT", 1);
            this.positions.set(key, entry ? entry[0] : "0-0");
          }
          if (this.wasDown) {
            this.wasDown = false;
            // Whatever was published while we could not read may be gone with Redis: PostgreSQL has it.
            void this.catchUpAll();
            void this.core.revoke({ all: true }, randomUUID());
          }
        }
        const keys = [...this.positions.keys()];
        this.reading = true;
        this.markListening();
        const reply = (await this.sub.callBuffer("XREAD", "COUNT", "500", "BLOCK", String(this.options.blockMs ?? 2000), "STREAMS", ...keys, ...keys.map((k) => this.positions.get(k)!))) as
          | [Buffer, [Buffer, Buffer[]][]][]
          | null;
        this.reading = false;
        for (const [keyBuf, entries] of reply ?? []) {
          const key = keyBuf.toString();
          if (!this.positions.has(key)) continue;
          for (const [idBuf, fields] of entries) {
            this.positions.set(key, idBuf.toString());
            await this.handle(key, fields);
          }
        }
      } catch {
        this.reading = false;
        if (this.stopped) return;
        this.wasDown = true;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private async handle(key: string, raw: Buffer[]): Promise<void> {
    const fields = new Map<string, Buffer>();
    for (let i = 0; i + 1 < raw.length; i += 2) fields.set(raw[i]!.toString(), raw[i + 1]!);
    const publisher = fields.get("p")?.toString();
    if (!publisher || publisher === this.id) return;
    if (key === this.key(REVOCATIONS)) {
      const target = JSON.parse(fields.get("r")?.toString() ?? "null") as RevocationTarget | null;
      const id = fields.get("i")?.toString();
      if (target && id) await this.core.revoke(target, id);
      return;
    }
    const name = key.slice(this.docKey("").length);
    const loading = this.core.registry.peek(name);
    if (!loading) return;
    const doc = await loading.catch(() => null);
    if (!doc || doc.unloaded) return;
    const type = fields.get("t")?.toString();
    const update = fields.get("u");
    if (!update) return;
    const bytes = new Uint8Array(update.buffer, update.byteOffset, update.byteLength);
    if (type === "a") {
      awarenessProtocol.applyAwarenessUpdate(doc.awareness, bytes, REMOTE);
      return;
    }
    const n = Number(fields.get("n")?.toString());
    const heardKey = `${name} ${publisher}`;
    const last = this.heard.get(heardKey);
    this.heard.set(heardKey, n);
    if (last !== undefined && n !== last + 1) void catchUp(this.core.db, this.core.registry, doc);
    const seqs = (fields.get("s")?.toString() ?? "").split(",").filter(Boolean).map(Number);
    if (seqs.length && seqs.every((s) => doc.seenSeqs.has(s))) return;
    try {
      Y.applyUpdate(doc.ydoc, bytes, REMOTE);
    } catch (e) {
      this.core.log(`could not apply a streamed update on ${name}: ${(e as Error).message}`);
      void catchUp(this.core.db, this.core.registry, doc);
      return;
    }
    for (const s of seqs) {
      if (doc.seenSeqs.has(s)) continue;
      doc.seenSeqs.add(s);
      doc.appliedSeqs.push(s);
    }
    this.core.registry.changed(doc);
  }

  private async catchUpAll(): Promise<void> {
    for (const doc of await this.core.registry.loaded()) {
      await catchUp(this.core.db, this.core.registry, doc).catch((e: unknown) => this.core.log(`could not catch up ${doc.name}: ${(e as Error).message}`));
    }
  }
}
