/**
 * One socket speaking the y-websocket protocol (sync step 1/2, update, awareness,
 * query-awareness) on one document. A read-only connection may send awareness and sync step 1;
 * its step 2 and updates are dropped. A malformed or oversized frame closes that socket only.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket, type RawData } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CLOSE, MAX_FRAME_BYTES, MESSAGE, SYNC } from "@/lib/collab/protocol";
import { awarenessMessage, ownAwareness } from "./awareness";
import { send } from "./broadcast";
import type { DocumentRegistry } from "./document-registry";
import type { StorePipeline } from "./store-pipeline";
import type { Conn, Grant, SharedDoc } from "./types";

export interface ConnectionDeps {
  registry: DocumentRegistry;
  pipeline: StorePipeline;
  conns: Set<Conn>;
  log(message: string): void;
}

export async function acceptConnection(deps: ConnectionDeps, ws: WebSocket, grant: Grant): Promise<void> {
  // Frames that arrive while the document loads are kept and handled in order afterwards.
  const early: RawData[] = [];
  const earlyHandler = (data: RawData) => early.push(data);
  ws.on("message", earlyHandler);
  ws.on("error", () => ws.terminate());
  let doc: SharedDoc;
  try {
    doc = await deps.registry.get(grant.doc);
  } catch (e) {
    deps.log(`could not load ${grant.doc}: ${(e as Error).message}`);
    ws.close(CLOSE.storageFailed, "Could not load the document");
    return;
  }
  if (ws.readyState !== WebSocket.OPEN) return deps.registry.releaseIfIdle(doc);
  const conn: Conn = { ws, userId: grant.userId, name: grant.name, mode: grant.mode, themeId: grant.themeId, doc, awarenessId: null, failed: false, alive: true };
  deps.conns.add(conn);
  deps.registry.attach(doc, conn);
  ws.off("message", earlyHandler);
  ws.on("message", (data) => onMessage(deps, conn, data));
  ws.on("pong", () => (conn.alive = true));
  ws.on("close", () => {
    deps.conns.delete(conn);
    deps.registry.detach(conn);
  });

  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  syncProtocol.writeSyncStep1(encoder, doc.ydoc);
  send(conn, encoding.toUint8Array(encoder));
  const states = doc.awareness.getStates();
  if (states.size > 0) send(conn, awarenessMessage(doc.awareness, [...states.keys()]));
  for (const data of early) onMessage(deps, conn, data);
}

function onMessage(deps: ConnectionDeps, conn: Conn, data: RawData): void {
  const bytes = toBytes(data);
  if (bytes.byteLength > MAX_FRAME_BYTES) return conn.ws.close(CLOSE.tooLarge, "Frame too large");
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    const doc = conn.doc;
    switch (type) {
      case MESSAGE.sync: {
        const sub = decoding.readVarUint(decoder);
        if (sub === SYNC.step1) {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE.sync);
          encoding.writeVarUint(encoder, SYNC.step2);
          const stateVector = decoding.readVarUint8Array(decoder);
          encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc.ydoc, stateVector));
          send(conn, encoding.toUint8Array(encoder));
        } else if (sub === SYNC.step2 || sub === SYNC.update) {
          const update = decoding.readVarUint8Array(decoder);
          // Whatever a read-only client sends, it never changes the document.
          if (conn.mode !== "write" || conn.failed) return;
          // Decoded without being applied, so that garbage is refused before it is stored.
          Y.decodeUpdate(update);
          deps.pipeline.enqueue(doc, update, conn);
        } else {
          throw new Error(`unknown sync message ${sub}`);
        }
        break;
      }
      case MESSAGE.awareness: {
        // Another socket's id may not be taken over; the member's own (after a reconnect elsewhere) may.
        const heldElsewhere = (id: number) => {
          for (const c of doc.conns) if (c !== conn && c.awarenessId === id) return true;
          const state = doc.awareness.getStates().get(id) as { user?: { id?: unknown } } | undefined;
          return state !== undefined && state.user?.id !== conn.userId;
        };
        const update = ownAwareness(decoding.readVarUint8Array(decoder), conn, heldElsewhere);
        if (update) awarenessProtocol.applyAwarenessUpdate(doc.awareness, update, conn);
        break;
      }
      case MESSAGE.queryAwareness:
        send(conn, awarenessMessage(doc.awareness, [...doc.awareness.getStates().keys()]));
        break;
      case MESSAGE.auth:
        // Authorisation happened on the upgrade; nothing to do.
        break;
      default:
        throw new Error(`unknown message type ${type}`);
    }
  } catch (e) {
    deps.log(`closing a socket on ${conn.doc.name} after a malformed frame: ${(e as Error).message}`);
    conn.ws.close(CLOSE.malformed, "Malformed message");
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
