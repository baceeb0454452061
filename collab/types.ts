/**
 * The shapes the sidecar's modules share: a connection, a loaded document, and the hooks an
 * extension (Redis fan-out, PostgreSQL notifications) may implement, in the manner of
 * Hocuspocus's extensions: the core calls each hook at one well-defined moment.
 */
import type { WebSocket } from "ws";
import type * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import type { CollabMode } from "@/lib/collab/protocol";

/** What the upgrade check grants a socket. */
export interface Grant {
  userId: string;
  /** The member's public name (pseudonym if they use one), shown on their caret whatever the client claims. */
  name: string;
  doc: string;
  mode: CollabMode;
  /** The theme the document belongs to, so a change of the theme's rights finds its sockets. */
  themeId: string | null;
}

export interface Conn {
  ws: WebSocket;
  userId: string;
  name: string;
  mode: CollabMode;
  themeId: string | null;
  doc: SharedDoc;
  /**
   * The one awareness client id this socket may publish for (its Y.Doc's clientID), claimed by its
   * first awareness entry; null until then. Entries for any other id are dropped.
   */
  awarenessId: number | null;
  /** Set when storing one of its updates failed: later updates from it are dropped (they may depend on it). */
  failed: boolean;
  alive: boolean;
}

export interface PendingUpdate {
  update: Uint8Array;
  conn: Conn;
  at: number;
}

export interface SharedDoc {
  name: string;
  ydoc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<Conn>;
  /** Received from writers, not yet being stored. */
  pending: PendingUpdate[];
  /** Inserts under way. */
  inFlight: number;
  /** The chain that applies stored batches in the order they were started. */
  applied: Promise<void>;
  /** collab_updates rows applied to the in-memory doc and not yet folded into a snapshot (by us). */
  appliedSeqs: number[];
  /** Every collab_updates seq applied to the in-memory doc, so one arriving twice is skipped. */
  seenSeqs: Set<number>;
  /** The snapshot version this instance loaded, merged or last wrote. */
  snapshotVersion: number;
  unloadTimer: NodeJS.Timeout | null;
  unloaded: boolean;
  /** Changed since onSettled last ran. */
  dirty: boolean;
  settleTimer: NodeJS.Timeout | null;
  compacting: Promise<void> | null;
  /** A catch-up from PostgreSQL under way (see catch-up.ts). */
  catchingUp: Promise<void> | null;
  catchUpAgain: boolean;
}

/** Origin of changes that come from elsewhere (another sidecar, the web app) rather than a local socket. */
export const REMOTE = Symbol("remote");

export interface StoredBatch {
  /** The updates as stored, in order, and their collab_updates seqs. */
  updates: Uint8Array[];
  seqs: number[];
}

/** A change of rights announced by the web app: recheck the sockets it may concern, now. */
export type RevocationTarget = { userId: string } | { themeId: string } | { all: true };

/**
 * Hooks of a sidecar extension. Every hook is optional; the core never waits for one longer than
 * the hook's own promise, and a failing hook is logged, never fatal to the document.
 */
export interface CollabExtension {
  readonly name: string;
  /** Before a document is read from PostgreSQL: e.g. note the position of its stream. */
  beforeLoad?(doc: string): Promise<void> | void;
  /** After a document is loaded and registered. */
  afterLoad?(doc: SharedDoc): Promise<void> | void;
  /** After a batch of local updates is committed, applied and broadcast to the local sockets. */
  afterStore?(doc: SharedDoc, batch: StoredBatch): void;
  /** After local sockets changed the awareness (carets), with the encoded change. */
  afterLocalAwareness?(doc: SharedDoc, update: Uint8Array): void;
  /** After a document has been stored and forgotten. */
  afterUnload?(doc: string): void;
  /** After the web app announced a change of rights (received by this extension or another). */
  afterRevocation?(target: RevocationTarget, id: string): void;
  /** Resolves once the extension is listening (tests wait for it before they announce anything). */
  ready?(): Promise<void>;
  /** The server is closing. */
  destroy?(): Promise<void> | void;
}
