/**
 * Large offline edits over a sidecar that caps a frame at MAX_FRAME_BYTES. A y-websocket client
 * answers the server's sync step 1 with everything the server lacks in ONE frame; after hours of
 * offline typing that frame exceeds the cap, the sidecar closes the socket (4413), the client
 * reconnects and sends the same frame again, forever. This wrapper keeps the local changes made
 * since the last handshake and, when the answer would be too large, sends them instead as several
 * update frames under the cap (in order, so each part applies on the server), then whatever is
 * left. A single change larger than the cap cannot be split this way: it is not sent, and
 * `onOversized` tells the user, rather than looping. Plain Yjs, for the browser and Node tests.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { WebsocketProvider } from "y-websocket";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MAX_FRAME_BYTES, MESSAGE, SYNC } from "./protocol";

/** Room for the frame's own header (type, sub-type, length). */
const HEADER_ROOM = 64;

type SyncHandler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: WebsocketProvider, emitSynced: boolean, messageType: number) => void;

export interface ChunkedSyncOptions {
  /** Default: the sidecar's cap. */
  maxFrameBytes?: number;
  /** A change too large to send at all (one paste over the cap). */
  onOversized?: (bytes: number) => void;
  /** Each time the answer to a handshake went out in parts (tests, figures). */
  onParts?: (parts: number) => void;
}

export function enableChunkedSync(provider: WebsocketProvider, options: ChunkedSyncOptions = {}): () => void {
  const limit = (options.maxFrameBytes ?? MAX_FRAME_BYTES) - HEADER_ROOM;
  const doc = provider.doc;
  /** Local changes since the last handshake, oldest first. */
  let log: Uint8Array[] = [];
  const handlers = (provider as unknown as { messageHandlers: SyncHandler[] }).messageHandlers;
  const original = handlers[MESSAGE.sync]!;

  const sendUpdate = (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.writeUpdate(encoder, update);
    provider.ws?.send(encoding.toUint8Array(encoder));
  };

  handlers[MESSAGE.sync] = (encoder, decoder, p, emitSynced, messageType) => {
    // Peek at the sub-type without consuming the frame.
    const peek = decoding.clone(decoder);
    if (decoding.readVarUint(peek) !== SYNC.step1) return original(encoder, decoder, p, emitSynced, messageType);
    decoding.readVarUint(decoder);
    const serverVector = decoding.readVarUint8Array(decoder);
    const answer = Y.encodeStateAsUpdate(doc, serverVector);
    const sent = log;
    log = [];
    if (answer.byteLength <= limit) {
      encoding.writeVarUint(encoder, MESSAGE.sync);
      encoding.writeVarUint(encoder, SYNC.step2);
      encoding.writeVarUint8Array(encoder, answer);
      return;
    }
    // Too large for one frame: the logged changes in groups under the cap, then the rest.
    let parts = 0;
    let group: Uint8Array[] = [];
    let groupBytes = 0;
    const flush = () => {
      if (!group.length) return;
      sendUpdate(group.length === 1 ? group[0]! : Y.mergeUpdates(group));
      parts++;
      group = [];
      groupBytes = 0;
    };
    for (const u of sent) {
      if (u.byteLength > limit) {
        options.onOversized?.(u.byteLength);
        continue;
      }
      if (groupBytes + u.byteLength > limit) flush();
      group.push(u);
      groupBytes += u.byteLength;
    }
    flush();
    const covered = Y.decodeStateVector(serverVector);
    if (sent.length) {
      for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(Y.mergeUpdates(sent)))) covered.set(client, Math.max(clock, covered.get(client) ?? 0));
    }
    const rest = Y.diffUpdate(answer, Y.encodeStateVector(covered));
    if (rest.byteLength <= limit) {
      sendUpdate(rest);
      parts++;
    } else {
      options.onOversized?.(rest.byteLength);
    }
    options.onParts?.(parts);
    // The encoder stays empty: the provider sends no frame of its own for this handshake.
  };

  // Live changes: logged for the next handshake; one over the cap is never sent (it would close the socket).
  const liveHandler = (provider as unknown as { _updateHandler: (update: Uint8Array, origin: unknown) => void })._updateHandler;
  doc.off("update", liveHandler);
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    log.push(update);
    if (update.byteLength > limit) return options.onOversized?.(update.byteLength);
    liveHandler(update, origin);
  };
  doc.on("update", onUpdate);

  return () => {
    handlers[MESSAGE.sync] = original;
    doc.off("update", onUpdate);
    doc.on("update", liveHandler);
  };
}
