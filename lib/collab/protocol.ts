/**
 * What the collaboration sidecar and its clients agree on: document names, close codes and limits.
 * Plain TypeScript with no Next.js import, so the sidecar, the web app and the browser share it.
 */

/** Close codes the sidecar uses after it has accepted a socket. The client reacts to each. */
export const CLOSE = {
  /** Service restart (graceful shutdown): reconnect with backoff. */
  restart: 1012,
  /** The sidecar could not store an update: reconnect, the client re-sends what the server lacks. */
  storageFailed: 1011,
  /** A frame the protocol does not allow. */
  malformed: 4400,
  /** No valid token, or the member no longer exists: fetch a fresh token before reconnecting. */
  unauthenticated: 4401,
  /** Rights changed (suspended, lost the right to edit): fetch a fresh token; it may come back read-only. */
  forbidden: 4403,
  /** A frame over MAX_FRAME_BYTES. */
  tooLarge: 4413,
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** One websocket frame from a client may not exceed this. */
export const MAX_FRAME_BYTES = 1024 * 1024;

export type CollabMode = "read" | "write";
export type CollabKind = "response" | "synthesis";
export interface CollabDocName {
  kind: CollabKind;
  id: string;
}

const DOC_NAME = /^(response|synthesis)\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** `response.<uuid>` or `synthesis.<uuid>`; null for anything else. */
export function parseDocName(name: string): CollabDocName | null {
  const m = DOC_NAME.exec(name.toLowerCase());
  return m ? { kind: m[1] as CollabKind, id: m[2]! } : null;
}

export const docName = (kind: CollabKind, id: string) => `${kind}.${id.toLowerCase()}`;

/** y-websocket message types (the first varuint of each frame). */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
/** Sync sub-types (the second varuint of a sync frame). */
export const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** The websocket subprotocol prefix a browser may use to carry the token instead of the query string. */
export const TOKEN_PROTOCOL_PREFIX = "commonplace.token.";
