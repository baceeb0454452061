/**
 * Batched stores: every accepted update is committed to PostgreSQL before it is applied and
 * broadcast, so an edit anyone has seen survives a crash. Up to MAX_IN_FLIGHT inserts run at once
 * (each one INSERT of every update waiting), and each batch is applied only after its commit,
 * strictly in the order the batches were started. So an edit waits for one commit, not a queue.
 */
import * as Y from "yjs";
import type { Db } from "@/db";
import { appendUpdates } from "@/lib/collab/persistence";
import { CLOSE } from "@/lib/collab/protocol";
import type { StatsRecorder } from "./stats";
import type { Conn, PendingUpdate, SharedDoc, StoredBatch } from "./types";

/** Inserts of one document's updates that may be under way at once (the pool has 10 connections). */
const MAX_IN_FLIGHT = 3;

export interface StorePipelineDeps {
  db: Db;
  stats: StatsRecorder;
  log(message: string): void;
  /** A batch is committed and applied (and so broadcast to the local sockets). */
  onStored(doc: SharedDoc, batch: StoredBatch): void;
}

export class StorePipeline {
  constructor(private readonly deps: StorePipelineDeps) {}

  enqueue(doc: SharedDoc, update: Uint8Array, conn: Conn): void {
    doc.pending.push({ update, conn, at: performance.now() });
    this.pump(doc);
  }

  /** Resolves once nothing is pending or being stored for the document. */
  async drained(doc: SharedDoc): Promise<void> {
    while (doc.pending.length || doc.inFlight) await doc.applied;
  }

  private pump(doc: SharedDoc): void {
    while (doc.pending.length && doc.inFlight < MAX_IN_FLIGHT) {
      const batch = doc.pending.splice(0).filter((p) => !p.conn.failed);
      if (!batch.length) return;
      doc.inFlight++;
      const stored = appendUpdates(this.deps.db, batch.map((p) => ({ doc: doc.name, update: p.update, userId: p.conn.userId })));
      stored.catch(() => {}); // handled in order below
      doc.applied = doc.applied.then(async () => {
        try {
          this.apply(doc, batch, await stored);
        } catch (e) {
          this.deps.log(`could not store ${batch.length} update(s) on ${doc.name}: ${(e as Error).message}`);
          // Not stored, so not applied and not broadcast: the clients re-send it after reconnecting.
          for (const { conn } of batch) {
            conn.failed = true;
            conn.ws.close(CLOSE.storageFailed, "Could not store the change");
          }
        } finally {
          doc.inFlight--;
          this.pump(doc);
        }
      });
    }
  }

  private apply(doc: SharedDoc, batch: PendingUpdate[], seqs: number[]): void {
    for (const p of batch) this.deps.stats.recordStoreDelay(performance.now() - p.at);
    try {
      Y.transact(doc.ydoc, () => {
        for (const { update, conn } of batch) Y.applyUpdate(doc.ydoc, update, conn);
      });
    } catch (e) {
      // Stored but not applicable here: a reload merges it with everything else.
      this.deps.log(`could not apply an update on ${doc.name}: ${(e as Error).message}`);
    }
    doc.appliedSeqs.push(...seqs);
    for (const s of seqs) doc.seenSeqs.add(s);
    this.deps.onStored(doc, { updates: batch.map((p) => p.update), seqs });
  }
}
