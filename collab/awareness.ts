/**
 * Awareness (carets, who is here) as the sidecar lets it through. A y-websocket client re-sends
 * every awareness change it hears, its peers' included, so a frame may carry other clients'
 * entries: those are dropped, not refused. A connection publishes only for its own client id
 * (named first in its first frame that names a present client nobody else holds), under the name of the member behind
 * the socket, whatever name the client sent.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import { MESSAGE } from "@/lib/collab/protocol";

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The JSON text of the state ("null" when the client left). */
  state: string;
}

export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}

export interface AwarenessSender {
  /** The client id this connection has claimed; null until its first entry. */
  awarenessId: number | null;
  userId: string;
  name: string;
}

/**
 * The part of an incoming awareness update this connection may publish, rewritten with its
 * member's name and id; null when nothing is left. `heldElsewhere(id)` says whether another
 * connection (here or on another sidecar) already publishes for that id, which a newcomer may not
 * take over. Throws on a malformed update.
 */
export function ownAwareness(update: Uint8Array, sender: AwarenessSender, heldElsewhere: (clientId: number) => boolean): Uint8Array | null {
  const entries = decodeAwarenessEntries(update);
  if (sender.awarenessId === null) {
    // A client sends its own state first on connecting; echoes of others' are held by them (or are
    // removals, with a null state), so they cannot claim an id.
    const first = entries[0];
    if (!first || first.state === "null" || heldElsewhere(first.clientId)) return null;
    sender.awarenessId = first.clientId;
  }
  const own = entries.filter((e) => e.clientId === sender.awarenessId);
  if (!own.length) return null;
  return encodeAwarenessEntries(
    own.map((e) => {
      const state: unknown = JSON.parse(e.state);
      if (!state || typeof state !== "object") return { ...e, state: "null" };
      const user = (state as { user?: unknown }).user;
      const named = { ...state, user: { ...(user && typeof user === "object" ? user : {}), name: sender.name, id: sender.userId } };
      return { ...e, state: JSON.stringify(named) };
    }),
  );
}

/** An awareness frame (message type 1) for the given clients' current states. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

export function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
