/**
 * Where co-edited documents live in PostgreSQL: an append-only log of Yjs updates per document
 * (collab_updates), folded now and then into one snapshot (collab_snapshots). A document is its
 * snapshot plus every later update; merging them in any order gives the same document.
 */
import { promisify } from "node:util";
import { constants, deflateRaw, inflateRaw } from "node:zlib";
import { and, eq, inArray, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db, Tx } from "@/db";
import { collabSnapshots, collabUpdates } from "@/db/schema";

export interface StoredDocument {
  /** The snapshot first (if any), then the update rows not yet folded into it, by seq. */
  parts: Uint8Array[];
  /** The seqs of those update rows: compaction deletes exactly these once they are in a snapshot. */
  updateSeqs: number[];
  /** Version of the snapshot read (0: none yet). */
  snapshotVersion: number;
}

const asBytes = (b: Buffer | Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/**
 * Snapshots are stored deflated: text compresses about threefold, and moving the bytes out of
 * PostgreSQL is what dominates loading a large document. (zlib runs off the event loop.)
 */
export const packState = async (state: Uint8Array) => asBytes(await deflate(state, { level: constants.Z_BEST_SPEED }));
export const unpackState = async (packed: Uint8Array) => asBytes(await inflate(packed));

/**
 * Reads a document: its snapshot and every update row still there. Compaction deletes exactly the
 * rows it folded in, in the same transaction as it writes the snapshot, so whatever rows remain
 * are needed (or, at worst, already in the snapshot: applying a Yjs update twice changes nothing).
 * ONE statement, so a compaction committing meanwhile can never pair the old snapshot with the
 * post-compaction rows.
 */
export async function loadStoredDocument(db: Tx, doc: string): Promise<StoredDocument> {
  // The (large) snapshot travels as base64 text: a third smaller than bytea's hex text form.
  const result = await db.execute<{ kind: number; data: Buffer | null; b64: string | null; seq: string }>(sql`
    select 0 as kind, null::bytea as data, encode(state, 'base64') as b64, version::bigint as seq from ${collabSnapshots} where doc = ${doc}
    union all
    select 1, u.update, null, u.seq from ${collabUpdates} u where u.doc = ${doc}
    order by kind, seq`);
  const parts: Uint8Array[] = [];
  const updateSeqs: number[] = [];
  let snapshotVersion = 0;
  for (const row of result.rows) {
    const isSnapshot = Number(row.kind) === 0;
    parts.push(isSnapshot ? await unpackState(Buffer.from(row.b64!, "base64")) : asBytes(row.data!));
    if (isSnapshot) snapshotVersion = Number(row.seq);
    else updateSeqs.push(Number(row.seq));
  }
  return { parts, updateSeqs, snapshotVersion };
}

/** Applies the parts of a stored document in one transaction (cheaper than merging them first). */
export function applyStored(ydoc: Y.Doc, parts: Uint8Array[]): void {
  Y.transact(ydoc, () => {
    for (const part of parts) Y.applyUpdate(ydoc, part);
  });
}

/** Applies a stored document to a fresh Y.Doc (the caller owns and destroys it). */
export async function loadYDoc(db: Tx, doc: string): Promise<{ ydoc: Y.Doc; stored: StoredDocument }> {
  const stored = await loadStoredDocument(db, doc);
  const ydoc = new Y.Doc({ gc: true });
  applyStored(ydoc, stored.parts);
  return { ydoc, stored };
}

export interface NewUpdate {
  doc: string;
  update: Uint8Array;
  userId: string | null;
}

/** Appends updates in one INSERT (one commit) and returns their seqs in the same order. */
export async function appendUpdates(db: Tx, rows: NewUpdate[]): Promise<number[]> {
  if (!rows.length) return [];
  const inserted = await db.insert(collabUpdates).values(rows).returning({ seq: collabUpdates.seq });
  return inserted.map((r) => r.seq);
}

/** First key of the advisory lock a compaction holds (the second is the document's hash). */
const COMPACTION_LOCK = 0x636f6c;

/**
 * Replaces snapshot version `expectedVersion` (0: there is none yet) with `fullState` and deletes
 * the update rows `coveredSeqs` it includes, in one transaction. Returns the new version, or null
 * when someone else wrote a snapshot meanwhile (an instance that had the document open before a
 * restart, or another sidecar): then nothing is written, and the caller merges that snapshot in and
 * tries again, so a snapshot never drops what another one held. "busy" when another compaction of
 * the document held the advisory lock for over 5 s: nothing is written, try later.
 */
export async function storeSnapshot(db: Db, doc: string, fullState: Uint8Array, coveredSeqs: number[], expectedVersion: number): Promise<number | null | "busy"> {
  const state = await packState(fullState);
  const upToSeq = coveredSeqs.reduce((a, b) => Math.max(a, b), 0);
  return db.transaction(async (tx) => {
    // One compaction of a document at a time, whichever sidecar (or script) runs it: the others wait
    // their turn (a compaction takes milliseconds), then find the snapshot moved on and merge it.
    await tx.execute(sql`set local lock_timeout = '5s'`);
    try {
      await tx.execute(sql`select pg_advisory_xact_lock(${COMPACTION_LOCK}, hashtext(${doc}))`);
    } catch (e) {
      if ((e as { code?: string }).code === "55P03" || (e as { cause?: { code?: string } }).cause?.code === "55P03") return "busy";
      throw e;
    }
    const written =
      expectedVersion === 0
        ? await tx.insert(collabSnapshots).values({ doc, state, upToSeq, version: 1 }).onConflictDoNothing().returning({ version: collabSnapshots.version })
        : await tx
            .update(collabSnapshots)
            .set({ state, upToSeq: sql`greatest(${collabSnapshots.upToSeq}, ${upToSeq})`, version: sql`${collabSnapshots.version} + 1`, updatedAt: new Date() })
            .where(and(eq(collabSnapshots.doc, doc), eq(collabSnapshots.version, expectedVersion)))
            .returning({ version: collabSnapshots.version });
    if (!written.length) return null;
    for (let i = 0; i < coveredSeqs.length; i += 5000) {
      await tx.delete(collabUpdates).where(and(eq(collabUpdates.doc, doc), inArray(collabUpdates.seq, coveredSeqs.slice(i, i + 5000))));
    }
    return written[0]!.version;
  });
}

/** Which of these update rows of a document are still stored (not yet folded into a snapshot). */
export async function storedSeqs(db: Tx, doc: string, seqs?: number[]): Promise<number[]> {
  if (seqs && !seqs.length) return [];
  const rows = await db
    .select({ seq: collabUpdates.seq })
    .from(collabUpdates)
    .where(seqs ? and(eq(collabUpdates.doc, doc), inArray(collabUpdates.seq, seqs)) : eq(collabUpdates.doc, doc));
  return rows.map((r) => r.seq);
}

/** Update rows of a document by seq (a catch-up after missed messages). */
export async function loadUpdates(db: Tx, doc: string, seqs: number[]): Promise<{ seq: number; update: Uint8Array }[]> {
  if (!seqs.length) return [];
  const rows = await db
    .select({ seq: collabUpdates.seq, update: collabUpdates.update })
    .from(collabUpdates)
    .where(and(eq(collabUpdates.doc, doc), inArray(collabUpdates.seq, seqs)))
    .orderBy(collabUpdates.seq);
  return rows.map((r) => ({ seq: r.seq, update: asBytes(r.update) }));
}

/** The current snapshot of a document, unpacked, with its version; null when there is none. */
export async function loadSnapshot(db: Tx, doc: string): Promise<{ state: Uint8Array; version: number } | null> {
  const [row] = await db.select({ state: collabSnapshots.state, version: collabSnapshots.version }).from(collabSnapshots).where(eq(collabSnapshots.doc, doc));
  return row ? { state: await unpackState(row.state), version: row.version } : null;
}

/** Folds a document's updates into its snapshot from what is in the database (scripts and tests; not while a sidecar has it open). */
export async function compactStoredDocument(db: Db, doc: string): Promise<void> {
  const { ydoc, stored } = await loadYDoc(db, doc);
  try {
    if (stored.updateSeqs.length > 0) await storeSnapshot(db, doc, Y.encodeStateAsUpdate(ydoc), stored.updateSeqs, stored.snapshotVersion);
  } finally {
    ydoc.destroy();
  }
}
