/**
 * Bringing a loaded document up to date from PostgreSQL, the one durable log: after a gap in the
 * stream from another sidecar, a reconnect to Redis, a change the web app stored, or while Redis
 * is down. Applying a Yjs update twice changes nothing, so catching up is always safe; it only
 * reads the rows this instance has not applied, and the snapshot if another instance moved it on.
 */
import { sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "@/db";
import { collabSnapshots, collabUpdates } from "@/db/schema";
import { loadSnapshot } from "@/lib/collab/persistence";
import type { DocumentRegistry } from "./document-registry";
import { REMOTE, type SharedDoc } from "./types";

const asBytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Catches the document up; runs once at a time per document, once more if asked again meanwhile. */
export function catchUp(db: Db, registry: DocumentRegistry, doc: SharedDoc): Promise<void> {
  if (doc.catchingUp) {
    doc.catchUpAgain = true;
    return doc.catchingUp;
  }
  doc.catchingUp = (async () => {
    try {
      do {
        doc.catchUpAgain = false;
        if (doc.unloaded) return;
        await catchUpOnce(db, registry, doc);
      } while (doc.catchUpAgain);
    } finally {
      doc.catchingUp = null;
    }
  })();
  return doc.catchingUp;
}

async function catchUpOnce(db: Db, registry: DocumentRegistry, doc: SharedDoc): Promise<void> {
  const known = [...doc.seenSeqs];
  // One statement: the snapshot's version and every row, with the bytes of the rows not yet applied.
  const result = await db.execute<{ kind: number; seq: string; data: Buffer | null }>(sql`
    select 0 as kind, version::bigint as seq, null::bytea as data from ${collabSnapshots} where doc = ${doc.name}
    union all
    select 1, u.seq, case when u.seq = any(string_to_array(${known.join(",")}, ',')::bigint[]) then null else u.update end
    from ${collabUpdates} u where u.doc = ${doc.name}
    order by kind, seq`);
  if (doc.unloaded) return;
  const stored = new Set<number>();
  const missing: { seq: number; update: Uint8Array }[] = [];
  let snapshotVersion = 0;
  for (const row of result.rows) {
    if (Number(row.kind) === 0) snapshotVersion = Number(row.seq);
    else {
      stored.add(Number(row.seq));
      if (row.data) missing.push({ seq: Number(row.seq), update: asBytes(row.data) });
    }
  }
  let changed = false;
  if (snapshotVersion > doc.snapshotVersion) {
    // Another instance folded rows we may never have seen into a newer snapshot: take it.
    const snapshot = await loadSnapshot(db, doc.name);
    if (snapshot && !doc.unloaded) {
      Y.applyUpdate(doc.ydoc, snapshot.state, REMOTE);
      doc.snapshotVersion = Math.max(doc.snapshotVersion, snapshot.version);
      changed = true;
    }
  }
  const fresh = missing.filter((m) => !doc.seenSeqs.has(m.seq));
  if (fresh.length && !doc.unloaded) {
    Y.transact(
      doc.ydoc,
      () => {
        for (const m of fresh) Y.applyUpdate(doc.ydoc, m.update, REMOTE);
      },
      REMOTE,
    );
    for (const m of fresh) {
      doc.seenSeqs.add(m.seq);
      doc.appliedSeqs.push(m.seq);
    }
    changed = true;
  }
  // Rows folded into a snapshot are gone for good: forget them, so the set stays small.
  for (const seq of known) if (!stored.has(seq)) doc.seenSeqs.delete(seq);
  if (changed) registry.changed(doc);
}
