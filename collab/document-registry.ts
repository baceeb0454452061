/**
 * Document lifecycle: a document is loaded from PostgreSQL when its first socket arrives, shared
 * by every socket on it, and stored as a snapshot and forgotten a little after the last one
 * leaves. Its Y.Doc and awareness broadcast every change to the local sockets.
 */
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Db } from "@/db";
import { applyStored, loadStoredDocument } from "@/lib/collab/persistence";
import { MESSAGE } from "@/lib/collab/protocol";
import { awarenessMessage } from "./awareness";
import { send } from "./broadcast";
import type { Compactor } from "./compaction";
import type { StorePipeline } from "./store-pipeline";
import { REMOTE, type CollabExtension, type Conn, type SharedDoc } from "./types";

export interface DocumentRegistryDeps {
  db: Db;
  pipeline: StorePipeline;
  compactor: Compactor;
  extensions: CollabExtension[];
  unloadDelayMs: number;
  settleDelayMs: number;
  onSettled?: (doc: string, ydoc: Y.Doc) => Promise<void> | void;
  closing(): boolean;
  log(message: string): void;
}

export class DocumentRegistry {
  private readonly docs = new Map<string, Promise<SharedDoc>>();

  constructor(private readonly deps: DocumentRegistryDeps) {}

  get size(): number {
    return this.docs.size;
  }

  get(name: string): Promise<SharedDoc> {
    let loading = this.docs.get(name);
    if (!loading) {
      loading = this.load(name);
      this.docs.set(name, loading);
      loading.catch(() => this.docs.delete(name));
    }
    return loading;
  }

  /** The document if it is loaded (or loading) here; null otherwise. */
  peek(name: string): Promise<SharedDoc> | null {
    return this.docs.get(name) ?? null;
  }

  /** Every document loaded here. */
  async loaded(): Promise<SharedDoc[]> {
    const all = await Promise.allSettled([...this.docs.values()]);
    return all.flatMap((r) => (r.status === "fulfilled" && !r.value.unloaded ? [r.value] : []));
  }

  attach(doc: SharedDoc, conn: Conn): void {
    doc.conns.add(conn);
    if (doc.unloadTimer) {
      clearTimeout(doc.unloadTimer);
      doc.unloadTimer = null;
    }
  }

  detach(conn: Conn): void {
    const doc = conn.doc;
    doc.conns.delete(conn);
    if (conn.awarenessId !== null && doc.awareness.getStates().has(conn.awarenessId)) {
      awarenessProtocol.removeAwarenessStates(doc.awareness, [conn.awarenessId], null);
    }
    this.releaseIfIdle(doc);
  }

  releaseIfIdle(doc: SharedDoc): void {
    if (doc.conns.size > 0 || doc.unloadTimer || this.deps.closing()) return;
    doc.unloadTimer = setTimeout(() => void this.unload(doc), this.deps.unloadDelayMs);
  }

  /** The document changed: refresh the readers' render within settleDelayMs, and compact if due. */
  changed(doc: SharedDoc): void {
    doc.dirty = true;
    doc.settleTimer ??= setTimeout(() => void this.settle(doc), this.deps.settleDelayMs);
    this.deps.compactor.maybeCompact(doc);
  }

  /** Stores every loaded document as a snapshot and forgets it (shutdown). */
  async closeAll(): Promise<void> {
    const loaded = await Promise.allSettled([...this.docs.values()]);
    for (const r of loaded) {
      if (r.status !== "fulfilled") continue;
      const doc = r.value;
      if (doc.unloadTimer) clearTimeout(doc.unloadTimer);
      await this.retire(doc);
    }
    this.docs.clear();
  }

  private async load(name: string): Promise<SharedDoc> {
    for (const ext of this.deps.extensions) await ext.beforeLoad?.(name);
    const stored = await loadStoredDocument(this.deps.db, name);
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
      seenSeqs: new Set(stored.updateSeqs),
      snapshotVersion: stored.snapshotVersion,
      unloadTimer: null,
      unloaded: false,
      dirty: false,
      settleTimer: null,
      compacting: null,
      catchingUp: null,
      catchUpAgain: false,
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
      const message = awarenessMessage(awareness, changed);
      for (const c of doc.conns) send(c, message);
      if (origin !== REMOTE && this.deps.extensions.some((e) => e.afterLocalAwareness)) {
        const update = awarenessProtocol.encodeAwarenessUpdate(awareness, changed);
        for (const ext of this.deps.extensions) this.safely(ext, () => ext.afterLocalAwareness?.(doc, update));
      }
    });
    for (const ext of this.deps.extensions) await ext.afterLoad?.(doc);
    return doc;
  }

  /** Stores the idle document as a snapshot and forgets it. A client arriving meanwhile loads it afresh. */
  private async unload(doc: SharedDoc): Promise<void> {
    doc.unloadTimer = null;
    if (doc.conns.size > 0 || doc.unloaded) return;
    this.docs.delete(doc.name);
    await this.retire(doc);
  }

  private async retire(doc: SharedDoc): Promise<void> {
    doc.unloaded = true;
    await this.deps.pipeline.drained(doc);
    await doc.catchingUp;
    await this.deps.compactor.compact(doc);
    await this.settle(doc);
    doc.awareness.destroy();
    doc.ydoc.destroy();
    for (const ext of this.deps.extensions) this.safely(ext, () => ext.afterUnload?.(doc.name));
  }

  private async settle(doc: SharedDoc): Promise<void> {
    if (doc.settleTimer) clearTimeout(doc.settleTimer);
    doc.settleTimer = null;
    if (!doc.dirty || !this.deps.onSettled) return;
    doc.dirty = false;
    try {
      await this.deps.onSettled(doc.name, doc.ydoc);
    } catch (e) {
      this.deps.log(`could not refresh ${doc.name} for readers: ${(e as Error).message}`);
    }
  }

  private safely(ext: CollabExtension, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.deps.log(`${ext.name}: ${(e as Error).message}`);
    }
  }
}
