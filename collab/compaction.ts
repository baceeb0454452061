/**
 * Folding a document's update rows into its snapshot. The in-memory state and the list of rows
 * applied to it are taken together synchronously, so storing may overlap later inserts without
 * holding up anyone's edits; rows still in flight are simply not deleted. Only one compaction of a
 * document runs at a time across every sidecar (an advisory lock in storeSnapshot). When another
 * snapshot was written since ours (another sidecar, or an older instance finishing its unload),
 * its content is merged in (and broadcast) and the rows it already folded are forgotten.
 */
import * as Y from "yjs";
import type { Db } from "@/db";
import { loadSnapshot, storeSnapshot, storedSeqs } from "@/lib/collab/persistence";
import { REMOTE, type SharedDoc } from "./types";

/** After another sidecar held the lock, wait this long before trying again. */
const BUSY_BACKOFF_MS = 1000;

export class Compactor {
  private readonly blockedUntil = new WeakMap<SharedDoc, number>();

  constructor(
    private readonly db: Db,
    private readonly compactAfter: number,
    private readonly log: (message: string) => void,
  ) {}

  /** Called after each applied batch: compacts once enough rows have piled up. */
  maybeCompact(doc: SharedDoc): void {
    if (doc.appliedSeqs.length < this.compactAfter || doc.compacting) return;
    if ((this.blockedUntil.get(doc) ?? 0) > Date.now()) return;
    void this.compact(doc);
  }

  async compact(doc: SharedDoc): Promise<void> {
    while (doc.compacting) await doc.compacting;
    if (doc.appliedSeqs.length === 0) return;
    doc.compacting = this.run(doc);
    try {
      await doc.compacting;
    } finally {
      doc.compacting = null;
    }
  }

  private async run(doc: SharedDoc): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const seqs = doc.appliedSeqs.splice(0);
      try {
        const version = await storeSnapshot(this.db, doc.name, Y.encodeStateAsUpdate(doc.ydoc), seqs, doc.snapshotVersion);
        if (typeof version === "number") {
          doc.snapshotVersion = version;
          return;
        }
        doc.appliedSeqs.unshift(...seqs);
        if (version === "busy") {
          // Another sidecar is compacting: come back later, whether or not more edits arrive.
          this.blockedUntil.set(doc, Date.now() + BUSY_BACKOFF_MS);
          setTimeout(() => {
            if (!doc.unloaded) this.maybeCompact(doc);
          }, BUSY_BACKOFF_MS + 10).unref();
          return;
        }
        await this.mergeNewerSnapshot(doc);
      } catch (e) {
        // The updates are still stored; compaction is only an optimisation and will be tried again.
        doc.appliedSeqs.unshift(...seqs);
        this.log(`could not compact ${doc.name}: ${(e as Error).message}`);
        return;
      }
    }
  }

  /** Someone else wrote a snapshot: take its content, and leave the rows it folded to it. */
  private async mergeNewerSnapshot(doc: SharedDoc): Promise<void> {
    const current = await loadSnapshot(this.db, doc.name);
    if (!current) return;
    Y.applyUpdate(doc.ydoc, current.state, REMOTE);
    doc.snapshotVersion = current.version;
    const asked = [...doc.appliedSeqs];
    const still = new Set(await storedSeqs(this.db, doc.name, asked));
    const folded = new Set(asked.filter((s) => !still.has(s)));
    doc.appliedSeqs = doc.appliedSeqs.filter((s) => !folded.has(s));
  }
}
