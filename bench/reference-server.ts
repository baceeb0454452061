/**
 * `npx tsx bench/reference-server.ts <port>`: the reference the sidecar's fan-out is measured
 * against in bench/collab.ts — a minimal in-memory y-websocket server written on y-protocols and
 * ws (what @y/websocket-server's setupWSConnection does: one Y.Doc per room, every update applied
 * and sent to every socket of the room, awareness relayed), with no authorisation and no storage.
 */
import http from "node:http";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocketServer, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

interface Room {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  sockets: Set<WebSocket>;
}
const rooms = new Map<string, Room>();

function room(name: string): Room {
  const r = rooms.get(name);
  if (r) return r;
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const made: Room = { doc, awareness, sockets: new Set() };
  doc.on("update", (update: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
    const frame = encoding.toUint8Array(e);
    for (const s of made.sockets) s.send(frame);
  });
  awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
    const frame = encoding.toUint8Array(e);
    for (const s of made.sockets) s.send(frame);
  });
  rooms.set(name, made);
  return made;
}

const server = http.createServer((_req, res) => res.end("ok"));
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on("connection", (ws, req) => {
  const r = room((req.url ?? "/").slice(1).split("?")[0]!);
  r.sockets.add(ws);
  ws.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.readSyncMessage(decoder, e, r.doc, ws);
      if (encoding.length(e) > 1) ws.send(encoding.toUint8Array(e));
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(r.awareness, decoding.readVarUint8Array(decoder), ws);
    }
  });
  ws.on("close", () => r.sockets.delete(ws));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeSyncStep1(e, r.doc);
  ws.send(encoding.toUint8Array(e));
});
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => console.log("ready"));
