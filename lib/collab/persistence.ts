/**
 * Where co-edited documents live in PostgreSQL: an append-only log of Yjs updates per document
 * (collab_updates), folded now and then into one snapshot (collab_snapshots). A document is its
 * snapshot plus every later update; merging them in any order gives the same document.
 */
import { promisify } from "node:util";
import { constants, deflateRaw, inflateRaw } from "node:zlib";
import { and, eq, lte, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db, Tx } from "@/db";
import { collabSnapshots, collabUpdates } from "@/db/schema";

export interface StoredDocument {
  /** The snapshot first (if any), then later updates in the order they were stored. */
  parts: Uint8Array[];
  /** The highest update seq included in `parts` (0 when there is none). */
  upToSeq: number;
  /** How many update rows follow the snapshot: compaction is due when this grows. */
  pendingUpdates: number;
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
 * Reads a document in ONE statement, so a compaction committing meanwhile can never make us read
 * the old snapshot together with the post-compaction update list (which would drop updates).
 */
export async function loadStoredDocument(db: Tx, doc: string): Promise<StoredDocument> {
  const result = await db.execute<{ kind: number; data: Buffer; seq: string }>(sql`
    with s as (select state, up_to_seq from ${collabSnapshots} where doc = ${doc})
    select 0 as kind, state as data, up_to_seq as seq from s
    union all
    select 1, u.update, u.seq from ${collabUpdates} u
      where u.doc = ${doc} and u.seq > coalesce((select up_to_seq from s), 0)
    order by kind, seq`);
  const parts: Uint8Array[] = [];
  let upToSeq = 0;
  let pendingUpdates = 0;
  for (const row of result.rows) {
    parts.push(Number(row.kind) === 0 ? await unpackState(row.data) : asBytes(row.data));
    upToSeq = Math.max(upToSeq, Number(row.seq));
    if (Number(row.kind) === 1) pendingUpdates++;
  }
  return { parts, upToSeq, pendingUpdates };
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

/**
 * Replaces the snapshot with `state` (everything up to `upToSeq`) and deletes the updates it
 * covers, in one transaction. A snapshot never moves backwards.
 */
export async function storeSnapshot(db: Db, doc: string, fullState: Uint8Array, upToSeq: number): Promise<void> {
  const state = await packState(fullState);
  await db.transaction(async (tx) => {
    const written = await tx
      .insert(collabSnapshots)
      .values({ doc, state, upToSeq })
      .onConflictDoUpdate({
        target: collabSnapshots.doc,
        set: { state, upToSeq, updatedAt: new Date() },
        setWhere: sql`${collabSnapshots.upToSeq} <= ${upToSeq}`,
      })
      .returning({ doc: collabSnapshots.doc });
    if (written.length) await tx.delete(collabUpdates).where(and(eq(collabUpdates.doc, doc), lte(collabUpdates.seq, upToSeq)));
  });
}

/** Folds a document's updates into its snapshot from what is in the database (used by scripts and tests). */
export async function compactStoredDocument(db: Db, doc: string): Promise<void> {
  const { ydoc, stored } = await loadYDoc(db, doc);
  try {
    if (stored.pendingUpdates > 0) await storeSnapshot(db, doc, Y.encodeStateAsUpdate(ydoc), stored.upToSeq);
  } finally {
    ydoc.destroy();
  }
}
