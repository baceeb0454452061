/**
 * The web app changing a co-edited document itself (restoring a revision, adding a quote), with
 * or without any editor's browser open: the change is computed on the stored document, appended
 * to collab_updates like any member's edit, and announced in the same transaction, so every
 * sidecar holding the document applies it from PostgreSQL and its sockets see it live. Readers'
 * render is refreshed at once, since no sidecar may hold the document.
 */
import { sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "@/db";
import { announceDocumentChange } from "./announce";
import { storeRenderedDocument } from "./documents";
import { appendUpdates, loadYDoc } from "./persistence";
import { renderDocument } from "./render";

/** First key of the advisory lock that keeps two server changes of one document apart. */
const SERVER_CHANGE_LOCK = 0x736376;

/**
 * Runs `change` on the stored document and stores what it did as one update by `userId`.
 * `change` returns false to store nothing. Returns whether anything was stored.
 */
export async function changeStoredDocument(db: Db, doc: string, userId: string | null, change: (ydoc: Y.Doc) => boolean | void): Promise<boolean> {
  const rendered = await db.transaction(async (tx) => {
    // Two server changes computed from the same stored state would both apply (a quote twice).
    await tx.execute(sql`select pg_advisory_xact_lock(${SERVER_CHANGE_LOCK}, hashtext(${doc}))`);
    const { ydoc } = await loadYDoc(tx, doc);
    try {
      const updates: Uint8Array[] = [];
      ydoc.on("update", (u: Uint8Array) => updates.push(u));
      if (change(ydoc) === false || !updates.length) return null;
      await appendUpdates(tx, [{ doc, update: Y.mergeUpdates(updates), userId }]);
      await announceDocumentChange(tx, doc);
      return renderDocument(ydoc);
    } finally {
      ydoc.destroy();
    }
  });
  if (!rendered) return false;
  await storeRenderedDocument(db, doc, rendered);
  return true;
}
