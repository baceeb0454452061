/**
 * Restoring a revision in the editor, as one ordinary change to the live document: the current
 * content is replaced by copies of the revision's nodes. Because it is a new change, every
 * client sees it live and the earlier content stays in the update history and in other revisions.
 * Plain Yjs, for the browser.
 */
import * as Y from "yjs";
import { FRAGMENT } from "./schema";

export function restoreRevision(live: Y.Doc, revisionState: Uint8Array, origin: unknown = "restore"): void {
  const revision = new Y.Doc();
  try {
    Y.applyUpdate(revision, revisionState);
    const source = revision.getXmlFragment(FRAGMENT);
    const target = live.getXmlFragment(FRAGMENT);
    live.transact(() => {
      target.delete(0, target.length);
      target.insert(0, source.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone()));
    }, origin);
  } finally {
    revision.destroy();
  }
}
